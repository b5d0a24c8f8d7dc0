"""The admin forms of a pinned result and of a popular search."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Site

from content.models import user_site_id

from .text import fold


def _user_site_id(form):
    site_id = user_site_id(form.for_user) if form.for_user else None
    if site_id is None:
        raise forms.ValidationError(
            "Tài khoản của bạn chưa gắn với phường/xã nào (Cài đặt → Cán bộ theo phường/xã)."
        )
    return site_id


class PromotionForm(WagtailAdminModelForm):
    """A pin for the ward of the member of staff: the page must be one of that ward's."""

    def clean(self):
        cleaned = super().clean()
        site_id = _user_site_id(self)
        site = Site.objects.select_related("root_page").get(pk=site_id)
        page = cleaned.get("page")
        if page and not page.path.startswith(site.root_page.path):
            self.add_error("page", "Trang này không thuộc cổng của phường/xã bạn.")
        if cleaned.get("query") is not None and not fold(cleaned["query"]):
            self.add_error("query", "Từ khóa cần có ít nhất một chữ hoặc số.")
        self.instance.site_id = site_id
        return cleaned


class PopularSearchForm(WagtailAdminModelForm):
    """A decision about a query of «Người dân hay tìm», for the ward of the member of staff:
    one per query, however it is typed."""

    def clean(self):
        cleaned = super().clean()
        site_id = _user_site_id(self)
        folded = fold(cleaned.get("query") or "")
        if cleaned.get("query") is not None and not folded:
            self.add_error("query", "Từ khóa cần có ít nhất một chữ hoặc số.")
        others = type(self.instance).objects.filter(site_id=site_id, folded_query=folded)
        if folded and others.exclude(pk=self.instance.pk).exists():
            self.add_error("query", "Từ khóa này (có dấu hay không dấu) đã có trong danh sách.")
        self.instance.site_id = site_id
        return cleaned
