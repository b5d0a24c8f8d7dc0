"""Keep the search index in step with publishing (connected in SiteSearchConfig.ready)."""

from wagtail.signals import page_published, page_unpublished, post_page_move

from .indexing import index_page, index_subtree, remove_page


def on_published(sender, instance, **kwargs):
    index_page(instance)


def on_unpublished(sender, instance, **kwargs):
    remove_page(instance)


def on_moved(sender, instance, **kwargs):
    index_subtree(instance)


def register_signal_handlers():
    page_published.connect(on_published, dispatch_uid="sitesearch_index_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="sitesearch_remove_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="sitesearch_index_moved")
