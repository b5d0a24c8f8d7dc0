"""The search index, editors' pinned results and popular searches, and the log of what
citizens search for."""

import hashlib
import hmac
import re

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, PageChooserPanel

from content.models.counters import add_one
from content.text import nfc

from .forms import PopularSearchForm, PromotionForm
from .text import MAX_QUERY_CHARS, fold

LONG_NUMBER = re.compile(r"\d{9,}")


class Kind(models.TextChoices):
    """What a result is; the order here is the order of the filters on the results page."""

    PROCEDURE = "thu-tuc", "Thủ tục hành chính"
    FAQ = "hoi-dap", "Hỏi – đáp"
    GUIDE = "huong-dan", "Hướng dẫn"
    DOCUMENT = "van-ban", "Văn bản"
    DISCLOSURE = "cong-khai", "Công khai"
    ARTICLE = "tin-bai", "Bài viết, thông báo"
    SCHEDULE = "lich", "Lịch công tác"
    PAGE = "trang", "Trang thông tin"


class SearchEntry(models.Model):
    """One public page as search sees it: its texts as written (for the results page) and
    folded (for matching). Written when a page is published, removed when it is unpublished;
    ``rebuild_search_index`` writes them all again."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="search_entry"
    )
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PAGE)
    # The procedures' field (lĩnh vực), for the filter; empty for other kinds.
    field_slug = models.CharField(max_length=100, blank=True)
    field_name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # References shown with the result (a procedure code, a document number).
    reference = models.CharField(max_length=200, blank=True)
    # Folded with a space at each end (sitesearch.text.padded): " dang ki khai sinh ".
    folded_title = models.TextField(blank=True)
    folded_summary = models.TextField(blank=True)
    # Compacted references, padded: " 1001193 152025qdubnd ".
    folded_references = models.TextField(blank=True)
    # Everything above and the body, folded: what a result must contain every word of.
    folded_all = models.TextField(blank=True)
    # PostgreSQL only: folded_all as a tsvector (config "simple"), with a GIN index.
    search_vector = SearchVectorField(null=True, editable=False)
    # Orders equally good results: the procedures the desk handles most come first.
    popularity = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["site", "kind"])]
        verbose_name = "Mục chỉ mục tìm kiếm"
        verbose_name_plural = "Chỉ mục tìm kiếm"

    def __str__(self):
        return self.title


class SearchPromotion(models.Model):
    """An editor's pin: for a query, a page shown first ("khai sinh" → birth registration).
    Matched without diacritics, whenever the query contains the pinned words in order."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name="Phường/xã"
    )
    query = models.CharField(
        "Từ khóa",
        max_length=100,
        help_text="Ví dụ: khai sinh. Có dấu hay không dấu đều được; kết quả được ghim khi người dân gõ từ khóa này (kể cả gõ không dấu).",
    )
    folded_query = models.CharField(max_length=200, editable=False)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="Trang được ghim",
    )
    description = models.CharField(
        "Lời giới thiệu",
        max_length=255,
        blank=True,
        help_text="Để trống: dùng phần tóm tắt của trang.",
    )
    sort_order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    base_form_class = PromotionForm
    panels = [
        FieldPanel("query"),
        PageChooserPanel("page"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["folded_query", "sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "folded_query", "page"], name="sitesearch_promotion_unique"
            )
        ]
        verbose_name = "Kết quả ghim"
        verbose_name_plural = "Kết quả ghim"

    def __str__(self):
        return f"{self.query} → {self.page}"

    def save(self, *args, **kwargs):
        self.query = nfc(self.query)
        self.description = nfc(self.description)
        self.folded_query = fold(self.query)
        super().save(*args, **kwargs)


class SearchQueryDay(models.Model):
    """How often a query was searched on a day, by how many visitors, and how many results it
    had: the query only, folded (NFC, lower case, no diacritics), never who searched."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name="Phường/xã"
    )
    day = models.DateField("Ngày")
    query = models.CharField("Từ khóa", max_length=MAX_QUERY_CHARS)
    # The last way it was typed, in NFC lower case ("đăng ký khai sinh"), to show staff.
    text = models.CharField("Từ khóa như người dân gõ", max_length=MAX_QUERY_CHARS, blank=True)
    count = models.PositiveIntegerField("Số lượt tìm", default=0)
    # Different visitors that day (SearchVisit): what «Người dân hay tìm» ranks by, so that one
    # visitor sending a query a hundred times counts once.
    visitors = models.PositiveIntegerField("Số người tìm", default=0)
    results = models.PositiveIntegerField("Số kết quả (lần cuối)", default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "day", "query"], name="sitesearch_query_day")
        ]
        indexes = [models.Index(fields=["site", "day"])]
        verbose_name = "Lượt tìm kiếm"
        verbose_name_plural = "Lượt tìm kiếm"

    def __str__(self):
        return f"{self.day} {self.query}: {self.count}"

    @classmethod
    def record(cls, site, query, results, text="", visitor=""):
        """Count one search of ``query`` (folded; ``text`` as typed) today, by ``visitor`` (a
        hash, ``visitor_hash``), which found ``results``; concurrent calls add up. Long runs of
        digits (a phone or ID number typed by mistake) are masked."""
        cls._count(site, query, text, lambda: results, visitor, refresh=True)

    @classmethod
    def count_search(cls, site, query, text, results, visitor=""):
        """Count one search of ``query`` today by ``visitor``; ``results()`` (how many it
        finds) is called only when it is the day's first."""
        cls._count(site, query, text, results, visitor, refresh=False)

    @classmethod
    def _count(cls, site, query, text, results, visitor, refresh):
        day = timezone.localdate()
        query = mask_numbers(query)[:MAX_QUERY_CHARS]
        text = mask_numbers(text.lower())[:MAX_QUERY_CHARS]
        new_visitor = int(SearchVisit.first_today(site, query, visitor))
        today = cls.objects.filter(site=site, day=day, query=query)
        values = {"count": F("count") + 1, "visitors": F("visitors") + new_visitor, "text": text}
        if refresh:
            values["results"] = results()
        if today.update(**values):
            return
        # The day's first search of this query: its row; the visits of past days forgotten.
        SearchVisit.objects.filter(day__lt=day).delete()
        add_one(cls, values={"results": results(), "text": text}, site=site, query=query)
        if new_visitor:
            today.update(visitors=F("visitors") + 1)

    @classmethod
    def set_results(cls, site, query, results):
        """How many results ``query`` has now, on today's row if there is one."""
        cls.objects.filter(
            site=site, day=timezone.localdate(), query=mask_numbers(query)[:MAX_QUERY_CHARS]
        ).update(results=results)


class SearchVisit(models.Model):
    """That one visitor searched a query today, so that they count once in
    ``SearchQueryDay.visitors``. The visitor is a hash of the client's address and user agent
    salted with the secret key and the day (``visitor_hash``): nothing links it to an address
    or to another day, and the rows of past days are deleted."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    query = models.CharField(max_length=MAX_QUERY_CHARS)
    visitor = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "day", "query", "visitor"], name="sitesearch_visit_unique"
            )
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.day} {self.query}"

    @classmethod
    def first_today(cls, site, query, visitor):
        """Notes that ``visitor`` searched ``query`` today: True the first time."""
        if not visitor:
            return False
        keys = {"site": site, "day": timezone.localdate(), "query": query, "visitor": visitor}
        if cls.objects.filter(**keys).exists():
            return False
        try:
            with transaction.atomic():
                cls.objects.create(**keys)
        except IntegrityError:
            return False
        return True


def visitor_hash(address, user_agent, day=None):
    """Who searched, as SearchVisit keeps it: a hash that changes every day."""
    day = day or timezone.localdate()
    secret = f"{settings.SECRET_KEY}|search-visitor|{day.isoformat()}".encode()
    return hmac.new(secret, f"{address}|{user_agent}".encode(), hashlib.sha256).hexdigest()[:32]


class PopularSearch(models.Model):
    """An editor's decision about a query in «Người dân hay tìm» on the search page: shown in
    the editor's wording (approved), or never shown (hidden), whatever it matches."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name="Phường/xã"
    )
    query = models.CharField(
        "Từ khóa",
        max_length=100,
        help_text="Viết đúng như muốn hiện cho người dân, ví dụ: đăng ký khai sinh. Được gộp với mọi cách gõ có dấu hay không dấu của cùng từ khóa.",
    )
    folded_query = models.CharField(max_length=200, editable=False)
    shown = models.BooleanField(
        "Cho hiện",
        default=True,
        help_text="Bỏ chọn để không bao giờ hiện từ khóa này, kể cả khi nó trùng tên một trang.",
    )

    base_form_class = PopularSearchForm
    panels = [FieldPanel("query"), FieldPanel("shown")]

    class Meta:
        ordering = ["folded_query"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "folded_query"], name="sitesearch_popular_search_unique"
            )
        ]
        verbose_name = "Từ khóa «Người dân hay tìm»"
        verbose_name_plural = "Từ khóa «Người dân hay tìm»"

    def __str__(self):
        return self.query

    def save(self, *args, **kwargs):
        self.query = nfc(self.query).strip()
        self.folded_query = fold(self.query)
        super().save(*args, **kwargs)


def mask_numbers(text):
    """``text`` with every run of nine digits or more (phone, ID card) replaced by #."""
    return LONG_NUMBER.sub(lambda match: "#" * len(match.group()), text)
