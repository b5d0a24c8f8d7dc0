"""The admin's «Ứng dụng dùng API Open311»: the clients registered by the ward's portal admins
and their keys. A key is shown once, on the page that issues it; only its digest is kept."""

from django import forms
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from content.scoping import WardScopedFormMixin, WardScopedViewSetMixin

from .models import ApiClient


class ApiClientForm(WardScopedFormMixin, WagtailAdminModelForm):
    new_key = forms.BooleanField(
        label="Cấp khóa mới",
        required=False,
        help_text="Khóa cũ hết hiệu lực ngay. Khóa mới chỉ hiện một lần, ngay sau khi lưu.",
    )

    class Meta:
        model = ApiClient
        fields = ["site", "name", "contact", "hourly_limit", "is_active"]

    def save(self, commit=True):
        if not self.instance.pk or self.cleaned_data.get("new_key"):
            self.issued_key = self.instance.issue_key()
        return super().save(commit)


class KeyShownOnceMixin:
    """After a save that issued a key: a page showing it, once, never cached."""

    def save_action(self):
        key = getattr(self.form, "issued_key", None)
        if key is None:
            return super().save_action()
        response = TemplateResponse(
            self.request,
            "open311/admin/key_issued.html",
            {
                "client": self.object,
                "key": key,
                "index_url": reverse("open311_client:index"),
                "edit_url": reverse("open311_client:edit", args=[self.object.pk]),
            },
        )
        response["Cache-Control"] = "private, no-store"
        return response


class ClientCreateView(KeyShownOnceMixin, CreateView):
    pass


class ClientEditView(KeyShownOnceMixin, EditView):
    pass


class ApiClientViewSet(WardScopedViewSetMixin, ModelViewSet):
    model = ApiClient
    icon = "key"
    menu_label = "Ứng dụng dùng API Open311"
    add_to_admin_menu = True
    menu_order = 260
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    add_view_class = ClientCreateView
    edit_view_class = ClientEditView
    list_display = [
        "name",
        Column("site", label="Phường/xã"),
        Column("key_prefix", label="Đầu khóa"),
        Column("hourly_limit", label="Tối đa mỗi giờ"),
        BooleanColumn("is_active", label="Đang dùng"),
        DateColumn("last_used_at", label="Dùng lần cuối"),
    ]
    search_fields = ["name", "contact"]
    edit_handler = ObjectList(
        [
            FieldPanel("site"),
            FieldPanel("name"),
            FieldPanel("contact"),
            FieldPanel("hourly_limit"),
            FieldPanel("is_active"),
            FieldPanel("new_key"),
        ],
        base_form_class=ApiClientForm,
    )


@hooks.register("register_admin_viewset")
def register_open311_viewset():
    return ApiClientViewSet("open311_client", url_prefix="open311/ung-dung")
