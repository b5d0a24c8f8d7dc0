"""Admin screens of the site search: editors' pinned results, their decisions about
«Người dân hay tìm», and what citizens search for."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from content.scoping import WardScopedViewSetMixin, user_ward

from .models import PopularSearch, SearchPromotion
from .stats import period, popular_queries, search_gaps, top_queries

REPORT_DAYS = 30


class PromotionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page")


class PromotionViewSet(WardScopedViewSetMixin, ModelViewSet):
    """Kết quả ghim: for a query, the page shown first."""

    model = SearchPromotion
    icon = "pick"
    menu_label = "Kết quả ghim"
    menu_order = 320
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = PromotionIndexView
    list_display = ["query", "page", "description", "sort_order"]
    search_fields = ["query", "folded_query"]


promotion_viewset = PromotionViewSet("sitesearch_promotion")


@hooks.register("register_admin_viewset")
def register_promotion_viewset():
    return promotion_viewset


class PopularSearchCreateView(generic.CreateView):
    """Opened from the report with the query to decide about (``?q=``) already filled in."""

    def get_initial(self):
        return {**super().get_initial(), "query": self.request.GET.get("q", "")[:100]}


class PopularSearchViewSet(WardScopedViewSetMixin, ModelViewSet):
    """Người dân hay tìm: queries an editor lets the search page show, or never shows."""

    model = PopularSearch
    icon = "list-ul"
    menu_label = "Người dân hay tìm"
    menu_order = 322
    add_to_admin_menu = True
    copy_view_enabled = False
    add_view_class = PopularSearchCreateView
    list_display = ["query", "shown"]
    search_fields = ["query", "folded_query"]


popular_search_viewset = PopularSearchViewSet("sitesearch_popular")


@hooks.register("register_admin_viewset")
def register_popular_search_viewset():
    return popular_search_viewset


def search_report_view(request):
    """Tìm kiếm của người dân: top queries, queries that found nothing, and the no-result
    rate of the last 30 days, for the ward of the member of staff."""
    if not request.user.has_perm("sitesearch.view_searchqueryday"):
        raise PermissionDenied
    site = user_ward(request.user)
    start, end = period(REPORT_DAYS)
    context = {
        "page_title": "Tìm kiếm của người dân",
        "header_title": "Tìm kiếm của người dân",
        "site": site,
        "start": start,
        "end": end,
        "days": REPORT_DAYS,
    }
    if site:
        shown = {row["query"]: row["text"] for row in popular_queries(site, limit=None)}
        decided = {
            choice.folded_query: choice for choice in PopularSearch.objects.filter(site=site)
        }
        top = top_queries(site, start, end)
        for row in top:
            row["public_text"] = shown.get(row["query"], "")
            row["decision"] = decided.get(row["query"])
        context.update(
            gaps=search_gaps(site, start, end),
            top=top,
            without_result=top_queries(site, start, end, without_result=True),
            search_url=reverse("search"),
            can_decide=request.user.has_perm("sitesearch.add_popularsearch"),
            decide_url=reverse("sitesearch_popular:add"),
        )
    return TemplateResponse(request, "sitesearch/admin/report.html", context)


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("tim-kiem/thong-ke/", search_report_view, name="sitesearch_report")]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("sitesearch.view_searchqueryday")


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        "Tìm kiếm của người dân", reverse("sitesearch_report"), icon_name="search", order=321
    )
