"""Admin of health events and hot spots: one «Y tế» menu with two lists, scoped to the ward of
the member of staff (superusers and the city's viewers see every ward's)."""

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content.scoping import WardScopedViewSetMixin

from .models import HealthEvent, HotSpot


class WardScopedViewSet(WardScopedViewSetMixin, SnippetViewSet):
    """Lists, exports, chooses and opens only the rows of the user's ward (content/scoping.py)."""

    def get_queryset(self, request):
        return self.model._default_manager.select_related("site")


class HealthEventViewSet(WardScopedViewSet):
    model = HealthEvent
    icon = "date"
    menu_label = "Lịch y tế"
    list_display = ["title", "kind", "date", "start_time", "venue"]
    list_filter = ["kind", "date"]
    list_export = ["date", "start_time", "end_time", "kind", "title", "venue", "eligible"]
    search_fields = ["title", "venue"]
    ordering = ["-date", "start_time"]


class HotSpotViewSet(WardScopedViewSet):
    model = HotSpot
    icon = "warning"
    menu_label = "Điểm dịch"
    list_display = ["area", "disease", "since", "status", "cases"]
    list_filter = ["disease", "status"]
    list_export = ["disease", "area", "since", "status", "ended_on", "cases"]
    search_fields = ["area", "advice"]
    ordering = ["-since"]


class HealthViewSetGroup(SnippetViewSetGroup):
    items = (HealthEventViewSet, HotSpotViewSet)
    menu_label = "Y tế"
    menu_icon = "date"
    menu_order = 290
