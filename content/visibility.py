"""Which pages a citizen may see, computed once per request.

Wagtail's ``PageQuerySet.public()`` reads every view restriction each time it is called; a
procedure page calls it for its FAQ, its life events, the menu and more. ``public`` keeps the
result on the request, so that a page pays for it once."""

ATTRIBUTE = "_portal_private_pages_q"


def public(queryset, request=None):
    """``queryset.public()``, reading the view restrictions at most once per request."""
    if request is None:
        return queryset.public()
    private = getattr(request, ATTRIBUTE, None)
    if private is None:
        private = queryset.private_q()
        setattr(request, ATTRIBUTE, private)
    return queryset.exclude(private)
