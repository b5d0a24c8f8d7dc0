"""Where a page finds the pillar's RSS feeds, for ``<link rel="alternate">``."""

FEEDS = (
    ("documents", "DocumentRegisterPage", "Văn bản mới"),
    ("announcements", "AnnouncementIndexPage", "Thông báo, kế hoạch mới"),
)


def _is(page, model):
    """Whether ``page`` (specific or not) is a ``model`` page, without a query."""
    cls = page.specific_class if page.content_type_id else type(page)
    return cls is not None and issubclass(cls, model)


def feed_links(page, request, kinds=("documents", "announcements"), children=None):
    """[{title, url}] of the pillar's feeds that exist above or beside ``page``.

    The pillar and the index pages are looked for first among the pages already read: the
    pages routing walked through (``route_ancestors``) and, on the pillar, its live
    ``children``; only what is not among them is queried."""
    from . import announcements, documents
    from .pillar import GovernancePage

    ancestors = list(getattr(page, "route_ancestors", ()))
    if isinstance(page, GovernancePage):
        pillar = page
    else:
        pillar = next((a for a in ancestors if _is(a, GovernancePage)), None)
        if pillar is None:
            pillar = GovernancePage.objects.ancestor_of(page).only("id", "path", "depth").first()
    if pillar is None:
        return []
    known = [*ancestors, *(children or ())]
    links = []
    for kind, name, title in FEEDS:
        if kind not in kinds:
            continue
        model = getattr(documents, name, None) or getattr(announcements, name)
        if isinstance(page, model):
            index = page
        else:
            index = next(
                (
                    candidate
                    for candidate in known
                    if candidate.live
                    and candidate.depth == pillar.depth + 1
                    and candidate.path.startswith(pillar.path)
                    and _is(candidate, model)
                ),
                None,
            )
            if index is None and children is None:
                index = model.objects.child_of(pillar).live().first()
        if index is not None:
            links.append({"title": title, "url": index.get_url(request) + "rss/"})
    return links
