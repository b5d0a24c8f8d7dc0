"""Admin screens for QR codes (docs/qr-codes.md): every short link with its page and scans,
one link's QR images, posters and scans per place; the comments left with the desk's
satisfaction votes. All read-only: codes are made by publishing, scans and votes by citizens."""

import datetime

from django.db.models import Count, Q, Sum
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.widgets import Button

from .models import (
    Place,
    SatisfactionComment,
    SatisfactionPage,
    SatisfactionVote,
    ShortLink,
)
from .posters import SIZES, poster_sheet_view, poster_view
from .scoping import WardScopedViewSetMixin
from .short_links import short_path
from .viewsets import ReadOnlyModelViewSet

RECENT_DAYS = 30


def recent_start():
    return timezone.localdate() - datetime.timedelta(days=RECENT_DAYS - 1)


class ShortLinkIndexView(IndexView):
    default_ordering = "-recent"

    def get_base_queryset(self):
        links = super().get_base_queryset().select_related("page")
        return links.annotate(
            total=Sum("scans__count", default=0),
            recent=Sum("scans__count", filter=Q(scans__day__gte=recent_start()), default=0),
            places=Count("scans__place", distinct=True),
        )


class ShortLinkInspectView(InspectView):
    template_name = "content/admin/short_link_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        link = self.object
        since = recent_start()
        per_place = (
            link.scans.values("place")
            .annotate(
                total=Sum("count"),
                recent=Sum("count", filter=Q(day__gte=since)),
            )
            .order_by("-recent", "-total")
        )
        places = Place.objects.in_bulk([row["place"] for row in per_place if row["place"]])
        ward_places = Place.objects.filter(site_id=link.site_id, is_active=True)
        page = link.page.specific if link.page is not None else None
        context.update(
            link=link,
            target=page,
            path=short_path(link),
            sizes=SIZES.values(),
            recent_days=RECENT_DAYS,
            scans=[
                {
                    "place": places.get(row["place"]),
                    "total": row["total"],
                    "recent": row["recent"] or 0,
                }
                for row in per_place
            ],
            ward_places=ward_places,
            residential_count=ward_places.filter(kind__in=Place.RESIDENTIAL_KINDS).count(),
        )
        if isinstance(page, SatisfactionPage):
            votes = SatisfactionVote.objects.filter(page=page)
            context["votes"] = SatisfactionVote.summary(votes)
            context["votes_recent"] = SatisfactionVote.summary(votes.filter(day__gte=since))
        return context


class ShortLinkViewSet(WardScopedViewSetMixin, ReadOnlyModelViewSet):
    """Every page's permanent QR code, most scanned in the last 30 days first."""

    model = ShortLink
    icon = "link"
    menu_label = "Mã QR"
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = ShortLinkIndexView
    inspect_view_class = ShortLinkInspectView
    list_display = [
        Column("code", label="Mã", accessor="__str__"),
        Column("target", label="Trang", accessor="target_title"),
        Column("total", label="Lượt quét (tổng)", sort_key="total"),
        Column("recent", label=f"{RECENT_DAYS} ngày qua", sort_key="recent"),
        Column("places", label="Số nơi dán có lượt quét", sort_key="places"),
    ]
    search_fields = ["code", "last_title"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<str:code>/ap-phich/", poster_view, name="poster"),
            path("<str:code>/ap-phich-to-dan-pho/", poster_sheet_view, name="poster_sheet"),
        ]


short_link_viewset = ShortLinkViewSet("content_shortlink")


def qr_header_button(page, user):
    """The page editor's "…" menu: the page's QR code and posters, once it has been published."""
    if not user.has_perm("content.view_shortlink"):
        return None
    link = ShortLink.objects.filter(page_id=page.pk).only("pk").first()
    if link is None:
        return None
    return Button(
        "Mã QR và áp phích",
        url=reverse("content_shortlink:inspect", args=[link.pk]),
        icon_name="link",
        priority=80,
    )


class SatisfactionCommentViewSet(WardScopedViewSetMixin, ReadOnlyModelViewSet):
    """What citizens wrote with their vote at the one-stop desk (no name, only day and score)."""

    model = SatisfactionComment
    icon = "comment"
    menu_label = "Ý kiến tại Một cửa"
    menu_order = 312
    add_to_admin_menu = True
    ward_field = "page"
    list_display = ["day", "score", "text"]
    list_filter = ["score"]
    search_fields = ["text"]
    inspect_view_fields = ["day", "score", "text"]


satisfaction_comment_viewset = SatisfactionCommentViewSet("content_satisfactioncomment")
