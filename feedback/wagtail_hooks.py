"""Staff side of the feedback pillar in the Wagtail admin: the queue of the user's own ward,
handling a report, the reporter's personal data behind a logged door, and the categories."""

from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic.models import EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import log
from wagtail.models import Site
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from content.models import Place, user_site_id
from content.scoping import (
    WardScopedFormMixin,
    WardScopedViewSetMixin,
    sees_every_ward,
    ward_queryset,
    ward_sites,
)
from content.viewsets import ReadOnlyModelViewSet

from .admin_forms import PHOTO_PRIVATE_ACTION, PHOTO_PUBLIC_ACTION, ReportAdminForm
from .models import (
    CLOSED_STATUSES,
    Channel,
    FeedbackCategory,
    FeedbackPhoto,
    FeedbackReport,
    MessageText,
    NotificationDelivery,
    PageUsefulness,
    Status,
    Urgency,
    feedback_page,
)
from .outbox import DEFAULT_TEXTS, check_text
from .views import photo_response

PERSONAL_DATA_ACTION = "feedback.view_personal_data"
ANONYMISE_ACTION = "feedback.anonymise"


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    actions.register_action(
        PERSONAL_DATA_ACTION, "Xem thông tin cá nhân", "Đã xem thông tin cá nhân người phản ánh"
    )
    actions.register_action(
        ANONYMISE_ACTION, "Xóa thông tin cá nhân", "Đã xóa thông tin cá nhân người phản ánh"
    )
    actions.register_action(PHOTO_PUBLIC_ACTION, "Công khai ảnh", "Đã công khai một ảnh")
    actions.register_action(PHOTO_PRIVATE_ACTION, "Thôi công khai ảnh", "Đã thôi công khai một ảnh")


class ReportPermissionPolicy(ModelPermissionPolicy):
    """Reports come from citizens and iHanoi: staff never add or delete one in the admin
    (a deletion request removes the personal data instead)."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


class ReportFilterSet(WagtailFilterSet):
    # Who sees every ward (the city, content/city_admin.py) reads one ward's queue.
    site = django_filters.ModelChoiceFilter(label="Phường/xã", queryset=Site.objects.none())
    status = django_filters.ChoiceFilter(label="Trạng thái", choices=Status.choices)
    category = django_filters.ModelChoiceFilter(
        label="Lĩnh vực", queryset=FeedbackCategory.objects.all()
    )
    urgency = django_filters.ChoiceFilter(label="Mức độ", choices=Urgency.choices)
    place = django_filters.ModelChoiceFilter(
        label="Tổ dân phố / thôn", queryset=Place.objects.none()
    )
    source = django_filters.ChoiceFilter(
        label="Nguồn", choices=FeedbackReport._meta.get_field("source").choices
    )
    tinh_trang = django_filters.ChoiceFilter(
        label="Tình trạng hạn",
        choices=[("qua-han", "Quá hạn"), ("dang-mo", "Chưa kết thúc"), ("ket-thuc", "Đã kết thúc")],
        method="filter_deadline",
    )

    class Meta:
        model = FeedbackReport
        fields = ["status", "category", "urgency", "place", "source"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        places = Place.objects.all()
        self.filters["place"].queryset = (
            ward_queryset(places, request.user) if request else places.none()
        )
        if request is not None and sees_every_ward(request.user):
            self.filters["site"].queryset = ward_sites(Site.objects.all(), request.user)
        else:
            del self.filters["site"]

    def filter_deadline(self, queryset, name, value):
        if value == "qua-han":
            return queryset.overdue()
        if value == "dang-mo":
            return queryset.open()
        if value == "ket-thuc":
            return queryset.filter(status__in=CLOSED_STATUSES)
        return queryset


class OverdueColumn(Column):
    cell_template_name = "feedback/admin/overdue_cell.html"


class ReportIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("category", "place", "assigned_user")

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        buttons.append(
            HeaderButton(
                "Quá hạn",
                url=reverse("feedback_report:index") + "?tinh_trang=qua-han",
                icon_name="warning",
            )
        )
        return buttons


class ReportEditView(EditView):
    template_name = "feedback/admin/report_edit.html"

    def get_queryset(self):
        return FeedbackReport.objects.select_related("category", "place")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        context["report"] = report
        context["history"] = report.history.select_related("actor")
        context["notes"] = report.notes.select_related("author")
        photos = list(report.photos.all())
        for number, photo in enumerate(photos, 1):
            photo.number = number
            photo.admin_url = reverse("feedback_report:photo", args=[photo.pk])
        context["photos"] = photos
        context["can_see_personal_data"] = self.request.user.has_perm("feedback.view_personal_data")
        context["personal_url"] = reverse("feedback_report:personal", args=[report.pk])
        context["status_url"] = _public_status_url(report)
        labels = dict(Channel.choices)
        context["channel_labels"] = [labels[code] for code in report.channels]
        if self.request.user.has_perm("feedback.view_notificationdelivery"):
            context["deliveries_url"] = (
                reverse("feedback_delivery:index") + "?" + urlencode({"q": report.code})
            )
        return context


def _public_status_url(report):
    page = feedback_page(report.site)
    if page is None:
        return None
    return page.url + page.reverse_subpage("status_route", args=[report.code])


def personal_data_view(request, pk):
    """The reporter's contact details, address and consent: each opening is logged."""
    if not request.user.has_perm("feedback.view_personal_data"):
        raise PermissionDenied
    reports = ward_queryset(FeedbackReport.objects.all(), request.user, change=True)
    report = get_object_or_404(reports, pk=pk)
    if request.method == "POST" and request.POST.get("action") == "anonymise":
        if not request.user.has_perm("feedback.change_feedbackreport"):
            raise PermissionDenied
        report.anonymise()
        log(instance=report, action=ANONYMISE_ACTION, user=request.user)
        return redirect(reverse("feedback_report:edit", args=[report.pk]))
    if request.method not in ("GET", "HEAD", "POST"):
        raise Http404
    log(instance=report, action=PERSONAL_DATA_ACTION, user=request.user)
    return TemplateResponse(
        request,
        "feedback/admin/personal_data.html",
        {
            "report": report,
            "edit_url": reverse("feedback_report:edit", args=[report.pk]),
            "now": timezone.now(),
        },
    )


def photo_view(request, pk):
    """Any photo of a report of the user's ward, public or not, for the staff who handle the
    report (the edit page shows them). Never cached; the public view serves public ones only."""
    if not request.user.has_perm("feedback.change_feedbackreport"):
        raise PermissionDenied
    reports = ward_queryset(FeedbackReport.objects.all(), request.user, change=True)
    item = get_object_or_404(FeedbackPhoto.objects.filter(report__in=reports), pk=pk)
    response = photo_response(item, item.name[:-4])
    response["Cache-Control"] = "private, no-store"
    return response


class ReportViewSet(WardScopedViewSetMixin, ModelViewSet):
    model = FeedbackReport
    icon = "mail"
    menu_label = "Phản ánh của người dân"
    index_view_class = ReportIndexView
    edit_view_class = ReportEditView
    filterset_class = ReportFilterSet
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    list_per_page = 50
    list_display = [
        "code",
        Column("display_title", label="Nội dung"),
        Column("category", label="Lĩnh vực"),
        Column("place", label="Tổ dân phố / thôn"),
        StatusTagColumn(
            "status",
            label="Trạng thái",
            accessor="get_status_display",
            primary=lambda r: not r.is_closed,
        ),
        DateColumn("due_at", label="Hạn xử lý"),
        OverdueColumn("is_overdue", label="Quá hạn"),
        Column("assigned_user", label="Cán bộ xử lý"),
        Column("get_source_display", label="Nguồn"),
    ]
    search_fields = ["code", "public_title"]
    ordering = ["due_at"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("new_status"), FieldPanel("forwarded_to")]),
                    FieldPanel("status_note"),
                ],
                heading="Trạng thái",
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("category"), FieldPanel("urgency")]),
                    FieldPanel("place"),
                    FieldRowPanel([FieldPanel("assigned_group"), FieldPanel("assigned_user")]),
                ],
                heading="Phân loại và giao việc",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("public_title"),
                    FieldPanel("public_answer"),
                    FieldPanel("publish_result"),
                    FieldPanel("public_photos"),
                    FieldPanel("after_photos"),
                    FieldPanel("publish_after_photos"),
                ],
                heading="Trả lời công khai",
            ),
            FieldPanel("internal_note", heading="Ghi chú nội bộ"),
        ],
        base_form_class=ReportAdminForm,
    )

    def on_register(self):
        register_permission_policy(self.model, ReportPermissionPolicy(self.model))
        super().on_register()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("ca-nhan/<int:pk>/", personal_data_view, name="personal"),
            path("anh/<int:pk>/", photo_view, name="photo"),
        ]

    def get_permissions_to_register(self):
        return (
            super()
            .get_permissions_to_register()
            .exclude(codename__in=["add_feedbackreport", "delete_feedbackreport"])
        )


class CategoryViewSet(ModelViewSet):
    model = FeedbackCategory
    icon = "tag"
    menu_label = "Lĩnh vực và thời hạn"
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = [
        "name",
        Column("hours_normal", label="Thông thường (giờ)"),
        Column("hours_urgent", label="Khẩn cấp (giờ)"),
        Column("hours_complex", label="Phức tạp (giờ)"),
        Column("requires_contact", label="Bắt buộc liên hệ"),
        Column("is_active", label="Đang dùng"),
    ]
    form_fields = [
        "name",
        "slug",
        "description",
        "requires_contact",
        "hours_normal",
        "hours_urgent",
        "hours_complex",
        "sort_order",
        "is_active",
    ]


class UsefulnessIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page")


class UsefulnessViewSet(WardScopedViewSetMixin, ReadOnlyModelViewSet):
    """Answers to «Trang này có hữu ích không?» of the user's ward (read-only)."""

    model = PageUsefulness
    icon = "help"
    menu_label = "Ý kiến về trang"
    index_view_class = UsefulnessIndexView
    list_display = [
        Column("page", label="Trang"),
        BooleanColumn("useful", label="Hữu ích"),
        Column("comment", label="Góp ý"),
        DateColumn("created_at", label="Lúc"),
    ]
    list_filter = ["useful"]
    list_per_page = 50


class DeliveryIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("report")


class DeliveryViewSet(WardScopedViewSetMixin, ReadOnlyModelViewSet):
    """The log of messages to citizens of the user's ward (feedback/outbox.py): what went,
    what waits and why. No address or text is shown: the report's code, the status change,
    the channel and the state."""

    model = NotificationDelivery
    icon = "mail"
    menu_label = "Nhật ký gửi tin báo"
    index_view_class = DeliveryIndexView
    list_display = [
        Column("report", label="Phản ánh"),
        Column("get_status_display", label="Trạng thái thay đổi"),
        Column("get_channel_display", label="Kênh"),
        StatusTagColumn(
            "state",
            label="Tình trạng gửi",
            accessor="get_state_display",
            primary=lambda d: d.state == NotificationDelivery.State.SENT,
        ),
        Column("attempts", label="Số lần thử"),
        DateColumn("created_at", label="Tạo lúc"),
        DateColumn("sent_at", label="Gửi lúc"),
        Column("last_error", label="Lỗi gần nhất"),
    ]
    list_filter = ["state", "channel", "status"]
    search_fields = ["report__code"]
    list_per_page = 50
    inspect_view_fields = [
        "report",
        "status",
        "channel",
        "state",
        "attempts",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
        "key",
    ]


class MessageTextForm(WardScopedFormMixin, WagtailAdminModelForm):
    """A ward's own text for one status; only the known placeholders."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "site" in self.fields:
            self.fields["site"].empty_label = None
        self.fields["text"].help_text += " Mẫu mặc định: " + " | ".join(
            f"{Status(status).label}: {text}" for status, text in DEFAULT_TEXTS.items()
        )

    def clean_text(self):
        text = self.cleaned_data["text"]
        problem = check_text(text)
        if problem:
            raise forms.ValidationError(problem)
        return text

    def clean(self):
        cleaned = super().clean()
        site, status = cleaned.get("site"), cleaned.get("status")
        if site and status:
            others = MessageText.objects.filter(site=site, status=status).exclude(
                pk=self.instance.pk
            )
            if others.exists():
                self.add_error(
                    "status", "Phường/xã đã có mẫu tin cho trạng thái này; hãy sửa mẫu đó."
                )
        return cleaned

    def validate_unique(self):
        """The clean above says it in Vietnamese."""


class MessageTextViewSet(WardScopedViewSetMixin, ModelViewSet):
    """The texts of the messages to citizens, per status, of the user's ward (portal admins);
    a status without its own row uses the Vietnamese default (feedback.outbox.DEFAULT_TEXTS)."""

    model = MessageText
    icon = "edit"
    menu_label = "Mẫu tin báo"
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    list_display = [
        Column("get_status_display", label="Trạng thái"),
        Column("text", label="Nội dung tin"),
        Column("site", label="Phường/xã"),
    ]
    edit_handler = ObjectList(
        [FieldPanel("site"), FieldPanel("status"), FieldPanel("text")],
        base_form_class=MessageTextForm,
    )


class FeedbackGroup(ViewSetGroup):
    menu_label = "Phản ánh – kiến nghị"
    menu_icon = "mail"
    menu_order = 250
    items = (
        ReportViewSet("feedback_report", url_prefix="feedback/report"),
        CategoryViewSet("feedback_category", url_prefix="feedback/category"),
        UsefulnessViewSet("feedback_usefulness", url_prefix="feedback/y-kien-trang"),
        DeliveryViewSet("feedback_delivery", url_prefix="feedback/tin-bao"),
        MessageTextViewSet("feedback_messagetext", url_prefix="feedback/mau-tin-bao"),
    )


@hooks.register("register_admin_viewset")
def register_feedback_viewsets():
    return FeedbackGroup()


class LateReportsPanel(Component):
    """Admin home: the ward's overdue reports, for those who handle or oversee them."""

    order = 55
    template_name = "feedback/admin/late_reports_panel.html"

    def __init__(self, site_id):
        self.site_id = site_id

    def get_context_data(self, parent_context):
        late = FeedbackReport.objects.for_site(self.site_id).overdue().select_related("category")
        return {"reports": list(late.order_by("due_at")[:10]), "count": late.count()}


@hooks.register("construct_homepage_panels")
def add_late_reports_panel(request, panels):
    site_id = user_site_id(request.user)
    if site_id and request.user.has_perm("feedback.view_feedbackreport"):
        panels.append(LateReportsPanel(site_id))
