"""Announcements and plans (thông báo, kế hoạch) as articles, listed newest first with an RSS
feed. A dedicated type rather than content.StandardPage: it has a kind to filter on and a
picture for the listing and share previews, and it lives under a listing page of its own."""

from django.core.paginator import Paginator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from content.blocks import BodyBlock
from content.models import BasePage, SourceAndContact
from content.visibility import public

from .feeds import feed_links

PER_PAGE = 12
KIND_PARAM = "loai"


class AnnouncementKind(models.TextChoices):
    NOTICE = "thong-bao", "Thông báo"
    PLAN = "ke-hoach", "Kế hoạch"


class AnnouncementIndexPage(RoutablePageMixin, BasePage):
    """Thông báo – kế hoạch: newest first, by kind, with an RSS feed (``rss/``)."""

    parent_page_types = ["governance.GovernancePage"]
    subpage_types = ["governance.AnnouncementPage"]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_kind = "tin-bai"

    class Meta:
        verbose_name = "Thông báo – kế hoạch (danh sách)"
        verbose_name_plural = "Thông báo – kế hoạch (danh sách)"

    def announcements(self, request=None):
        return public(AnnouncementPage.objects.child_of(self).live(), request)

    @path("")
    def index(self, request):
        kind = request.GET.get(KIND_PARAM, "")
        items = self.announcements(request)
        if kind in AnnouncementKind.values:
            items = items.filter(kind=kind)
        else:
            kind = ""
        items = (
            items.select_related("image")
            .prefetch_related("image__renditions")
            .order_by("-first_published_at", "-pk")
        )
        page_obj = Paginator(items, PER_PAGE).get_page(request.GET.get("trang"))
        return self.render(
            request,
            context_overrides={
                "announcements": page_obj.object_list,
                "page_obj": page_obj,
                "kinds": AnnouncementKind.choices,
                "chosen_kind": kind,
                "kind_param": KIND_PARAM,
                "query": f"{KIND_PARAM}={kind}" if kind else "",
            },
        )

    @path("rss/", name="rss")
    def rss(self, request):
        from ..feeds import AnnouncementFeed

        return AnnouncementFeed(self)(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["feeds"] = feed_links(self, request, ("announcements",))
        return context


class AnnouncementPage(BasePage, SourceAndContact):
    """A notice or a plan of the ward: the complete post of the publishing checklist (summary,
    source document, contact point, picture)."""

    kind = models.CharField(
        "Loại", max_length=20, choices=AnnouncementKind.choices, default=AnnouncementKind.NOTICE
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Ảnh đại diện",
        help_text="Hiện trong danh sách và khi chia sẻ qua Zalo/Facebook.",
    )
    image_alt = models.CharField(
        "Mô tả ảnh", max_length=255, blank=True, help_text="Cho người dùng trình đọc màn hình."
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name="Nội dung")
    parent_page_types = ["governance.AnnouncementIndexPage"]
    subpage_types = []
    search_kind = "tin-bai"
    default_review_days = 180
    reviewed_fields = BasePage.reviewed_fields + [
        "kind",
        "image",
        "image_alt",
        "body",
        *SourceAndContact.source_fields,
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = (
        BasePage.content_panels
        + [
            FieldPanel("kind"),
            FieldPanel("intro"),
            MultiFieldPanel(["image", "image_alt"], "Ảnh đại diện"),
            FieldPanel("body"),
            SourceAndContact.source_panel,
        ]
        + BasePage.change_note_panels
    )

    class Meta:
        verbose_name = "Thông báo / kế hoạch"
        verbose_name_plural = "Thông báo / kế hoạch"

    def publishing_checklist(self):
        return super().publishing_checklist() + self.complete_post_checklist()

    def search_text(self):
        # The body is already one of the search fields.
        parts = [self.get_kind_display(), self.source_reference, self.contact_point]
        return " ".join(part for part in parts if part)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["feeds"] = feed_links(self, request, ("announcements",))
        return context
