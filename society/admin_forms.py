"""Admin forms of the education data: every choice limited to the user's own ward."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from content.scoping import WardScopedFormMixin

from .models import SchoolYear


class WardScopedForm(WardScopedFormMixin, WagtailAdminModelForm):
    """Offers only the user's ward, and only its places, schools and years (content/scoping.py);
    superusers and the city's viewers choose among every ward."""


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
