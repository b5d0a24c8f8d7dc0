"""What a page reads of other pages (and of rows saved only when pages are published), kept
in the shared cache under ``content.page_parts.generation()``.

``kept(name, build)`` returns ``build()``, worked out at most once per generation: any
publication, unpublication, move or deletion of a page, and any change of a view restriction,
moves the generation on (``content.page_parts``). The rows a page shows beside its own that
are not pages (its short link, its change notes, the documents it links) move it on too:
``register`` connects their saves and deletions to ``page_parts.changed``.
"""

from . import page_parts


def kept(name, build):
    return page_parts.kept(f"page:{name}", build, in_memory=False)


def children(page):
    """``page``'s live public children as their own types, kept (``.specific()`` costs a
    query per page type)."""
    from .visibility import public

    return kept(f"children:{page.pk}", lambda: list(public(page.get_children().live()).specific()))


def with_prefetched(instance, name, objects):
    """Make ``instance.<name>.all()`` (a reverse relation) return ``objects`` without a query,
    as ``prefetch_related`` would."""
    manager = getattr(instance, name)
    queryset = manager.all()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    key = getattr(manager, "prefetch_cache_name", None) or manager.field.remote_field.cache_name
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[key] = queryset
    return instance


def history_and_short_link(page):
    """The page's change notes (``page.change_notes.all``, as includes/page_history.html reads
    them) and its short link, kept; the notes are set on ``page``, the link returned."""
    from .models import ChangeNote, ShortLink

    notes, link = kept(
        f"history:{page.pk}",
        lambda: (
            list(ChangeNote.objects.filter(page_id=page.pk)),
            ShortLink.objects.filter(page_id=page.pk).first(),
        ),
    )
    with_prefetched(page, "change_notes", notes)
    return link


def history(page):
    """Set ``page``'s change notes from the cache (see ``history_and_short_link``)."""
    history_and_short_link(page)
    return page


def register():
    from django.db.models.signals import post_delete, post_save
    from wagtail.documents import get_document_model

    from .models import ChangeNote, ShortLink

    for sender in (ChangeNote, ShortLink, get_document_model()):
        for signal in (post_save, post_delete):
            signal.connect(
                page_parts.changed,
                sender=sender,
                dispatch_uid=f"content_page_cache_{sender.__name__}_{signal is post_save}",
            )
