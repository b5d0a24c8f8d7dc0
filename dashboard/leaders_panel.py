"""The leaders' view on the admin home: the dashboard's headline for the latest month, with
the detail by field, late cases by field, and how many reports and pages are overdue (their
own panels list them)."""

from django.db.models import Q
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Site

from content.models.staff import user_site_id
from content.reviews import pages_past_review
from content.roles import LEADERS, OFFICE, PORTAL_ADMINS

from .board import build
from .models import DashboardPage

PANEL_GROUPS = (LEADERS, OFFICE, PORTAL_ADMINS)


class LeadersPanel(Component):
    order = 40
    template_name = "dashboard/admin/leaders_panel.html"

    def __init__(self, site_id):
        self.site_id = site_id

    def get_context_data(self, parent_context):
        from feedback.models import FeedbackReport

        site = Site.objects.select_related("root_page").get(pk=self.site_id)
        context = build(site, with_charts=False, with_ranks=False)
        context["overdue_reports"] = FeedbackReport.objects.for_site(self.site_id).overdue().count()
        context["pages_past_review"] = len(pages_past_review(root=site.root_page))
        context["dashboard_page"] = (
            DashboardPage.objects.live().descendant_of(site.root_page).first()
        )
        return context


def sees_leaders_panel(user):
    return user.is_superuser or user.groups.filter(Q(name__in=PANEL_GROUPS)).exists()


@hooks.register("construct_homepage_panels")
def add_leaders_panel(request, panels):
    site_id = user_site_id(request.user)
    if site_id and sees_leaders_panel(request.user):
        panels.append(LeadersPanel(site_id))
