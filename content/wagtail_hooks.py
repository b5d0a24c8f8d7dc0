from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .admin_views import import_places_view
from .models import Place


class PlaceIndexView(IndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perms(["content.add_place", "content.change_place"]):
            buttons.append(
                HeaderButton(
                    "Nhập từ CSV", url=reverse("content_import_places"), icon_name="upload"
                )
            )
        return buttons


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = "Tổ dân phố / thôn"
    menu_order = 300
    add_to_admin_menu = True
    index_view_class = PlaceIndexView
    list_display = ["name", "code", "kind", "area", "site", "is_active"]
    list_filter = ["site", "kind", "is_active"]
    list_export = ["code", "name", "kind", "area", "sort_order", "is_active"]
    search_fields = ["name", "code", "area"]
    ordering = ["site", "sort_order"]


register_snippet(PlaceViewSet)


@hooks.register("register_admin_urls")
def register_place_import_url():
    return [path("places/import/", import_places_view, name="content_import_places")]
