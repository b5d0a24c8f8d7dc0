"""Publishing an official document may change what a guide says; publishing a guide is its
review (connected in BusinessConfig.ready)."""

from wagtail.signals import page_published

from .rules import flag_guides_for, resolve_flags


def on_page_published(sender, instance, **kwargs):
    from governance.models import OfficialDocumentPage

    from .models import BusinessGuidePage

    if isinstance(instance, OfficialDocumentPage):
        flag_guides_for(instance)
    elif isinstance(instance, BusinessGuidePage):
        resolve_flags(instance)


def register_signal_handlers():
    page_published.connect(on_page_published, dispatch_uid="business_on_page_published")
