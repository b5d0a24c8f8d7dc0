"""KPI readings: counts per ward, source, month and breakdown. Rates are never stored; they
are computed from these counts (dashboard/kpis.py, DESIGN.md §5).

The pattern is djangoproject.com's dashboard: one source class per upstream, each reading
stored as a row. A pull replaces every reading of the (ward, source, month) it brings, so a
corrected month replaces the old figures and a repeated pull changes nothing.
"""

from django.db import models
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Site

from content.models import SectionPage


class Source(models.TextChoices):
    # Case statistics of the one-stop desk: from the national portal's API, or from an
    # export file of the one-stop system (same metrics, same rows).
    CASES = "cases", "Cổng Dịch vụ công quốc gia (hồ sơ)"
    # Feedback counted from the reports the portal holds (its own form and iHanoi items).
    FEEDBACK = "feedback", "Phản ánh – kiến nghị (iHanoi và Cổng)"
    # The portal's own activity: posts, reviews, downloads, QR scans, ratings, search.
    PORTAL = "portal", "Cổng thông tin phường"
    # Monthly figures the ward only has on paper, typed in the admin (audited).
    MANUAL = "manual", "Nhập tay hằng tháng"


# The metrics each source writes. ``breakdown`` says what the breakdown column holds for it:
# the field (lĩnh vực) of a case, the channel of a report, the place of a QR scan; "" is the
# whole ward. A ward total is always the sum over all breakdowns.
METRICS = {
    Source.CASES: {
        "breakdown": "field",
        "metrics": [
            "received_online",
            "received_direct",
            "resolved_early",
            "resolved_on_time",
            "resolved_late",
            "pending",
            "pending_overdue",
        ],
    },
    Source.FEEDBACK: {
        "breakdown": "channel",  # "ihanoi", "portal", "desk" … (FeedbackReport.source)
        "metrics": [
            "received",
            "resolved",
            "closed",
            "closed_on_time",
            "rated",
            "satisfied",
            "rating_sum",  # sum of 1–5 ratings; mean = rating_sum / rated
        ],
    },
    Source.PORTAL: {
        "breakdown": "place for qr_scans; page kind for posts; '' otherwise",
        "metrics": [
            "posts_published",  # articles and announcements first published in the month
            "posts_complete",  # … with summary, source document and contact point
            "posts_with_image",
            "pages_review_due",  # pages whose review-by date fell in the month
            "pages_reviewed_on_time",  # … reviewed on or before that date
            "corrections",  # change notes marked as corrections
            "form_downloads",
            "qr_scans",
            "page_answers",  # "Trang này có hữu ích không?" answers
            "page_useful",  # … "yes"
            "desk_votes",  # one-stop desk satisfaction votes
            "desk_satisfied",
            "searches",
            "searches_without_result",
        ],
    },
    Source.MANUAL: {
        "breakdown": "",
        "metrics": [
            "desk_questions",  # questions asked at the one-stop desk (seed 000 §2.5)
            "survey_answers",  # paper satisfaction survey at the desk
            "survey_satisfied",
            "results_digitised",  # case results digitised …
            "results_total",  # … out of all results issued
        ],
    },
}


class Reading(models.Model):
    """One count: ward × source × metric × month × breakdown."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="+", verbose_name="Phường"
    )
    source = models.CharField("Nguồn", max_length=20, choices=Source.choices)
    metric = models.CharField("Chỉ số đếm", max_length=50)
    period = models.DateField("Tháng", help_text="Ngày đầu tháng.")
    breakdown = models.CharField("Phân theo", max_length=200, blank=True, default="")
    value = models.PositiveBigIntegerField("Số lượng")
    origin = models.CharField(
        "Lấy từ", max_length=300, blank=True, help_text="API, tên tệp nhập, hoặc người nhập."
    )
    updated_at = models.DateTimeField("Cập nhật lúc", auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "source", "metric", "period", "breakdown"],
                name="dashboard_reading_unique",
            )
        ]
        indexes = [models.Index(fields=["site", "source", "period"])]
        ordering = ["period", "source", "metric", "breakdown"]
        permissions = [("import_case_stats", "Nạp số liệu hồ sơ từ tệp xuất của hệ thống một cửa")]
        verbose_name = "Số liệu đếm"
        verbose_name_plural = "Số liệu đếm"

    def __str__(self):
        return f"{self.source}.{self.metric} {self.period:%m/%Y} {self.breakdown}: {self.value}"


class DashboardPage(RoutablePageMixin, SectionPage):
    """Số liệu (``/so-lieu/``): the ward's KPIs for a chosen period, with charts, data tables,
    the national index components and CSV downloads (``du-lieu-csv/``, ``so-dem-csv/``)."""

    parent_page_types = ["content.HomePage"]
    subpage_types = []  # its own body explains the figures
    max_count_per_parent = 1
    search_kind = "trang"

    class Meta:
        verbose_name = "Trang Số liệu"
        verbose_name_plural = "Trang Số liệu"

    def for_city(self):
        """On the city's own site, the page shows every ward (dashboard/city.py)."""
        from .city import is_city

        return is_city(self.get_site())

    def get_template(self, request, *args, **kwargs):
        if self.for_city():
            return "dashboard/city_dashboard_page.html"
        return super().get_template(request, *args, **kwargs)

    @path("")
    def index(self, request):
        if self.for_city():
            from .city import build_city

            return self.render(request, context_overrides=build_city(request.GET))
        from .board import build

        return self.render(request, context_overrides=build(self.get_site(), request.GET))

    @path("du-lieu-csv/", name="csv")
    def kpi_csv(self, request):
        from .downloads import city_kpi_csv, kpi_csv

        if self.for_city():
            return city_kpi_csv(request.GET)
        return kpi_csv(self.get_site(), request.GET)

    @path("so-dem-csv/", name="counts_csv")
    def counts_csv(self, request):
        from .downloads import city_counts_csv, counts_csv

        if self.for_city():
            return city_counts_csv(request.GET)
        return counts_csv(self.get_site(), request.GET)


MANUAL_METRIC_LABELS = {
    "desk_questions": "Lượt hỏi trực tiếp tại Bộ phận Một cửa",
    "survey_answers": "Phiếu khảo sát hài lòng (giấy) thu về",
    "survey_satisfied": "Phiếu khảo sát đánh giá hài lòng",
    "results_digitised": "Kết quả giải quyết TTHC đã số hóa",
    "results_total": "Kết quả giải quyết TTHC đã trả",
}


class ManualFigure(models.Model):
    """A monthly count the ward only has on paper, typed in the admin. Creating, editing and
    deleting one is logged (Wagtail's history), and each is mirrored into a ``Reading`` of
    source "manual" (dashboard.signal_handlers)."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="+", verbose_name="Phường"
    )
    metric = models.CharField(
        "Chỉ số",
        max_length=50,
        choices=[(m, MANUAL_METRIC_LABELS[m]) for m in METRICS[Source.MANUAL]["metrics"]],
    )
    period = models.DateField(
        "Tháng", help_text="Chọn một ngày bất kỳ trong tháng; số liệu được tính cho cả tháng."
    )
    value = models.PositiveIntegerField("Số lượng")
    note = models.CharField(
        "Ghi chú",
        max_length=300,
        blank=True,
        help_text="Nguồn trên giấy, ví dụ: Sổ theo dõi tiếp dân của Bộ phận Một cửa.",
    )
    updated_at = models.DateTimeField("Cập nhật lúc", auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "metric", "period"], name="dashboard_manual_unique"
            )
        ]
        ordering = ["-period", "metric"]
        verbose_name = "Số liệu nhập tay"
        verbose_name_plural = "Số liệu nhập tay"

    def __str__(self):
        return f"{self.get_metric_display()} tháng {self.period:%m/%Y}: {self.value}"

    @property
    def month_display(self):
        return f"{self.period:%m/%Y}"

    def save(self, *args, **kwargs):
        self.period = self.period.replace(day=1)
        super().save(*args, **kwargs)
