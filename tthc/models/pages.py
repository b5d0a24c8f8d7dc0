"""Page types of the procedures pillar: the index, one page per procedure, the FAQ library
and life events. Catalogue data comes from ``ProcedureVersion``; the ward writes the rest."""

import time

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from content import page_cache
from content.blocks import BodyBlock
from content.models import BasePage, ChecklistItem, SatisfactionPage, SectionPage
from content.visibility import public

from ..panels import CataloguePanel
from .catalogue import OnlineLevel, ProcedureField, ProcedureVersion

# Procedures shown per field on the unfiltered index; the rest are one click away, so the page
# stays small on a phone whether the ward has 40 procedures or 600.
GROUP_PREVIEW = 5
# Query-string names of the index filters (Vietnamese, without diacritics).
FIELD_PARAM = "linh-vuc"
LEVEL_PARAM = "muc-do"
LEVEL_SLUGS = {
    "toan-trinh": OnlineLevel.FULL,
    "mot-phan": OnlineLevel.PARTIAL,
    "truc-tiep": OnlineLevel.IN_PERSON,
}
# The guide to filing online, a sibling of the procedure pages.
HOW_TO_FILE_ONLINE_SLUG = "nop-ho-so-truc-tuyen"
# How many procedures the index shows as "most used".
MOST_USED = 8
# Procedures per page of a filtered list, and the query-string name of the page number.
PER_PAGE = 30
PAGE_PARAM = "trang"
# The procedure lists' cached counts and ids (ProcedureIndexPage.listing): every change of a
# procedure page, a catalogue entry, a field or a view restriction bumps the version
# (tthc/signal_handlers.py); the timeout is a safety net only.
LISTING_VERSION_KEY = "tthc:listing-version"
LISTING_SECONDS = 600


def listing_version():
    version = cache.get(LISTING_VERSION_KEY)
    if version is None:
        # Never 1 again after an eviction: a restarted count could meet old entries.
        cache.add(LISTING_VERSION_KEY, time.time_ns(), None)
        version = cache.get(LISTING_VERSION_KEY) or 0
    return version


def _bump_listing_version():
    try:
        cache.incr(LISTING_VERSION_KEY)
    except ValueError:  # no version yet (or the cache is down): the next one starts afresh
        cache.set(LISTING_VERSION_KEY, time.time_ns(), None)


def forget_listings(*args, **kwargs):
    """Every procedure list works its counts out again on its next visit: at once, and again
    when the transaction commits (a visit in between would have cached what it still saw)."""
    _bump_listing_version()
    transaction.on_commit(_bump_listing_version)


class ProcedureIndexPage(SectionPage):
    """The procedures pillar (``/thu-tuc-hanh-chinh/``): browse by field and online level."""

    parent_page_types = ["content.HomePage"]
    subpage_types = [
        "tthc.ProcedurePage",
        "tthc.FaqLibraryPage",
        "tthc.LifeEventIndexPage",
        "content.StandardPage",
        "content.SectionPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Trang danh mục thủ tục"
        verbose_name_plural = "Trang danh mục thủ tục"

    def procedures(self, request=None):
        """The live, in-force procedure pages of this ward, with their catalogue data."""
        return (
            public(ProcedurePage.objects.child_of(self).live(), request)
            .filter(procedure__in_force=True)
            .select_related("catalogue", "catalogue__field", "procedure")
        )

    def satisfaction_page(self, request=None):
        """The one-stop desk's rating page (a sibling at /danh-gia-mot-cua/): citizens who
        came through the desk rate it from the pillar that lists its procedures."""
        return (
            public(SatisfactionPage.objects.sibling_of(self, inclusive=False).live(), request)
            .only("id", "title", "intro", "url_path", "path", "depth")
            .first()
        )

    def listing(self, request=None):
        """What the list shows whatever the filters, from the cache: the counts by field and by
        online level, and the ids of the most used procedures and of the first few of each
        field. Worked out at most once per change of the procedures (``forget_listings``), so
        that a visit costs the same whether the ward has 40 procedures or 2,500."""
        key = f"tthc:listing:{self.pk}:{listing_version()}"
        data = cache.get(key)
        if data is None:
            data = self._work_out_listing(request)
            cache.set(key, data, LISTING_SECONDS)
        return data

    def _work_out_listing(self, request):
        procedures = self.procedures(request).order_by()
        field_counts = dict(procedures.values_list("catalogue__field").annotate(count=Count("pk")))
        first = (
            procedures.annotate(
                rank=Window(
                    RowNumber(), partition_by=F("catalogue__field"), order_by=F("title").asc()
                )
            )
            .filter(rank__lte=GROUP_PREVIEW)
            .order_by("title")
            .values_list("catalogue__field", "pk")
        )
        previews = {}
        for field_id, pk in first:
            previews.setdefault(field_id, []).append(pk)
        return {
            "fields": [
                (field, field_counts[field.pk])
                for field in ProcedureField.objects.filter(pk__in=field_counts)
            ],
            "levels": dict(procedures.values_list("catalogue__level").annotate(count=Count("pk"))),
            "most_used": list(
                procedures.order_by("-cases_per_month", "title").values_list("pk", flat=True)[
                    :MOST_USED
                ]
            ),
            "previews": previews,
        }

    def get_context(self, request, *args, **kwargs):
        """The counts and what is shown unfiltered come from ``listing`` (cached); a filtered
        list is paginated. Only the procedures shown are built (issue 24)."""
        context = super().get_context(request, *args, **kwargs)
        listing = self.listing(request)
        fields = listing["fields"]
        levels = [
            (slug, OnlineLevel(value).label, listing["levels"][value])
            for slug, value in LEVEL_SLUGS.items()
            if listing["levels"].get(value)
        ]
        chosen_field = next((f for f, _ in fields if f.slug == request.GET.get(FIELD_PARAM)), None)
        level_slug = request.GET.get(LEVEL_PARAM, "")
        chosen_level = LEVEL_SLUGS.get(level_slug)
        filtering = bool(chosen_field or chosen_level)
        procedures = self.procedures(request)
        context.update(
            {
                "fields": fields,
                "levels": levels,
                "chosen_field": chosen_field,
                "chosen_level": level_slug if chosen_level else "",
                "filtering": filtering,
                "field_param": FIELD_PARAM,
                "level_param": LEVEL_PARAM,
                "page_param": PAGE_PARAM,
                "total": sum(count for _field, count in fields),
                "satisfaction_page": page_cache.kept(
                    f"tthc:satisfaction:{self.pk}", lambda: self.satisfaction_page(request)
                ),
                # The guides beside the procedures (FAQ, life events, pages), kept until the
                # next publication: .specific() costs a query per page type.
                "guides": page_cache.kept(
                    f"tthc:guides:{self.pk}",
                    lambda: list(self.get_children().live().not_type(ProcedurePage).specific()),
                ),
            }
        )
        if filtering:
            results = procedures
            if chosen_field:
                results = results.filter(catalogue__field=chosen_field)
            if chosen_level:
                results = results.filter(catalogue__level=chosen_level)
            paginator = Paginator(results.order_by("title", "pk"), PER_PAGE)
            page_obj = paginator.get_page(request.GET.get(PAGE_PARAM))
            query = request.GET.copy()
            query.pop(PAGE_PARAM, None)
            context.update(
                {
                    "procedures": page_obj.object_list,
                    "page_obj": page_obj,
                    "query": query.urlencode(),
                }
            )
        else:
            shown = [
                *listing["most_used"],
                *(pk for ids in listing["previews"].values() for pk in ids),
            ]
            # Filtered again (live, in force, public): the ids may be a few minutes old.
            pages = {page.pk: page for page in procedures.filter(pk__in=shown)}
            context["most_used"] = [pages[pk] for pk in listing["most_used"] if pk in pages]
            context["groups"] = [
                (
                    field,
                    count,
                    [pages[pk] for pk in listing["previews"].get(field.pk, []) if pk in pages],
                )
                for field, count in fields
            ]
        return context


class ProcedurePage(BasePage):
    """A procedure's information package: the catalogue's facts and the ward's guidance."""

    procedure = models.ForeignKey(
        "tthc.Procedure", on_delete=models.PROTECT, related_name="pages", verbose_name="Thủ tục"
    )
    # The catalogue version the ward's reviewers approved; the sync moves a new revision on.
    catalogue = models.ForeignKey(
        "tthc.ProcedureVersion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Phiên bản danh mục",
    )
    guidance = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="Hướng dẫn của phường",
        help_text="Giải thích bằng lời dễ hiểu, ví dụ, lưu ý thường gặp ở Bộ phận Một cửa.",
    )
    in_person = models.TextField(
        "Nộp trực tiếp ở đâu, khi nào",
        blank=True,
        help_text="Để trống: dùng địa chỉ và giờ làm việc của Bộ phận Một cửa trong Cài đặt phường.",
    )
    contact = models.CharField(
        "Liên hệ khi cần hỏi",
        max_length=300,
        blank=True,
        help_text="Người, số điện thoại hoặc thư điện tử. Để trống: dùng điện thoại của Bộ phận "
        "Một cửa trong Cài đặt phường.",
    )
    cases_per_month = models.PositiveIntegerField(
        "Số hồ sơ bình quân mỗi tháng",
        default=0,
        help_text="Dùng để xếp các thủ tục được hỏi nhiều nhất lên đầu danh mục.",
    )

    parent_page_types = ["tthc.ProcedureIndexPage"]
    subpage_types = []
    # Pages are made by the catalogue sync, one per procedure and ward (docs/procedures.md).
    is_creatable = False
    default_review_days = 180
    search_kind = "thu-tuc"
    reviewed_fields = BasePage.reviewed_fields + ["guidance", "in_person", "contact", "catalogue"]
    search_fields = BasePage.search_fields + [
        index.SearchField("guidance"),
        index.RelatedFields(
            "procedure", [index.SearchField("code"), index.FilterField("in_force")]
        ),
        index.RelatedFields(
            "catalogue",
            [
                index.SearchField("name"),
                index.FilterField("level"),
                index.FilterField("field_id"),
            ],
        ),
    ]
    content_panels = (
        BasePage.content_panels
        + [
            CataloguePanel(heading="Thông tin từ danh mục thủ tục quốc gia"),
            FieldPanel("intro"),
            FieldPanel("guidance"),
            InlinePanel("forms", heading="Biểu mẫu", label="Biểu mẫu"),
            MultiFieldPanel(["in_person", "contact", "cases_per_month"], "Tại phường"),
        ]
        + BasePage.change_note_panels
    )

    class Meta:
        verbose_name = "Thủ tục hành chính"
        verbose_name_plural = "Thủ tục hành chính"

    def publishing_checklist(self):
        return super().publishing_checklist() + [
            ChecklistItem("Hướng dẫn của phường", bool(self.guidance)),
        ]

    # What the site search knows of a procedure beyond its title (sitesearch.indexing).
    def search_names(self):
        return [self.catalogue.name]

    def search_codes(self):
        return [self.procedure.code]

    def search_facet(self):
        field = self.catalogue.field
        return (field.slug, field.name)

    @property
    def search_popularity(self):
        return self.cases_per_month

    def search_text(self):
        """The papers to bring and the result: "giấy chứng sinh" finds birth registration."""
        version = self.catalogue
        papers = [doc.get("name", "") for doc in version.documents if isinstance(doc, dict)]
        return " ".join([*papers, version.result, version.agency])

    @cached_property
    def catalogue_is_behind(self):
        """True when the catalogue has a newer version than the one this page shows."""
        return self.procedure.current_id != self.catalogue_id

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The catalogue version, its field and the procedure, kept with the rest: a catalogue
        # sync that changes a procedure moves the generation on (tthc/sync.py).
        kept = page_cache.kept(
            f"tthc:procedure:{self.pk}:{self.catalogue_id}", lambda: self._neighbours()
        )
        self.catalogue = kept["catalogue"]
        self.procedure = self.catalogue.procedure
        context.update(kept)
        context["short_link"] = page_cache.history_and_short_link(self)
        return context

    def _neighbours(self):
        """What the page shows of other pages and of its forms: all of it changes only when a
        page is published (or a document saved), so it is kept (``content.page_cache``)."""
        return {
            "catalogue": ProcedureVersion.objects.select_related("field", "procedure").get(
                pk=self.catalogue_id
            ),
            "how_to": (
                Page.objects.sibling_of(self)
                .live()
                .filter(slug=HOW_TO_FILE_ONLINE_SLUG)
                .only("id", "title", "url_path", "path", "depth")
                .first()
            ),
            "forms": list(self.forms.select_related("blank", "sample").order_by("sort_order")),
            "faqs": list(
                public(FaqPage.objects.live()).filter(procedures=self).order_by("title")[:8]
            ),
            "life_events": list(
                public(LifeEventPage.objects.live())
                .filter(
                    pk__in=LifeEventLink.objects.filter(procedure_page=self).values("life_event")
                )
                .only("id", "title", "url_path", "path", "depth")
            ),
        }


class ProcedureFormItem(Orderable):
    """A form of the procedure: the blank form and, beside it, a filled-in sample."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="forms")
    title = models.CharField("Tên biểu mẫu", max_length=255)
    blank = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Mẫu trắng",
    )
    sample = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Mẫu đã điền sẵn",
    )

    panels = ["title", "blank", "sample"]

    class Meta(Orderable.Meta):
        verbose_name = "Biểu mẫu"
        verbose_name_plural = "Biểu mẫu"


class FaqLibraryPage(BasePage):
    """Thư viện câu hỏi thường gặp: every answer on one page, filterable by field and procedure."""

    parent_page_types = ["tthc.ProcedureIndexPage"]
    subpage_types = ["tthc.FaqPage"]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "Thư viện câu hỏi thường gặp"
        verbose_name_plural = "Thư viện câu hỏi thường gặp"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        faqs = (
            public(FaqPage.objects.child_of(self).live(), request)
            .select_related("field")
            .order_by("field__sort_order", "field__name", "title")
        )
        counts = {
            row["field"]: row["n"]
            for row in faqs.order_by().values("field").annotate(n=Count("id"))
        }
        fields = [(f, counts[f.pk]) for f in ProcedureField.objects.filter(pk__in=counts.keys())]
        chosen = next((f for f, _ in fields if f.slug == request.GET.get(FIELD_PARAM)), None)
        if chosen:
            faqs = faqs.filter(field=chosen)
        context.update(
            faqs=list(faqs),
            fields=fields,
            chosen_field=chosen,
            field_param=FIELD_PARAM,
            total=sum(counts.values()),
        )
        return context


class FaqPage(BasePage):
    """One question a one-stop desk hears every day, and its answer."""

    answer = RichTextField(
        "Trả lời", features=["bold", "italic", "link", "document-link", "ol", "ul"]
    )
    field = models.ForeignKey(
        ProcedureField,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Lĩnh vực",
    )
    procedures = ParentalManyToManyField(
        "tthc.ProcedurePage", blank=True, related_name="+", verbose_name="Thủ tục liên quan"
    )

    parent_page_types = ["tthc.FaqLibraryPage"]
    subpage_types = []
    default_review_days = 365
    search_kind = "hoi-dap"
    reviewed_fields = BasePage.reviewed_fields + ["answer", "field", "procedures"]
    search_fields = BasePage.search_fields + [index.SearchField("answer")]
    content_panels = (
        [FieldPanel("title", heading="Câu hỏi")]
        + [FieldPanel("answer"), FieldPanel("field"), FieldPanel("procedures")]
        + BasePage.change_note_panels
    )

    class Meta:
        verbose_name = "Câu hỏi thường gặp"
        verbose_name_plural = "Câu hỏi thường gặp"

    def publishing_checklist(self):
        return [ChecklistItem("Câu trả lời", bool(self.answer.strip()))]

    def search_facet(self):
        return (self.field.slug, self.field.name) if self.field_id else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["faqs"] = [self]
        context["procedures"] = list(
            public(ProcedurePage.objects.live(), request)
            .filter(pk__in=self.procedures.values("pk"))
            .select_related("catalogue", "procedure")
        )
        return context


class LifeEventStepBlock(blocks.StructBlock):
    """One step of a life event: what to do, why, and the procedures that do it."""

    title = blocks.CharBlock(label="Việc cần làm", max_length=200)
    text = blocks.RichTextBlock(
        label="Giải thích", features=["bold", "italic", "link", "ul"], required=False
    )
    procedures = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="tthc.ProcedurePage", label="Thủ tục"),
        label="Thủ tục của bước này",
        required=False,
        default=[],
    )
    optional = blocks.BooleanBlock(label="Không bắt buộc", required=False)

    class Meta:
        icon = "list-ol"
        label = "Bước"


class LifeEventIndexPage(BasePage):
    """Sự kiện cuộc đời: the list of life events."""

    parent_page_types = ["tthc.ProcedureIndexPage"]
    subpage_types = ["tthc.LifeEventPage"]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "Danh sách sự kiện cuộc đời"
        verbose_name_plural = "Danh sách sự kiện cuộc đời"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = public(LifeEventPage.objects.child_of(self).live(), request)
        return context


class LifeEventPage(BasePage):
    """A life event (birth, marriage, a death, opening a business, building a house) as a
    step-by-step page: each step says what to do and links the procedures, in order."""

    steps = StreamField([("step", LifeEventStepBlock())], verbose_name="Các bước", min_num=1)

    parent_page_types = ["tthc.LifeEventIndexPage"]
    subpage_types = []
    search_kind = "huong-dan"
    reviewed_fields = BasePage.reviewed_fields + ["steps"]
    search_fields = BasePage.search_fields + [index.SearchField("steps")]
    content_panels = (
        BasePage.content_panels
        + [FieldPanel("intro"), FieldPanel("steps")]
        + BasePage.change_note_panels
    )

    class Meta:
        verbose_name = "Sự kiện cuộc đời"
        verbose_name_plural = "Sự kiện cuộc đời"

    def procedure_page_ids(self):
        """Ids of the procedure pages the steps link, read from the raw stream (no query)."""
        ids = []
        for step in self.steps.raw_data:
            for item in step["value"].get("procedures") or []:
                value = item.get("value") if isinstance(item, dict) else item
                if value and value not in ids:
                    ids.append(value)
        return ids

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = {
            p.pk: p
            for p in public(ProcedurePage.objects.live(), request)
            .filter(pk__in=self.procedure_page_ids())
            .select_related("catalogue", "procedure")
        }
        steps = []
        for step in self.steps.raw_data:
            value = step["value"]
            linked = [
                pages[pk]
                for pk in (
                    (item.get("value") if isinstance(item, dict) else item)
                    for item in value.get("procedures") or []
                )
                if pk in pages
            ]
            steps.append({"value": value, "procedures": linked})
        context["steps"] = steps
        return context


class LifeEventLink(models.Model):
    """Which live life events link a procedure page, so the procedure page can say "part of:
    Sinh con" in one query. Rebuilt whenever a life event is published or unpublished."""

    life_event = models.ForeignKey(LifeEventPage, on_delete=models.CASCADE, related_name="+")
    procedure_page = models.ForeignKey(
        ProcedurePage, on_delete=models.CASCADE, related_name="life_event_links"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["life_event", "procedure_page"], name="tthc_life_event_link"
            )
        ]

    def __str__(self):
        return f"{self.life_event_id} → {self.procedure_page_id}"

    @classmethod
    def rebuild_for(cls, life_event):
        cls.objects.filter(life_event=life_event).delete()
        if not life_event.live:
            return
        ids = ProcedurePage.objects.filter(pk__in=life_event.procedure_page_ids()).values_list(
            "pk", flat=True
        )
        cls.objects.bulk_create([cls(life_event=life_event, procedure_page_id=pk) for pk in ids])
