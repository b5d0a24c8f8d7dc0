from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Site
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from . import (
    city_admin,  # noqa: F401 (registers «Toàn thành phố», the city's overview)
    ward_admin,  # noqa: F401 (registers «Phường/xã», the wards' list)
)
from .admin_views import import_places_view
from .backups import backup_status
from .models import Notification, Place, RaciActivity, StaffProfile, SyncRun, user_site_id
from .qr_admin import qr_header_button, satisfaction_comment_viewset, short_link_viewset
from .reviews import pages_past_review
from .roles import PORTAL_ADMINS
from .scoping import (
    WardScopedFormMixin,
    WardScopedViewSetMixin,
    register_ward_policies,
    sees_every_ward,
    ward_media,
    ward_pages,
    ward_reachable_pages,
)
from .viewsets import ReadOnlyModelViewSet
from .workflow_actions import restart_if_reviewed_content_changed

# Page, image and document permissions apply within the user's ward only (content/scoping.py).
register_ward_policies()


@hooks.register("construct_explorer_page_queryset")
def explorer_lists_the_ward_only(parent_page, pages, request):
    return ward_pages(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def page_chooser_offers_the_ward_only(pages, request):
    """Links and page fields choose among the ward's own pages (and the tree above its home,
    so the chooser can be browsed down to it)."""
    if sees_every_ward(request.user):
        return pages
    return pages.filter(pk__in=ward_reachable_pages(request.user))


class WardImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return ward_media(super().get_queryset(), self.request.user)


class WardDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return ward_media(super().get_queryset(), self.request.user)


@hooks.register("construct_admin_api", order=100)
def admin_api_lists_the_wards_media_only(router):
    """The admin API (rich text, choosers) lists the images and documents of the user's ward
    (registered after, so in place of, Wagtail's own endpoints)."""
    router.register_endpoint("images", WardImagesAdminAPIViewSet)
    router.register_endpoint("documents", WardDocumentsAdminAPIViewSet)


class PlaceIndexView(IndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perms(["content.add_place", "content.change_place"]):
            buttons.append(
                HeaderButton(
                    "Nhập từ CSV", url=reverse("content_import_places"), icon_name="upload"
                )
            )
        return buttons


class PlaceForm(WardScopedFormMixin, WagtailAdminModelForm):
    """A place of the user's ward (superusers and city viewers choose the ward)."""


class PlaceViewSet(WardScopedViewSetMixin, SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = "Tổ dân phố / thôn"
    menu_order = 300
    add_to_admin_menu = True
    index_view_class = PlaceIndexView
    edit_handler = ObjectList(Place.panels, base_form_class=PlaceForm)
    list_display = ["name", "code", "kind", "area", "site", "is_active"]
    list_filter = ["site", "kind", "is_active"]
    list_export = ["code", "name", "kind", "area", "sort_order", "is_active"]
    search_fields = ["name", "code", "area"]
    ordering = ["site", "sort_order"]


register_snippet(PlaceViewSet)


@hooks.register("before_delete_snippet")
def keep_places_with_scans(request, instances):
    """A place whose QR codes have been scanned is retired, not deleted: its counts stay (the
    scans refer to it with PROTECT). Say so instead of failing."""
    places = [obj for obj in instances if isinstance(obj, Place)]
    scanned = [place for place in places if place.scans.exists()]
    if scanned:
        names = ", ".join(place.name for place in scanned)
        messages.error(
            request,
            f"Không thể xóa {names}: mã QR dán ở đây đã có lượt quét. "
            "Hãy bỏ chọn «Đang hoạt động» để ngừng dùng nơi này mà vẫn giữ số liệu.",
        )
        return redirect(reverse("wagtailsnippets_content_place:edit", args=[scanned[0].pk]))
    return None


@hooks.register("register_admin_urls")
def register_place_import_url():
    return [path("places/import/", import_places_view, name="content_import_places")]


# --- The editorial workflow -------------------------------------------------------------------


class RaciViewSet(ModelViewSet):
    """Editing the RACI matrix: for those given the model's permissions (superusers by default)."""

    model = RaciActivity
    icon = "table"
    menu_label = "Sửa phân công RACI"
    add_to_settings_menu = True
    form_fields = [
        "step",
        "activity",
        "responsible",
        "accountable",
        "consulted",
        "informed",
        "note",
    ]
    list_display = ["step", "activity"]


raci_viewset = RaciViewSet("content_raciactivity")


class StaffProfileViewSet(ModelViewSet):
    """Which ward each member of staff works for: without it a user approves nothing and is
    told nothing (for those given the model's permissions; superusers by default)."""

    model = StaffProfile
    icon = "user"
    menu_label = "Cán bộ theo phường/xã"
    add_to_settings_menu = True
    form_fields = ["user", "site", "position"]
    list_display = ["user", "site", "position"]
    list_filter = ["site"]


staff_profile_viewset = StaffProfileViewSet("content_staffprofile")


def sync_runs_of_ward(queryset, site):
    """The ward's own runs ("<source>@<site id>") and those of install-wide sources."""
    return queryset.filter(Q(source__endswith=f"@{site.pk}") | ~Q(source__contains="@"))


class SyncRunViewSet(WardScopedViewSetMixin, ReadOnlyModelViewSet):
    """Every run of every job that pulls from an upstream: for staff to see when data last
    arrived, and why a run was rejected, without reading server logs."""

    model = SyncRun
    ward_field = staticmethod(sync_runs_of_ward)
    icon = "history"
    menu_label = "Nhật ký đồng bộ"
    menu_order = 320
    add_to_admin_menu = True
    list_display = [
        "started_at",
        Column("source_label", label="Nguồn"),
        StatusTagColumn(
            "get_status_display",
            label="Kết quả",
            primary=lambda run: run.status == SyncRun.Status.SUCCESS,
        ),
        Column("created", label="Mới"),
        Column("changed", label="Thay đổi"),
        Column("unchanged", label="Không đổi"),
        Column("rejected", label="Bị từ chối"),
        Column("withdrawn", label="Không còn"),
    ]
    list_filter = ["source", "status"]
    inspect_view_fields = [
        "source_label",
        "origin",
        "started_display",
        "duration_display",
        "status",
        "created",
        "changed",
        "unchanged",
        "rejected",
        "withdrawn",
        "message",
    ]


sync_run_viewset = SyncRunViewSet("content_syncrun")


@hooks.register("register_admin_viewset")
def register_sync_run_viewset():
    return sync_run_viewset


# --- QR codes, posters and the desk's satisfaction vote (docs/qr-codes.md) ----------------------


@hooks.register("register_admin_viewset")
def register_short_link_viewset():
    return short_link_viewset


@hooks.register("register_admin_viewset")
def register_satisfaction_comment_viewset():
    return satisfaction_comment_viewset


@hooks.register("register_page_header_buttons")
def page_qr_button(page, user, view_name, next_url=None):
    button = qr_header_button(page, user)
    if button is not None:
        yield button


@hooks.register("register_admin_viewset")
def register_raci_viewset():
    return raci_viewset


@hooks.register("register_admin_viewset")
def register_staff_profile_viewset():
    return staff_profile_viewset


def raci_view(request):
    rows = RaciActivity.objects.prefetch_related(
        "responsible", "accountable", "consulted", "informed"
    )
    return TemplateResponse(
        request,
        "content/admin/raci.html",
        {
            "rows": rows,
            "page_title": "Quy trình 5 bước và phân công RACI",
            "header_title": "Quy trình 5 bước và phân công RACI",
            "can_edit": request.user.has_perm("content.change_raciactivity"),
        },
    )


@hooks.register("register_admin_urls")
def register_raci_url():
    return [path("raci/", raci_view, name="content_raci")]


@hooks.register("register_admin_menu_item")
def register_raci_menu_item():
    return MenuItem("Quy trình & RACI", reverse("content_raci"), icon_name="tasks", order=310)


class NotificationsPanel(Component):
    order = 50
    template_name = "content/admin/notifications_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"notifications": Notification.objects.filter(recipient=self.user)[:10]}


class OverdueReviewsPanel(Component):
    order = 60
    template_name = "content/admin/overdue_reviews_panel.html"

    def __init__(self, site_id):
        self.site_id = site_id

    def get_context_data(self, parent_context):
        root = Site.objects.get(pk=self.site_id).root_page
        return {"pages": pages_past_review(root=root)}


class BackupWarningPanel(Component):
    """Shown to portal admins (and superusers) when the last backup that passed the restore
    check is older than BACKUP_MAX_AGE_HOURS, or the last check failed (content/backups.py)."""

    order = 10
    template_name = "content/admin/backup_warning_panel.html"

    def __init__(self, status):
        self.status = status

    def get_context_data(self, parent_context):
        return {"status": self.status, "hours": settings.BACKUP_MAX_AGE_HOURS}


def sees_backups(user):
    return user.is_superuser or user.groups.filter(name=PORTAL_ADMINS).exists()


@hooks.register("construct_homepage_panels")
def add_backup_warning(request, panels):
    if sees_backups(request.user):
        status = backup_status()
        if not status.ok:
            panels.append(BackupWarningPanel(status))


@hooks.register("construct_homepage_panels")
def add_workflow_panels(request, panels):
    panels.append(NotificationsPanel(request.user))
    site_id = user_site_id(request.user)
    if site_id:
        panels.append(OverdueReviewsPanel(site_id))


@hooks.register("after_edit_page")
def send_changed_pages_back_to_review(request, page):
    if restart_if_reviewed_content_changed(page, request.user):
        messages.warning(
            request,
            f"«{page.title}» đã thay đổi nội dung sau khi được duyệt nên được gửi lại từ bước Thẩm định.",
        )


@hooks.register("after_edit_page")
def reviewers_return_to_their_dashboard(request, page):
    """After a review action in the editor, go where the next tasks are listed: reviewers may
    have no right to the page tree Wagtail would return to."""
    if request.POST.get("action-workflow-action"):
        return redirect("wagtailadmin_home")
    return None


@hooks.register("before_move_page")
def only_those_who_may_move_see_the_move_confirmation(request, page, destination):
    """Wagtail shows its move confirmation to anyone and checks only on POST; nobody without
    the right to move a page should even see it."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
