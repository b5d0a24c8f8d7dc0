"""Keep the cached emergency banner in step with publications (connected in
SocietyConfig.ready); start and end times need nothing: society.banner filters by the clock."""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from .banner import forget


def _forget_later(**kwargs):
    # After commit, so that a request between the publication and the commit cannot put the
    # old state back in the cache; and now, for the code that reads in this transaction.
    forget()
    transaction.on_commit(forget)


def on_notice_changed(sender, instance=None, **kwargs):
    from .models import EmergencyNoticePage

    if isinstance(instance, EmergencyNoticePage) or (
        instance is not None and getattr(instance, "specific_class", None) is EmergencyNoticePage
    ):
        _forget_later()


def register_signal_handlers():
    for signal, uid in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
        (post_delete, "deleted"),
    ):
        signal.connect(on_notice_changed, dispatch_uid=f"society_emergency_banner_{uid}")
