"""Keep the search entries of the health pages current: their search text lists the upcoming
events and the hot spots, which change without the pages being published."""

import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import HealthEvent, HealthPage, HotSpot, HotSpotPage

_state = threading.local()


def reindex(model, site_id):
    from wagtail.models import Site

    from sitesearch.indexing import index_page

    site = Site.objects.filter(pk=site_id).select_related("root_page").first()
    if site is None:
        return
    for page in model.objects.live().descendant_of(site.root_page):
        index_page(page)


@contextmanager
def reindex_once(site_id):
    """Change many events and hot spots of a ward (the demo seed) and re-index its health
    pages once, after commit, instead of once per row."""
    _state.muted = True
    try:
        yield
    finally:
        _state.muted = False
    for model in (HealthPage, HotSpotPage):
        transaction.on_commit(lambda model=model: reindex(model, site_id))


def _on_change(page_model):
    def handler(sender, instance, action=None, **kwargs):
        if getattr(_state, "muted", False):
            return
        if action is not None and not action.startswith("post_"):
            return
        site_id = instance.site_id
        transaction.on_commit(lambda: reindex(page_model, site_id))

    return handler


_event_changed = _on_change(HealthPage)
_hot_spot_changed = _on_change(HotSpotPage)


def connect():
    for model, handler in ((HealthEvent, _event_changed), (HotSpot, _hot_spot_changed)):
        post_save.connect(handler, sender=model, dispatch_uid=f"society_reindex_{model.__name__}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"society_unindex_{model.__name__}")
        m2m_changed.connect(
            handler, sender=model.places.through, dispatch_uid=f"society_places_{model.__name__}"
        )
