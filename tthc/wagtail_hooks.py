"""Admin screens of the procedures pillar: the shared catalogue (read-only) and loading it
from a file."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.widgets import HeaderButton
from wagtail.models import Site

from content.models import SyncRun
from content.scoping import WardScopedViewSetMixin, ward_pages
from content.viewsets import ReadOnlyModelViewSet

from . import sync
from .admin_views import export_catalogue_view, upload_catalogue_view
from .city_views import (
    add_ward_procedure_view,
    catalogue_change_view,
    catalogue_changes_view,
    edit_ward_procedure_url,
    edit_ward_procedure_view,
    national_or_own,
)
from .models import Procedure, ProcedurePage


class ProcedureIndexView(IndexView):
    def get_base_queryset(self):
        # The ward's name in «Riêng của phường» with the row, not one query per ward-only row.
        return super().get_base_queryset().select_related("current__field", "ward")

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("tthc.import_catalogue"):
            buttons.append(
                HeaderButton(
                    "Nạp danh mục từ tệp", url=reverse("tthc_upload_catalogue"), icon_name="upload"
                )
            )
            buttons.append(
                HeaderButton(
                    "Thêm thủ tục riêng của phường",
                    url=reverse("tthc_add_ward_procedure"),
                    icon_name="plus",
                )
            )
        buttons.append(
            HeaderButton(
                "Tải danh mục (.xlsx)", url=reverse("tthc_export_catalogue"), icon_name="download"
            )
        )
        buttons.append(
            HeaderButton(
                "Nhật ký đồng bộ",
                url=reverse("content_syncrun:index") + "?source=tthc.catalogue",
                icon_name="history",
            )
        )
        return buttons


class ProcedureInspectView(InspectView):
    template_name = "tthc/admin/procedure_inspect.html"

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if url := edit_ward_procedure_url(self.object, self.request.user):
            buttons.append(HeaderButton("Sửa thông tin thủ tục", url=url, icon_name="edit"))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        procedure = self.object
        context["version"] = procedure.current
        context["procedure"] = procedure
        context["edit_url"] = edit_ward_procedure_url(procedure, self.request.user)
        context["versions"] = procedure.versions.order_by("-number")[:20]
        # One query for the sites, not one per ward: a city has 126 wards.
        sites = list(Site.objects.select_related("root_page"))
        context["ward_pages"] = [
            (page, next((s for s in sites if page.path.startswith(s.root_page.path)), None))
            for page in ward_pages(
                ProcedurePage.objects.filter(procedure=procedure), self.request.user
            ).select_related("catalogue")
        ]
        return context


class ProcedureViewSet(WardScopedViewSetMixin, ReadOnlyModelViewSet):
    """The national catalogue as the last sync left it, shared by every ward of the install,
    and each ward's own procedures, seen by that ward only."""

    ward_field = staticmethod(national_or_own)
    model = Procedure
    icon = "list-ul"
    menu_label = "Danh mục thủ tục"
    menu_order = 290
    add_to_admin_menu = True
    index_view_class = ProcedureIndexView
    inspect_view_class = ProcedureInspectView
    list_display = [
        "code",
        Column("name", label="Tên thủ tục", accessor="current.name"),
        Column("field", label="Lĩnh vực", accessor="current.field.name"),
        Column("level", label="Mức độ", accessor="current.get_level_display"),
        Column("days", label="Thời hạn", accessor="current.processing_days_display"),
        BooleanColumn("in_force", label="Còn hiệu lực"),
        Column("ward", label="Riêng của phường", accessor="ward.site_name"),
    ]
    list_filter = ["in_force", "current__field", "current__level"]
    search_fields = ["code", "current__name"]
    list_per_page = 50


procedure_viewset = ProcedureViewSet("tthc_procedure")


@hooks.register("register_admin_viewset")
def register_procedure_viewset():
    return procedure_viewset


@hooks.register("register_admin_urls")
def register_upload_url():
    return [
        path("danh-muc-thu-tuc/nap-tep/", upload_catalogue_view, name="tthc_upload_catalogue"),
        path("danh-muc-thu-tuc/xuat-tep/", export_catalogue_view, name="tthc_export_catalogue"),
        path(
            "danh-muc-thu-tuc/them-thu-tuc-rieng/",
            add_ward_procedure_view,
            name="tthc_add_ward_procedure",
        ),
        path(
            "danh-muc-thu-tuc/thu-tuc-rieng/<int:pk>/sua/",
            edit_ward_procedure_view,
            name="tthc_edit_ward_procedure",
        ),
        path("reports/thay-doi-danh-muc/", catalogue_changes_view, name="tthc_catalogue_changes"),
        path(
            "reports/thay-doi-danh-muc/<int:pk>/",
            catalogue_change_view,
            name="tthc_catalogue_change",
        ),
    ]


class CatalogueChangesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("tthc.view_procedure")


@hooks.register("register_reports_menu_item")
def register_catalogue_changes_report():
    return CatalogueChangesMenuItem(
        "Thay đổi danh mục", reverse("tthc_catalogue_changes"), icon_name="list-ul", order=700
    )


class RejectedCataloguePanel(Component):
    """On the admin home of those who load the catalogue: the last sync was refused («Dữ
    liệu bị từ chối»), the catalogue kept its last good state, and a person must look (a
    truncated feed, tthc/sync.py)."""

    order = 30
    template_name = "tthc/admin/rejected_panel.html"

    def __init__(self, run):
        self.run = run

    def get_context_data(self, parent_context):
        return {
            "run": self.run,
            "run_url": reverse("content_syncrun:inspect", args=[self.run.pk]),
            "last_success": SyncRun.last_success(sync.SOURCE),
        }


@hooks.register("construct_homepage_panels")
def add_rejected_catalogue_panel(request, panels):
    if not request.user.has_perm("tthc.import_catalogue"):
        return
    last = SyncRun.objects.filter(source=sync.SOURCE).exclude(status=SyncRun.Status.RUNNING)
    run = last.only("pk", "status", "started_at", "message").first()
    if run is not None and run.status == SyncRun.Status.REJECTED:
        panels.append(RejectedCataloguePanel(run))
