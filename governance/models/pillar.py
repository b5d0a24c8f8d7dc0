"""The governance pillar itself (``/dieu-hanh-cong-khai/``)."""

from django.db.models import OuterRef, Subquery, TextField
from django.db.models.functions import Coalesce

from content.models import BasePage, SectionPage, StandardPage
from content.visibility import public

from .announcements import AnnouncementIndexPage, AnnouncementPage
from .disclosures import DisclosureIndexPage
from .documents import (
    NO_LONGER_IN_FORCE_LABEL,
    YEAR_PARAM,
    DocumentRegisterPage,
    OfficialDocumentPage,
    no_longer_in_force_url,
)
from .feeds import feed_links
from .schedule import ScheduleIndexPage

LATEST = 5


class GovernancePage(SectionPage):
    """The pillar: a section whose children are the register, the schedule, the disclosures
    and the announcements; under its cards it lists the newest documents and announcements."""

    parent_page_types = ["content.HomePage"]
    subpage_types = [
        "governance.DocumentRegisterPage",
        "governance.ScheduleIndexPage",
        "governance.DisclosureIndexPage",
        "governance.AnnouncementIndexPage",
        "content.SectionPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Trang Điều hành – công khai"
        verbose_name_plural = "Trang Điều hành – công khai"

    @staticmethod
    def parts():
        return [DocumentRegisterPage, ScheduleIndexPage, DisclosureIndexPage, AnnouncementIndexPage]

    def children_with_intros(self, request=None):
        """The live, public children, each with its ``intro``, in one query: plain pages with
        the intro of their own type's table read by a subquery per type the pillar may have
        (a bounded number), instead of ``.specific()`` (one query per type). A child of any
        other type is loaded as its specific page."""
        models_with_intro = [
            model
            for model in {*self.parts(), *self.allowed_subpage_models(), StandardPage}
            if any(field.name == "intro" for field in model._meta.get_fields())
        ]
        intros = [
            Subquery(model.objects.filter(pk=OuterRef("pk")).order_by().values("intro")[:1])
            for model in models_with_intro
        ]
        children = public(self.get_children().live(), request).annotate(
            part_intro=Coalesce(*intros, output_field=TextField())
        )
        result = []
        for child in children:
            cls = child.specific_class
            if cls in models_with_intro:
                child.intro = child.part_intro
                result.append(child)
            else:
                result.append(child.specific)
        return result

    def get_context(self, request, *args, **kwargs):
        # SectionPage's children come through .specific() (a query per child type): skipped.
        context = BasePage.get_context(self, request, *args, **kwargs)
        children = self.children_with_intros(request)
        context["feeds"] = feed_links(self, request, ("documents", "announcements"), children)
        # The pillar's own parts first, in the order of parts(), then any other page.
        order = {model: position for position, model in enumerate(self.parts())}
        context["children"] = sorted(
            children, key=lambda child: order.get(child.specific_class, len(order))
        )
        context["latest_documents"] = list(
            public(OfficialDocumentPage.objects.descendant_of(self).live(), request)
            .only(
                "id",
                "title",
                "number",
                "doc_type",
                "issued_on",
                "status",
                "url_path",
                "path",
                "depth",
            )
            .order_by("-issued_on", "-pk")[:LATEST]
        )
        register = next(
            (child for child in children if child.specific_class is DocumentRegisterPage), None
        )
        if register is not None:
            # Every document within three clicks of home: the lists by year and the list of
            # those no longer in force, straight from the pillar.
            url = register.get_url(request)
            context["no_longer_in_force"] = {
                "url": no_longer_in_force_url(url),
                "label": NO_LONGER_IN_FORCE_LABEL,
            }
            years = public(OfficialDocumentPage.objects.descendant_of(self).live(), request).dates(
                "issued_on", "year", order="DESC"
            )
            context["document_years"] = [
                (day.year, f"{url}?{YEAR_PARAM}={day.year}") for day in years
            ]
        context["latest_announcements"] = list(
            public(AnnouncementPage.objects.descendant_of(self).live(), request)
            .only("id", "title", "kind", "first_published_at", "url_path", "path", "depth")
            .order_by("-first_published_at", "-pk")[:LATEST]
        )
        return context
