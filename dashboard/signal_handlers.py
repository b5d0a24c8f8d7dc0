"""Manual figures are mirrored into readings in the same transaction as the change, so both
are saved, or neither."""

from django.db.models.signals import post_delete, post_save

from .models import ManualFigure


def _mirror(sender, instance, **kwargs):
    from wagtail.models import Site

    from .sources.manual import mirror

    site = Site.objects.filter(pk=instance.site_id).first()
    if site is not None:
        mirror(site)


def register_signal_handlers():
    post_save.connect(_mirror, sender=ManualFigure, dispatch_uid="dashboard_manual_save")
    post_delete.connect(_mirror, sender=ManualFigure, dispatch_uid="dashboard_manual_delete")
