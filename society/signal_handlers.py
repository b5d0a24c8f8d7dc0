"""Keep the search entries of the health pages current: their search text lists the upcoming
events and the hot spots, which change without the pages being published."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import HealthEvent, HealthPage, HotSpot, HotSpotPage


def reindex(model, site_id):
    from wagtail.models import Site

    from sitesearch.indexing import index_page

    site = Site.objects.filter(pk=site_id).select_related("root_page").first()
    if site is None:
        return
    for page in model.objects.live().descendant_of(site.root_page):
        index_page(page)


def _on_change(page_model):
    def handler(sender, instance, action=None, **kwargs):
        if action is not None and not action.startswith("post_"):
            return
        key = (page_model, instance.site_id)
        # Once per transaction: seeding or a bulk delete changes many rows of one ward. A
        # rolled-back transaction drops its callbacks, and these marks with them.
        connection = transaction.get_connection()
        if any(
            getattr(func, "reindex_key", None) == key for _, func, _ in connection.run_on_commit
        ):
            return

        def callback():
            reindex(*key)

        callback.reindex_key = key
        transaction.on_commit(callback)

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
