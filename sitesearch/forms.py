"""The admin form of a pinned result."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Site

from content.models import user_site_id

from .text import fold


class PromotionForm(WagtailAdminModelForm):
    """A pin for the ward of the member of staff: the page must be one of that ward's."""

    def clean(self):
        cleaned = super().clean()
        site_id = user_site_id(self.for_user) if self.for_user else None
        if site_id is None:
            raise forms.ValidationError(
                "Tài khoản của bạn chưa gắn với phường/xã nào (Cài đặt → Cán bộ theo phường/xã)."
            )
        site = Site.objects.select_related("root_page").get(pk=site_id)
        page = cleaned.get("page")
        if page and not page.path.startswith(site.root_page.path):
            self.add_error("page", "Trang này không thuộc cổng của phường/xã bạn.")
        if cleaned.get("query") is not None and not fold(cleaned["query"]):
            self.add_error("query", "Từ khóa cần có ít nhất một chữ hoặc số.")
        self.instance.site_id = site_id
        return cleaned
