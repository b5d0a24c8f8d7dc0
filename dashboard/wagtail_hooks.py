"""Admin screens of the dashboard's sources: the figures typed in by hand (with their history)
and loading case statistics from a file. The leaders' panel is registered elsewhere."""

from django import forms
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.admin.views.generic import HistoryView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from content.scoping import WardScopedFormMixin, WardScopedViewSetMixin

from .admin_views import import_case_stats_view, ward_of
from .models import ManualFigure


class ManualFigureForm(WardScopedFormMixin, WagtailAdminModelForm):
    """The ward is the user's own (a superuser picks one); the month is any day of it, not
    in the future."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if not self.instance.pk and for_user is not None:
            ward = ward_of(for_user)
            if ward is not None:
                self.fields["site"].initial = ward.pk
        self.fields["site"].empty_label = None

    def clean_period(self):
        period = self.cleaned_data["period"].replace(day=1)
        if period > timezone.localdate().replace(day=1):
            raise forms.ValidationError("Chưa tới tháng này: chỉ nhập số liệu đã có.")
        return period


class ManualFigureIndexView(IndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        button = import_button(self.request.user)
        if button is not None:
            buttons.append(button)
        return buttons

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("site")


class ManualFigureHistoryView(HistoryView):
    # Who typed or changed a figure, and when, is for leaders to see, too.
    any_permission_required = ["add", "change", "delete", "view"]


class ManualFigureViewSet(WardScopedViewSetMixin, ModelViewSet):
    """Monthly figures the ward only has on paper (docs/dashboard.md, "Sources"). Every create,
    edit and delete is in the history (Wagtail's log), with who and when."""

    model = ManualFigure
    icon = "form"
    menu_label = "Số liệu nhập tay"
    menu_order = 330
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    index_view_class = ManualFigureIndexView
    history_view_class = ManualFigureHistoryView
    edit_handler = ObjectList(
        [
            FieldPanel("site"),
            FieldPanel("metric"),
            FieldPanel("period"),
            FieldPanel("value"),
            FieldPanel("note"),
        ],
        base_form_class=ManualFigureForm,
    )
    list_display = [
        Column("metric", label="Chỉ số", accessor="get_metric_display"),
        Column("month_display", label="Tháng", sort_key="period"),
        Column("value", label="Số lượng"),
        Column("note", label="Ghi chú"),
        UpdatedAtColumn(),
    ]
    list_filter = ["metric", "site"]
    list_per_page = 50


manual_figure_viewset = ManualFigureViewSet("dashboard_manualfigure", url_prefix="so-lieu/nhap-tay")


@hooks.register("register_admin_viewset")
def register_manual_figure_viewset():
    return manual_figure_viewset


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("so-lieu/nap-tep-ho-so/", import_case_stats_view, name="dashboard_import_case_stats")
    ]


def import_button(user):
    if user.has_perm("dashboard.import_case_stats"):
        return HeaderButton(
            "Nạp số liệu hồ sơ từ tệp",
            url=reverse("dashboard_import_case_stats"),
            icon_name="upload",
        )
    return None


# The leaders' panel on the admin home registers its own hook.
from . import leaders_panel  # noqa: E402, F401
