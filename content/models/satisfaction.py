"""The one-stop desk's satisfaction vote: a page whose QR code hangs at the desk, where a citizen
whose case was just returned rates it from 1 to 5, with an optional comment.

Nothing identifies the voter: votes are counts per page, day and score (like scans and
downloads), and a comment is kept with its day and score only. Repeat votes are held back by a
cookie that says "voted today" and by a per-network hourly cap kept in the cache
(content.satisfaction)."""

from django.db import models
from django.db.models import F, Q, Sum
from wagtail.admin.panels import FieldPanel

from ..text import nfc
from .counters import add_one
from .pages import BasePage

SCORES = [
    (1, "Rất không hài lòng"),
    (2, "Không hài lòng"),
    (3, "Bình thường"),
    (4, "Hài lòng"),
    (5, "Rất hài lòng"),
]
SATISFIED_FROM = 4  # 4 and 5 count as satisfied (the "≥ 92 %" KPI); the mean is the mini-score


class SatisfactionPage(BasePage):
    """The vote form: served by this page (GET shows it, POST records a vote), so it gets a
    permanent short link and QR posters like any page."""

    question = models.CharField(
        "Câu hỏi",
        max_length=200,
        default="Ông/bà có hài lòng với việc giải quyết hồ sơ tại Bộ phận Một cửa không?",
    )
    thanks = models.CharField(
        "Lời cảm ơn",
        max_length=300,
        default="Cảm ơn ông/bà đã đánh giá. Ý kiến giúp phường phục vụ tốt hơn.",
    )

    search_kind = "trang"
    # One per ward, at the top (/danh-gia-mot-cua/): short to print, outside the menus.
    parent_page_types = ["content.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    default_review_days = 730
    reviewed_fields = BasePage.reviewed_fields + ["question", "thanks"]
    content_panels = (
        BasePage.content_panels
        + [FieldPanel("intro"), FieldPanel("question"), FieldPanel("thanks")]
        + BasePage.change_note_panels
    )

    class Meta:
        verbose_name = "Đánh giá sự hài lòng"
        verbose_name_plural = "Đánh giá sự hài lòng"

    def search_text(self):
        return self.question

    def serve(self, request, *args, **kwargs):
        from ..satisfaction import serve_vote

        return serve_vote(self, request)

    def full_clean(self, *args, **kwargs):
        self.question = nfc(self.question)
        self.thanks = nfc(self.thanks)
        super().full_clean(*args, **kwargs)


class SatisfactionVote(models.Model):
    """Votes per page, day and score: a count, nothing about who voted."""

    page = models.ForeignKey(SatisfactionPage, on_delete=models.CASCADE, related_name="votes")
    day = models.DateField()
    score = models.PositiveSmallIntegerField(choices=SCORES)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "day", "score"], name="content_satisfaction_per_day"
            )
        ]
        verbose_name = "Lượt đánh giá"
        verbose_name_plural = "Lượt đánh giá"

    def __str__(self):
        return f"{self.page_id} {self.day} {self.score}: {self.count}"

    @classmethod
    def record(cls, page, score):
        add_one(cls, page=page, score=score)

    @classmethod
    def per_day(cls, votes=None):
        """Rows of (day, rated, satisfied, mean score) for the dashboard, oldest first.
        ``votes`` narrows the rows (a site's pages, a period); rates are computed by the reader
        from these counts."""
        votes = cls.objects.all() if votes is None else votes
        return (
            votes.values("day")
            .annotate(
                rated=Sum("count"),
                satisfied=Sum("count", filter=Q(score__gte=SATISFIED_FROM)),
                points=Sum(F("score") * F("count")),
            )
            .order_by("day")
        )

    @classmethod
    def summary(cls, votes=None):
        """Totals over ``votes``: rated, satisfied, and the mean score (None when no vote)."""
        votes = cls.objects.all() if votes is None else votes
        totals = votes.aggregate(
            rated=Sum("count"),
            satisfied=Sum("count", filter=Q(score__gte=SATISFIED_FROM)),
            points=Sum(F("score") * F("count")),
        )
        rated = totals["rated"] or 0
        return {
            "rated": rated,
            "satisfied": totals["satisfied"] or 0,
            "mean": round(totals["points"] / rated, 2) if rated else None,
        }


class SatisfactionComment(models.Model):
    """An optional comment sent with a vote: kept with its day and score, nothing else."""

    page = models.ForeignKey(SatisfactionPage, on_delete=models.CASCADE, related_name="comments")
    day = models.DateField("Ngày")
    score = models.PositiveSmallIntegerField("Mức đánh giá", choices=SCORES)
    text = models.TextField("Ý kiến", max_length=1000)

    class Meta:
        ordering = ["-day", "-pk"]
        verbose_name = "Ý kiến tại Bộ phận Một cửa"
        verbose_name_plural = "Ý kiến tại Bộ phận Một cửa"

    def __str__(self):
        return f"{self.day}: {self.text[:60]}"
