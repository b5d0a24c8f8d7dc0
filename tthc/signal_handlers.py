"""Reactions of the procedures pillar (connected in TthcConfig.ready)."""

from wagtail.signals import page_published, page_unpublished

from .models import LifeEventLink, LifeEventPage


def rebuild_life_event_links(sender, instance, **kwargs):
    LifeEventLink.rebuild_for(instance)


def register_signal_handlers():
    for signal in (page_published, page_unpublished):
        signal.connect(
            rebuild_life_event_links,
            sender=LifeEventPage,
            dispatch_uid=f"tthc_life_event_links_{signal is page_published}",
        )
