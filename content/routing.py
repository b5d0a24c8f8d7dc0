"""Finding the page of a URL in two queries, whatever its depth.

Wagtail routes ``/a/b/c/`` one level at a time: each page looks up its child by slug and
loads the child's specific row, two queries a level, so a document in the register costs
eight before it renders. ``route`` below (``BasePage.route``) reads every page on the path in
one query (the pages whose ``url_path`` is a prefix of the requested one) and then walks down
them as Wagtail would, without queries, as long as each page routes the default way: a page
with routes of its own (``RoutablePageMixin``) is handed the rest of the path, exactly as
Wagtail's own routing would hand it. Only the page that answers is loaded as its specific
type. The pages walked through are kept on it (``route_ancestors``) for its breadcrumbs.
"""

from django.http import Http404

FOUND_ATTRIBUTE = "_portal_route_found"


def route(page, request, path_components, default_route, plain):
    """Route ``path_components`` below ``page``; ``plain(cls)`` tells whether a page type routes
    the default way (this function); ``default_route`` is Wagtail's own for the end page."""
    if not path_components:
        return default_route(request, path_components)
    from wagtail.models import Page

    prefixes = []
    for component in path_components:
        prefixes.append((prefixes[-1] if prefixes else page.url_path) + component + "/")
    # A page with routes of its own hands unmatched paths back here: reuse what was read.
    found = getattr(request, FOUND_ATTRIBUTE, None)
    if found is None or not all(prefix in found for prefix in prefixes):
        found = {
            found.url_path: found
            for found in Page.objects.filter(
                slug__in=path_components,
                url_path__in=prefixes,
                depth__gt=page.depth,
                depth__lte=page.depth + len(path_components),
            )
            if found.path.startswith(page.path)
        }
        if request is not None:
            setattr(request, FOUND_ATTRIBUTE, found)
    parent, walked = page, [page]
    for depth, prefix in enumerate(prefixes):
        child = found.get(prefix)
        if child is None:
            raise Http404
        child._cached_parent_obj = parent
        remaining = path_components[depth + 1 :]
        cls = child.specific_class
        if cls is None or not remaining or not plain(cls):
            specific = child.specific
            # Kept before routing on: a page deeper down takes these as the start of its own.
            specific.route_ancestors = [*getattr(page, "route_ancestors", ()), *walked]
            return specific.route(request, remaining)
        parent = child
        walked = [*walked, child]
    raise Http404  # not reached: the last prefix has no remaining components
