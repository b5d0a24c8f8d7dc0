"""«Toàn thành phố» in the admin: every ward side by side, for the city's staff (the members of
``roles.CITY_VIEWERS``) and its IT staff (superusers); ward staff are refused.

Per ward: the pages waiting in each workflow step, the approval that has waited longest (which
page, which step, who sent it and since when), and the feedback queue (open reports, reports
late against their deadline, since when the oldest late one is due), with links to read that
ward's queue, its figures and its waiting pages (``content_city_ward``). Sorted on the server
by any column (``?ordering=late``, ``-late`` …). A fixed number of queries however many wards
there are (tests/test_city_admin.py).
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, IntegerField, Min, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Substr
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page, Site, TaskState, WorkflowState, WorkflowTask

from .models import WardSettings
from .scoping import sees_every_ward


@dataclass
class Waiting:
    """One page waiting at a workflow step."""

    page_id: int
    title: str
    task: str
    requested_by: str
    since: datetime.datetime

    @property
    def days(self):
        return (timezone.now() - self.since).days


@dataclass
class WardOverview:
    site: Site
    ward_name: str
    # Pages waiting at each step, in the order of ``steps`` of the view.
    by_step: list = field(default_factory=list)
    # The names of those steps, to show the steps where something waits (``steps``).
    step_names: list = field(default_factory=list)
    # The city's own site (WardSettings.is_city), listed with the wards: its pages go through
    # its own five-step workflow too.
    is_city: bool = False
    waiting: int = 0
    oldest: Waiting | None = None
    open_reports: int = 0
    late_reports: int = 0
    oldest_late: datetime.datetime | None = None

    @property
    def steps(self):
        """The steps where pages of this ward wait, with how many: [{"name", "count"}]; a
        numbered step by its short name («Bước 2 – Thẩm định» is «Thẩm định»)."""
        return [
            {"name": short_step_name(name), "count": count}
            for name, count in zip(self.step_names, self.by_step, strict=False)
            if count
        ]

    @property
    def queue_url(self):
        return f"{reverse('feedback_report:index')}?site={self.site.pk}&tinh_trang=dang-mo"

    @property
    def late_url(self):
        return f"{reverse('feedback_report:index')}?site={self.site.pk}&tinh_trang=qua-han"

    @property
    def figures_url(self):
        return f"{reverse('dashboard_manualfigure:index')}?site={self.site.pk}"

    @property
    def dashboard_url(self):
        return f"{self.site.root_url}/so-lieu/"

    @property
    def detail_url(self):
        return reverse("content_city_ward", args=[self.site.pk])


def short_step_name(name):
    """«Bước 2 – Thẩm định» → «Thẩm định»; other names as they are («Khẩn cấp – …» stays)."""
    head, sep, tail = name.partition(" – ")
    return tail if sep and head.startswith("Bước ") else name


# ?ordering= values: what each sorts by (None last whatever the direction).
SORT_KEYS = {
    "name": lambda ward: ward.ward_name.casefold(),
    "waiting": lambda ward: ward.waiting,
    "oldest_waiting": lambda ward: ward.oldest.since if ward.oldest else None,
    "open": lambda ward: ward.open_reports,
    "late": lambda ward: ward.late_reports,
    "oldest_late": lambda ward: ward.oldest_late,
}
# (?ordering= value, column header under its group, what the caption says it is sorted by).
COLUMNS = [
    ("name", "Phường/xã", "tên phường/xã"),
    ("waiting", "Số trang", "số trang chờ duyệt"),
    ("oldest_waiting", "Chờ lâu nhất", "trang chờ duyệt lâu nhất"),
    ("open", "Đang mở", "số phản ánh đang mở"),
    ("late", "Quá hạn", "số phản ánh quá hạn"),
    ("oldest_late", "Quá hạn từ", "phản ánh quá hạn lâu nhất"),
]
DEFAULT_ORDERING = "name"


def sort_wards(wards, ordering):
    """``wards`` sorted by ``ordering`` (a key of SORT_KEYS, ``-`` first for descending); rows
    without a value (no late report, nothing waiting) come last either way."""
    descending = ordering.startswith("-")
    key = SORT_KEYS[ordering.lstrip("-")]
    present = [ward for ward in wards if key(ward) is not None]
    missing = [ward for ward in wards if key(ward) is None]
    by_name = sorted(present, key=SORT_KEYS["name"])
    return sorted(by_name, key=key, reverse=descending) + sorted(missing, key=SORT_KEYS["name"])


def _page_path():
    """The path of the page a workflow state is about (states of pages only)."""
    return Subquery(
        Page.objects.filter(pk=Cast(OuterRef("workflow_state__object_id"), IntegerField())).values(
            "path"
        )[:1]
    )


def waiting_task_states():
    """Task states of pages waiting for a decision now."""
    return TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
    )


def workflow_steps():
    """The tasks of the active workflows, in workflow order, each once: (id, name)."""
    seen, steps = set(), []
    for row in (
        WorkflowTask.objects.filter(workflow__active=True, task__active=True)
        .select_related("task")
        .order_by("workflow__name", "sort_order")
    ):
        if row.task_id not in seen:
            seen.add(row.task_id)
            steps.append((row.task_id, row.task.name))
    return steps


def _by_prefix(queryset, roots, build):
    """Run ``build(queryset annotated with prefix, roots of that length)`` once per length of
    the wards' root paths (one, when every ward's home sits at the same depth)."""
    rows = []
    for length in sorted({len(root) for root in roots}):
        same = [root for root in roots if len(root) == length]
        rows += list(build(queryset.annotate(prefix=Substr("page_path", 1, length)), same))
    return rows


def _first_per_prefix(rows):
    """The first row of each ward: DISTINCT ON in PostgreSQL; elsewhere (SQLite, which
    `make run` uses) the ordered rows, kept first per ward in Python."""
    if connection.features.can_distinct_on_fields:
        return rows.distinct("prefix")
    first = {}
    for row in rows:
        first.setdefault(row.prefix, row)
    return list(first.values())


def ward_overviews(steps):
    sites = list(Site.objects.select_related("root_page"))
    names, cities = {}, set()
    for site_id, ward_name, is_city in WardSettings.objects.values_list(
        "site_id", "ward_name", "is_city"
    ):
        names[site_id] = ward_name
        if is_city:
            cities.add(site_id)
    roots = {site.root_page.path: site for site in sites}
    states = waiting_task_states().annotate(page_path=_page_path())
    counts = _by_prefix(
        states,
        roots,
        lambda rows, same: (
            rows.filter(prefix__in=same)
            .order_by()
            .values("prefix", "task_id")
            .annotate(total=Count("pk"))
        ),
    )
    oldest = _by_prefix(
        states.select_related("task", "workflow_state__requested_by").annotate(
            page_title=Subquery(
                Page.objects.filter(
                    pk=Cast(OuterRef("workflow_state__object_id"), IntegerField())
                ).values("title")[:1]
            )
        ),
        roots,
        lambda rows, same: _first_per_prefix(
            rows.filter(prefix__in=same).order_by("prefix", "started_at", "pk")
        ),
    )
    now = timezone.now()
    late = Q(due_at__lt=now) & ~Q(status="tam_dung")
    from feedback.models import FeedbackReport  # content is imported before feedback

    reports = {
        row["site_id"]: row
        for row in FeedbackReport.objects.open()
        .order_by()
        .values("site_id")
        .annotate(
            open=Count("pk"),
            late=Count("pk", filter=late),
            oldest_late=Min("due_at", filter=late),
        )
    }
    overviews = {
        site.pk: WardOverview(
            site=site,
            ward_name=names.get(site.pk) or site.site_name or site.hostname,
            by_step=[0] * len(steps),
            step_names=[name for _id, name in steps],
            is_city=site.pk in cities,
        )
        for site in sites
    }
    column = {task_id: index for index, (task_id, _name) in enumerate(steps)}
    for row in counts:
        ward = overviews[roots[row["prefix"]].pk]
        ward.waiting += row["total"]
        if row["task_id"] in column:
            ward.by_step[column[row["task_id"]]] += row["total"]
    for state in oldest:
        requester = state.workflow_state.requested_by
        overviews[roots[state.prefix].pk].oldest = Waiting(
            page_id=int(state.workflow_state.object_id),
            title=state.page_title,
            task=state.task.name,
            requested_by=(requester.get_full_name() or requester.get_username())
            if requester
            else "",
            since=state.started_at,
        )
    for site_id, row in reports.items():
        if site_id in overviews:
            ward = overviews[site_id]
            ward.open_reports, ward.late_reports = row["open"], row["late"]
            ward.oldest_late = row["oldest_late"]
    return list(overviews.values())


def _check(request):
    if not sees_every_ward(request.user):
        raise PermissionDenied


def city_view(request):
    _check(request)
    ordering = request.GET.get("ordering", DEFAULT_ORDERING)
    if ordering.lstrip("-") not in SORT_KEYS:
        ordering = DEFAULT_ORDERING
    steps = workflow_steps()
    wards = sort_wards(ward_overviews(steps), ordering)
    columns = {
        name: {
            "label": label,
            "ordering": name,
            "sorted": ordering.lstrip("-") == name,
            "descending": ordering == f"-{name}",
            "next": f"-{name}" if ordering == name else name,
        }
        for name, label, _caption in COLUMNS
    }
    return TemplateResponse(
        request,
        "content/admin/city.html",
        {
            "page_title": "Toàn thành phố",
            "header_title": "Toàn thành phố",
            "header_icon": "site",
            "wards": wards,
            "steps": [name for _id, name in steps],
            "columns": columns,
            "ordering_label": {name: caption for name, _label, caption in COLUMNS}[
                ordering.lstrip("-")
            ]
            + (" (giảm dần)" if ordering.startswith("-") else " (tăng dần)"),
            "totals": {
                "waiting": sum(ward.waiting for ward in wards),
                "open": sum(ward.open_reports for ward in wards),
                "late": sum(ward.late_reports for ward in wards),
                "late_wards": sum(1 for ward in wards if ward.late_reports),
                "city": any(ward.is_city for ward in wards),
            },
        },
    )


def city_ward_view(request, site_id):
    """One ward's pages waiting in the workflow, the longest-waiting first."""
    _check(request)
    site = get_object_or_404(Site.objects.select_related("root_page"), pk=site_id)
    if site.root_page is None:
        raise Http404
    ward_name = (
        WardSettings.objects.filter(site=site).values_list("ward_name", flat=True).first()
        or site.site_name
        or site.hostname
    )
    states = (
        waiting_task_states()
        .annotate(page_path=_page_path())
        .filter(page_path__startswith=site.root_page.path)
        .select_related("task", "workflow_state__requested_by", "workflow_state__workflow")
        .annotate(
            page_title=Subquery(
                Page.objects.filter(
                    pk=Cast(OuterRef("workflow_state__object_id"), IntegerField())
                ).values("title")[:1]
            )
        )
        .order_by("started_at", "pk")
    )
    rows = []
    for state in states:
        requester = state.workflow_state.requested_by
        rows.append(
            {
                "title": state.page_title,
                "task": state.task.name,
                "workflow": state.workflow_state.workflow.name,
                "requested_by": (requester.get_full_name() or requester.get_username())
                if requester
                else "",
                "since": state.started_at,
                "days": (timezone.now() - state.started_at).days,
            }
        )
    overview = WardOverview(site=site, ward_name=ward_name)
    return TemplateResponse(
        request,
        "content/admin/city_ward.html",
        {
            "page_title": f"Toàn thành phố – {ward_name}",
            "header_title": f"Toàn thành phố – {ward_name}",
            "header_icon": "site",
            "ward": overview,
            "rows": rows,
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": "Trang chủ"},
                {"url": reverse("content_city"), "label": "Toàn thành phố"},
                {"url": "", "label": ward_name},
            ],
        },
    )


class CityMenuItem(MenuItem):
    def is_shown(self, request):
        return sees_every_ward(request.user)


@hooks.register("register_admin_urls")
def register_city_urls():
    return [
        path("thanh-pho/", city_view, name="content_city"),
        path("thanh-pho/<int:site_id>/", city_ward_view, name="content_city_ward"),
    ]


@hooks.register("register_admin_menu_item")
def register_city_menu_item():
    return CityMenuItem("Toàn thành phố", reverse("content_city"), icon_name="site", order=280)
