"""Staff side of the education data in the Wagtail admin (menu «Giáo dục»): schools, school
years with their enrolment zones, and licensed private pre-school groups, each limited to the
user's own ward (superusers see every ward)."""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet

from content.scoping import WardScopedViewSetMixin

from .admin_forms import SchoolYearForm, WardScopedForm
from .health_admin import HealthViewSetGroup
from .models import EnrolmentZone, PrivatePreschool, School, SchoolYear


class ScopedViewSet(WardScopedViewSetMixin, ModelViewSet):
    """A ModelViewSet of the ward's education data (content/scoping.py)."""

    list_select_related = ()
    copy_view_enabled = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        related = self.list_select_related
        if related:

            class Index(self.index_view_class):
                def get_base_queryset(self):
                    return super().get_base_queryset().select_related(*related)

            self.index_view_class = Index


class SchoolViewSet(ScopedViewSet):
    model = School
    icon = "home"
    menu_label = "Trường học"
    list_display = [
        "name",
        Column("get_level_display", label="Cấp học"),
        Column("get_ownership_display", label="Loại hình"),
        "phone",
        Column("get_licence_status_display", label="Cấp phép"),
        BooleanColumn("is_active", label="Đang hoạt động"),
    ]
    list_filter = ["level", "ownership", "licence_status", "is_active"]
    search_fields = ["name", "address"]
    edit_handler = ObjectList(
        [
            FieldPanel("site"),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("level"), FieldPanel("ownership")]),
            FieldPanel("address"),
            FieldRowPanel([FieldPanel("phone"), FieldPanel("website")]),
            MultiFieldPanel(["licence_status", "licence_reference"], "Cấp phép"),
            FieldRowPanel([FieldPanel("sort_order"), FieldPanel("is_active")]),
        ],
        base_form_class=WardScopedForm,
    )


class SchoolYearCreateView(CreateView):
    def get_success_message(self, instance):
        message = super().get_success_message(instance)
        copied = getattr(self.form, "copied", 0)
        return f"{message} Đã chép {copied} tuyến tuyển sinh." if copied else message


class SchoolYearEditView(EditView):
    def get_success_message(self):
        message = super().get_success_message()
        copied = getattr(self.form, "copied", 0)
        return f"{message} Đã chép {copied} tuyến tuyển sinh." if copied else message


class SchoolYearViewSet(ScopedViewSet):
    model = SchoolYear
    icon = "date"
    menu_label = "Năm học và tuyến tuyển sinh"
    add_view_class = SchoolYearCreateView
    edit_view_class = SchoolYearEditView
    list_display = [
        Column("label", label="Năm học"),
        BooleanColumn("is_published", label="Đã công bố"),
        "decision",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("site"),
            FieldPanel("start_year"),
            FieldPanel("decision"),
            FieldPanel("is_published"),
            FieldPanel("copy_from"),
        ],
        base_form_class=SchoolYearForm,
    )


class EnrolmentZoneViewSet(ScopedViewSet):
    model = EnrolmentZone
    icon = "site"
    menu_label = "Tuyến theo tổ dân phố"
    ward_field = "year__site"
    list_select_related = ("year", "place", "preschool", "primary", "lower_secondary")
    list_display = [
        Column("place", label="Tổ dân phố"),
        Column("year", label="Năm học"),
        Column("preschool", label="Mầm non"),
        Column("primary", label="Tiểu học"),
        Column("lower_secondary", label="THCS"),
    ]
    list_filter = ["year"]
    search_fields = ["place__name", "place__code"]
    list_per_page = 50
    edit_handler = ObjectList(
        [
            FieldPanel("year"),
            FieldPanel("place"),
            FieldPanel("preschool"),
            FieldPanel("primary"),
            FieldPanel("lower_secondary"),
        ],
        base_form_class=WardScopedForm,
    )


class PrivatePreschoolViewSet(ScopedViewSet):
    model = PrivatePreschool
    icon = "group"
    menu_label = "Nhóm trẻ độc lập tư thục"
    list_display = [
        "name",
        "hotline",
        "licence_number",
        Column("get_status_display", label="Tình trạng"),
        "licence_expires",
    ]
    list_filter = ["status"]
    search_fields = ["name", "address", "licence_number"]
    edit_handler = ObjectList(
        [
            FieldPanel("site"),
            FieldPanel("name"),
            FieldPanel("address"),
            FieldPanel("place"),
            FieldPanel("hotline"),
            MultiFieldPanel(
                [
                    FieldPanel("licence_number"),
                    FieldRowPanel([FieldPanel("licence_date"), FieldPanel("licence_expires")]),
                    FieldPanel("status"),
                ],
                "Giấy phép",
            ),
            FieldPanel("capacity"),
        ],
        base_form_class=WardScopedForm,
    )


class EducationGroup(ViewSetGroup):
    menu_label = "Giáo dục"
    menu_icon = "home"
    menu_order = 260
    items = (
        SchoolViewSet("society_school", url_prefix="giao-duc/truong"),
        SchoolYearViewSet("society_schoolyear", url_prefix="giao-duc/nam-hoc"),
        EnrolmentZoneViewSet("society_enrolmentzone", url_prefix="giao-duc/tuyen"),
        PrivatePreschoolViewSet("society_privatepreschool", url_prefix="giao-duc/nhom-tre"),
    )


@hooks.register("register_admin_viewset")
def register_education_viewsets():
    return EducationGroup()


register_snippet(HealthViewSetGroup)
