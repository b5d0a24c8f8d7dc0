"""Which pages a citizen may see, without reading the view restrictions on every call.

Wagtail's ``PageQuerySet.public()`` reads every view restriction each time it is called; a
procedure page calls it for its FAQ, its life events, the menu and more. ``public`` takes the
restricted paths from ``content.page_parts`` (kept between requests) instead: with no
restriction anywhere, the queryset is left as it is."""

from django.db.models import Q

from .page_parts import restricted_paths


def private_q():
    """Pages in a restricted section (and aliases of restricted pages): no page when none."""
    paths = restricted_paths()
    if not paths:
        return None
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return q


def public(queryset, request=None):
    """``queryset.public()``, with the restrictions read from the shared cache.

    ``request`` is accepted for the callers that pass it; the answer does not depend on it."""
    private = private_q()
    return queryset if private is None else queryset.exclude(private)
