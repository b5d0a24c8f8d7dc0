"""«Phường/xã» in the admin: the state of every ward of the install, for the city's IT staff
(superusers only; read-only). One row per ward: its host, staff, pages and the last run of each
upstream source. A fixed number of queries however many wards there are."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.db.models.functions import Substr
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page, Site

from .models import SyncRun, WardSettings
from .models.sync import SOURCE_LABELS


@dataclass
class SourceState:
    label: str
    last_success: object = None
    last_failure: object = None

    @property
    def failing(self):
        return self.last_failure is not None and (
            self.last_success is None or self.last_failure > self.last_success
        )

    @property
    def display(self):
        if self.last_success is None:
            return "Chưa có"
        return f"{timezone.localtime(self.last_success):%H:%M %d/%m/%Y}"


@dataclass
class WardState:
    site: Site
    ward_name: str
    staff: int
    pages: int
    live_pages: int
    sources: list = field(default_factory=list)


def ward_states():
    """Every ward (site), by name, with its state."""
    sites = list(Site.objects.select_related("root_page").annotate(staff_count=Count("staff")))
    names = dict(WardSettings.objects.values_list("site_id", "ward_name"))
    roots = {site.root_page.path: site for site in sites}
    pages = {}
    for length in {len(root) for root in roots}:
        rows = (
            Page.objects.annotate(prefix=Substr("path", 1, length))
            .filter(prefix__in=[root for root in roots if len(root) == length])
            .order_by()  # treebeard orders by path, which would split the groups
            .values("prefix")
            .annotate(total=Count("pk"), live=Count("pk", filter=Q(live=True)))
        )
        pages.update({row["prefix"]: (row["total"], row["live"]) for row in rows})
    runs = {}
    for row in (
        SyncRun.objects.filter(
            status__in=[SyncRun.Status.SUCCESS, SyncRun.Status.FAILED, SyncRun.Status.REJECTED]
        )
        .order_by()
        .values("source", "status")
        .annotate(last=Max("started_at"))
    ):
        runs[(row["source"], row["status"] == SyncRun.Status.SUCCESS)] = row["last"]
    states = []
    for site in sites:
        total, live = pages.get(site.root_page.path, (0, 0))
        sources = []
        for source, label in SOURCE_LABELS.items():
            # A source run per ward is logged as "<source>@<site id>"; one for the whole
            # install (the shared procedure catalogue) as "<source>".
            own = f"{source}@{site.pk}"
            pick = own if (own, True) in runs or (own, False) in runs else source
            sources.append(SourceState(label, runs.get((pick, True)), runs.get((pick, False))))
        states.append(
            WardState(
                site=site,
                ward_name=names.get(site.pk) or site.site_name or site.hostname,
                staff=site.staff_count,
                pages=total,
                live_pages=live,
                sources=sources,
            )
        )
    return sorted(states, key=lambda state: state.ward_name)


def wards_view(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    states = ward_states()
    return TemplateResponse(
        request,
        "content/admin/wards.html",
        {
            "page_title": "Phường/xã",
            "header_title": "Phường/xã",
            "header_icon": "site",
            "wards": states,
            "sources": list(SOURCE_LABELS.values()),
        },
    )


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def register_wards_url():
    return [path("wards/", wards_view, name="content_wards")]


@hooks.register("register_admin_menu_item")
def register_wards_menu_item():
    return SuperuserMenuItem("Phường/xã", reverse("content_wards"), icon_name="site", order=290)
