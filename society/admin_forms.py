"""Admin forms of the education data: every choice limited to the user's own ward."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Site

from content.models import Place, user_site_id

from .models import School, SchoolYear


class WardScopedForm(WagtailAdminModelForm):
    """Offers only the user's ward, and only its places, schools and years; a superuser
    without a ward sees them all."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.ward_id = user_site_id(for_user) if for_user is not None else None
        if self.ward_id is None:
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            if queryset.model is Site:
                field.queryset = queryset.filter(pk=self.ward_id)
                field.initial = self.ward_id
            elif queryset.model in (Place, School, SchoolYear):
                field.queryset = queryset.filter(site_id=self.ward_id)


class SchoolYearForm(WardScopedForm):
    """A school year, with the option to start it from an earlier year's zones."""

    copy_from = forms.ModelChoiceField(
        queryset=SchoolYear.objects.all(),
        required=False,
        label="Sao chép tuyến tuyển sinh từ năm học",
        help_text="Chọn năm học trước để chép toàn bộ tuyến sang năm này, rồi sửa những tổ "
        "dân phố thay đổi. Tổ đã có tuyến trong năm này được giữ nguyên.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = SchoolYear.objects.all()
        if self.ward_id is not None:
            queryset = queryset.filter(site_id=self.ward_id)
        if self.instance.pk:
            queryset = queryset.exclude(pk=self.instance.pk)
        self.fields["copy_from"].queryset = queryset
        self.copied = 0

    def clean(self):
        cleaned = super().clean()
        source, site = cleaned.get("copy_from"), cleaned.get("site")
        if source and site and source.site_id != site.pk:
            self.add_error("copy_from", "Chỉ chép được tuyến của cùng phường/xã.")
        return cleaned

    def save(self, commit=True):
        year = super().save(commit=commit)
        source = self.cleaned_data.get("copy_from")
        if commit and source:
            self.copied = year.copy_zones_from(source)
        return year
