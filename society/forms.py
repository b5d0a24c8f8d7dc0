"""Admin forms of health events and hot spots: a member of staff with a ward picks only that
ward and its places, and nobody links a place of another ward."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from content.models import Place
from content.scoping import WardScopedFormMixin


class WardDataForm(WardScopedFormMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "places" in self.fields:
            self.fields["places"].queryset = (
                self.fields["places"]
                .queryset.filter(kind__in=Place.RESIDENTIAL_KINDS)
                .order_by("sort_order", "name")
            )

    def clean(self):
        cleaned = super().clean()
        site, places = cleaned.get("site"), cleaned.get("places")
        if site and places and any(place.site_id != site.pk for place in places):
            raise ValidationError({"places": "Tổ dân phố phải thuộc phường/xã đã chọn."})
        return cleaned
