"""Keep the education page's search entry current: it lists the names of the ward's schools
and pre-school groups (``EducationPage.search_names``), which staff edit outside the page."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Site

from sitesearch.indexing import index_page

from .models import EducationPage, PrivatePreschool, School


def reindex_education_pages(sender, instance, **kwargs):
    site_id = instance.site_id

    def reindex():
        site = Site.objects.filter(pk=site_id).first()
        if site is not None:
            for page in EducationPage.objects.live().descendant_of(site.root_page):
                index_page(page)

    transaction.on_commit(reindex)


def register_signal_handlers():
    for model in (School, PrivatePreschool):
        post_save.connect(reindex_education_pages, sender=model, dispatch_uid=f"reindex-{model}")
        post_delete.connect(
            reindex_education_pages, sender=model, dispatch_uid=f"reindex-del-{model}"
        )
