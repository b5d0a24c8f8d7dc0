"""Admin shortcuts of the governance pillar: a menu that opens the ward's register, schedule,
disclosures and announcements in the page explorer, where new documents, weeks and
disclosures are added and sent through the five-step workflow. No new admin URL: each item
points at Wagtail's explorer of the index page."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.models import Site

from content.scoping import user_ward

from .models import (
    AnnouncementIndexPage,
    DisclosureIndexPage,
    DocumentRegisterPage,
    ScheduleIndexPage,
)

INDEXES = [
    (DocumentRegisterPage, "Văn bản", "doc-full", 1),
    (ScheduleIndexPage, "Lịch công tác tuần", "date", 2),
    (DisclosureIndexPage, "Công khai", "folder-open-inverse", 3),
    (AnnouncementIndexPage, "Thông báo – kế hoạch", "info-circle", 4),
]


def ward_index(request, model):
    """The index page of ``model`` in the ward of the member of staff (cached per request)."""
    cache = request.__dict__.setdefault("_governance_indexes", {})
    if model not in cache:
        site = user_ward(request.user) or Site.objects.filter(is_default_site=True).first()
        cache[model] = (
            model.objects.descendant_of(site.root_page).only("id", "path", "depth").first()
            if site
            else None
        )
    return cache[model]


class ExplorerMenuItem(MenuItem):
    """Opens the explorer at the ward's index page of ``model``; hidden without one."""

    def __init__(self, model, label, icon_name, order):
        super().__init__(label, "", icon_name=icon_name, order=order)
        self.model = model

    def is_shown(self, request):
        page = ward_index(request, self.model)
        if page is None:
            return False
        return (
            page.permissions_for_user(request.user).can_edit()
            or page.permissions_for_user(request.user).can_add_subpage()
        )

    def render_component(self, request):
        self.url = reverse("wagtailadmin_explore", args=[ward_index(request, self.model).pk])
        return super().render_component(request)


@hooks.register("register_admin_menu_item")
def register_governance_menu():
    menu = Menu(items=[ExplorerMenuItem(*index) for index in INDEXES])
    return SubmenuMenuItem("Điều hành – công khai", menu, icon_name="doc-full-inverse", order=280)
