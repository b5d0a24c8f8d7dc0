"""Admin forms of health events and hot spots: a member of staff with a ward picks only that
ward and its places, and nobody links a place of another ward."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from content.models import Place, user_site_id


class WardDataForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site_id = user_site_id(self.for_user) if self.for_user else None
        if site_id and "site" in self.fields:
            self.fields["site"].queryset = self.fields["site"].queryset.filter(pk=site_id)
            self.fields["site"].initial = site_id
            places = Place.objects.filter(site_id=site_id)
        else:
            places = Place.objects.all()
        if "places" in self.fields:
            self.fields["places"].queryset = places.filter(
                kind__in=Place.RESIDENTIAL_KINDS
            ).order_by("sort_order", "name")

    def clean(self):
        cleaned = super().clean()
        site, places = cleaned.get("site"), cleaned.get("places")
        if site and places and any(place.site_id != site.pk for place in places):
            raise ValidationError({"places": "Tổ dân phố phải thuộc phường/xã đã chọn."})
        return cleaned
