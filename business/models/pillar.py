"""The business pillar itself (``/doanh-nghiep/``)."""

import datetime

from django.utils import timezone

from content.models import SectionPage
from content.visibility import public

from .guides import BusinessGuidePage, GuideReviewFlag, GuideTopic

# How far back «Quy định mới» looks, and how many changes it shows.
NEW_RULES_DAYS = 365
NEW_RULES_MAX = 8


class BusinessPage(SectionPage):
    """The pillar: guides for businesses and household businesses by topic, and «Quy định
    mới», the documents that recently changed what a guide cites."""

    parent_page_types = ["content.HomePage"]
    subpage_types = ["business.BusinessGuidePage", "content.SectionPage", "content.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Trang Doanh nghiệp – hộ kinh doanh"
        verbose_name_plural = "Trang Doanh nghiệp – hộ kinh doanh"

    def new_rules(self, request=None):
        """Recent changes to cited documents, newest first: one entry per new document (or per
        expired one), with the live guides it affects. Two queries."""
        since = timezone.now() - datetime.timedelta(days=NEW_RULES_DAYS)
        guides = public(BusinessGuidePage.objects.child_of(self).live(), request)
        flags = (
            GuideReviewFlag.objects.filter(
                guide__in=guides.values("pk"), flagged_at__gte=since, document__live=True
            )
            .select_related("document", "changed_by", "guide")
            .order_by("-flagged_at", "-pk")
        )
        entries = {}
        for flag in flags:
            changed_by = flag.changed_by if flag.changed_by and flag.changed_by.live else None
            rule = changed_by or flag.document
            entry = entries.setdefault(
                (rule.pk, flag.change),
                {
                    "rule": rule,
                    "changed": flag.document if changed_by else None,
                    "change": flag.get_change_display(),
                    "date": rule.issued_on if changed_by else flag.flagged_at.date(),
                    "guides": [],
                    "reviewing": False,
                },
            )
            if flag.guide not in entry["guides"]:
                entry["guides"].append(flag.guide)
            entry["reviewing"] = entry["reviewing"] or flag.resolved_at is None
        ordered = sorted(entries.values(), key=lambda entry: entry["date"], reverse=True)
        return ordered[:NEW_RULES_MAX]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = list(context["children"])
        topics = {value: position for position, value in enumerate(GuideTopic.values)}
        guides = sorted(
            (child for child in children if isinstance(child, BusinessGuidePage)),
            key=lambda guide: (topics.get(guide.topic, len(topics)), guide.title),
        )
        context["guides"] = guides
        context["children"] = [c for c in children if not isinstance(c, BusinessGuidePage)]
        context["new_rules"] = self.new_rules(request)
        return context
