"""Reactions of the procedures pillar (connected in TthcConfig.ready)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from .models import (
    LifeEventLink,
    LifeEventPage,
    ProcedureField,
    ProcedurePage,
)
from .models.pages import forget_listings


def rebuild_life_event_links(sender, instance, **kwargs):
    LifeEventLink.rebuild_for(instance)


# What the procedure lists' cached counts depend on (ProcedureIndexPage.listing). Catalogue
# procedures and versions are written only by the sync, which forgets the lists once at its
# end rather than once per row.
LISTING_SOURCES = [
    (page_published, ProcedurePage),
    (page_unpublished, ProcedurePage),
    (post_delete, ProcedurePage),
    (post_save, ProcedureField),
    (post_delete, ProcedureField),
    (post_save, PageViewRestriction),
    (post_delete, PageViewRestriction),
]


def register_signal_handlers():
    for signal in (page_published, page_unpublished):
        signal.connect(
            rebuild_life_event_links,
            sender=LifeEventPage,
            dispatch_uid=f"tthc_life_event_links_{signal is page_published}",
        )
    for number, (signal, sender) in enumerate(LISTING_SOURCES):
        signal.connect(
            forget_listings, sender=sender, dispatch_uid=f"tthc_forget_listings_{number}"
        )
