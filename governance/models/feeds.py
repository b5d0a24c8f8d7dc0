"""Where a page finds the pillar's RSS feeds, for ``<link rel="alternate">``."""


def feed_links(page, request, kinds=("documents", "announcements")):
    """[{title, url}] of the pillar's feeds that exist above or beside ``page``."""
    from .announcements import AnnouncementIndexPage
    from .documents import DocumentRegisterPage
    from .pillar import GovernancePage

    pillar = (
        page
        if isinstance(page, GovernancePage)
        else GovernancePage.objects.ancestor_of(page).only("id", "path", "depth").first()
    )
    if pillar is None:
        return []
    links = []
    for kind, model, title in (
        ("documents", DocumentRegisterPage, "Văn bản mới"),
        ("announcements", AnnouncementIndexPage, "Thông báo, kế hoạch mới"),
    ):
        if kind not in kinds:
            continue
        index = page if isinstance(page, model) else model.objects.child_of(pillar).live().first()
        if index is not None:
            links.append({"title": title, "url": index.get_url(request) + "rss/"})
    return links
