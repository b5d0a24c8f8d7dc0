"""The KPIs of DESIGN.md §5: each one a formula over counts (dashboard.models.Reading).

A KPI never stores a rate. Its value for a period is computed from the sums of its counts
over that period, so a period of five months gives the rate of the five months together
(10,632 cases, 6,993 online: 65,77 %), not the mean of five monthly rates.
"""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .models import Reading, Source

HIGHER, LOWER, NEUTRAL = "higher", "lower", "neutral"

# Groups of the public page, in order.
GROUPS = [
    ("cases", "Giải quyết thủ tục hành chính"),
    ("feedback", "Phản ánh – kiến nghị"),
    ("satisfaction", "Sự hài lòng của người dân"),
    ("portal", "Hoạt động của Cổng thông tin"),
]


def term(source, metric):
    return (Source(source), metric)


CASES_RECEIVED = (term("cases", "received_online"), term("cases", "received_direct"))
CASES_RESOLVED = (
    term("cases", "resolved_early"),
    term("cases", "resolved_on_time"),
    term("cases", "resolved_late"),
)


@dataclass(frozen=True)
class Kpi:
    code: str
    name: str
    group: str
    numerator: tuple
    denominator: tuple = ()  # empty: the KPI is a count (or a count per day, see per_day)
    unit: str = "%"
    target: Decimal | None = None
    target_text: str = ""  # how the target reads, e.g. "≥ 85 %"
    direction: str = HIGHER
    formula: str = ""
    decimals: int = 2
    per_day: bool = False  # numerator divided by the number of days in the period
    scale: int = 100  # a rate is a percentage unless said otherwise
    note: str = ""

    @property
    def is_rate(self):
        return bool(self.denominator)

    @property
    def sources(self):
        return sorted({source for source, _ in self.numerator + self.denominator})

    def compute(self, totals, days=None):
        """The value from ``totals`` {(source, metric): int}, or None when there is no data
        (an empty denominator, or none of the counts present)."""
        present = [key for key in self.numerator + self.denominator if key in totals]
        if not present:
            return None
        top = sum(totals.get(key, 0) for key in self.numerator)
        if self.per_day:
            return Decimal(top) / Decimal(days) if days else None
        if not self.denominator:
            return Decimal(top)
        bottom = sum(totals.get(key, 0) for key in self.denominator)
        if not bottom:
            return None
        return Decimal(top) * self.scale / Decimal(bottom)

    def met(self, value):
        """True/False against the target, None when there is no target or no value."""
        if self.target is None or value is None:
            return None
        value = self.rounded(value)
        if self.direction == LOWER:
            return value <= self.target
        return value >= self.target

    def rounded(self, value):
        return value.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)


KPIS = [
    Kpi(
        "online_rate",
        "Tỷ lệ hồ sơ nộp trực tuyến",
        "cases",
        numerator=(term("cases", "received_online"),),
        denominator=CASES_RECEIVED,
        target=Decimal(85),
        target_text="≥ 85 %",
        formula="Hồ sơ nộp trực tuyến / Tổng hồ sơ tiếp nhận × 100 %",
    ),
    Kpi(
        "direct_rate",
        "Tỷ lệ hồ sơ nộp trực tiếp",
        "cases",
        numerator=(term("cases", "received_direct"),),
        denominator=CASES_RECEIVED,
        direction=LOWER,
        formula="Hồ sơ nộp trực tiếp tại Bộ phận Một cửa / Tổng hồ sơ tiếp nhận × 100 %",
    ),
    Kpi(
        "early_rate",
        "Tỷ lệ hồ sơ giải quyết trước hạn",
        "cases",
        numerator=(term("cases", "resolved_early"),),
        denominator=CASES_RESOLVED,
        formula="Hồ sơ giải quyết trước hạn / Tổng hồ sơ đã giải quyết × 100 %",
    ),
    Kpi(
        "on_time_rate",
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "cases",
        numerator=(term("cases", "resolved_on_time"),),
        denominator=CASES_RESOLVED,
        direction=NEUTRAL,
        formula="Hồ sơ giải quyết đúng hạn (vào ngày hẹn trả) / Tổng hồ sơ đã giải quyết × 100 %",
    ),
    Kpi(
        "timely_rate",
        "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn",
        "cases",
        numerator=(term("cases", "resolved_early"), term("cases", "resolved_on_time")),
        denominator=CASES_RESOLVED,
        target=Decimal(98),
        target_text="≥ 98 %",
        formula="(Trước hạn + Đúng hạn) / Tổng hồ sơ đã giải quyết × 100 %",
    ),
    Kpi(
        "late_cases",
        "Hồ sơ quá hạn",
        "cases",
        numerator=(term("cases", "resolved_late"), term("cases", "pending_overdue")),
        unit="hồ sơ",
        target=Decimal(0),
        target_text="0 hồ sơ",
        direction=LOWER,
        decimals=0,
        formula="Hồ sơ giải quyết quá hạn + Hồ sơ đang giải quyết đã quá hạn",
    ),
    Kpi(
        "received",
        "Hồ sơ tiếp nhận",
        "cases",
        numerator=CASES_RECEIVED,
        unit="hồ sơ",
        direction=NEUTRAL,
        decimals=0,
        formula="Hồ sơ nộp trực tuyến + Hồ sơ nộp trực tiếp",
    ),
    Kpi(
        "feedback_resolved_rate",
        "Tỷ lệ phản ánh đã giải quyết",
        "feedback",
        numerator=(term("feedback", "resolved"),),
        denominator=(term("feedback", "received"),),
        target=Decimal(90),
        target_text="> 90 %",
        decimals=0,
        formula="Phản ánh đã giải quyết / Phản ánh tiếp nhận × 100 %",
        note="Gồm phản ánh qua iHanoi và qua Cổng thông tin.",
    ),
    Kpi(
        "feedback_on_time_rate",
        "Tỷ lệ phản ánh được xử lý đúng hạn",
        "feedback",
        numerator=(term("feedback", "closed_on_time"),),
        denominator=(term("feedback", "closed"),),
        target=Decimal(90),
        target_text="> 90 %",
        decimals=0,
        formula="Phản ánh xử lý xong trước hoặc đúng hạn / Phản ánh đã xử lý xong × 100 %",
    ),
    Kpi(
        "feedback_on_time_index",
        "Phản ánh, kiến nghị được xử lý đúng hạn (theo Quyết định 766)",
        "index",
        numerator=(term("feedback", "closed_on_time"),),
        denominator=(term("feedback", "received"),),
        decimals=0,
        formula="Phản ánh xử lý đúng hạn / Phản ánh tiếp nhận × 100 %",
    ),
    Kpi(
        "feedback_received",
        "Phản ánh tiếp nhận",
        "feedback",
        numerator=(term("feedback", "received"),),
        unit="phản ánh",
        direction=NEUTRAL,
        decimals=0,
        formula="Số phản ánh tiếp nhận qua iHanoi, Cổng thông tin và trực tiếp",
    ),
    Kpi(
        "satisfaction_rate",
        "Tỷ lệ người dân hài lòng",
        "satisfaction",
        numerator=(term("portal", "desk_satisfied"), term("manual", "survey_satisfied")),
        denominator=(term("portal", "desk_votes"), term("manual", "survey_answers")),
        target=Decimal(92),
        target_text="≥ 92 %",
        decimals=0,
        formula="Phiếu hài lòng và rất hài lòng / Tổng phiếu đánh giá × 100 % "
        "(phiếu bấm mã QR tại Một cửa và phiếu giấy)",
    ),
    Kpi(
        "feedback_rating",
        "Điểm đánh giá kết quả xử lý phản ánh",
        "satisfaction",
        numerator=(term("feedback", "rating_sum"),),
        denominator=(term("feedback", "rated"),),
        unit="/5",
        scale=1,
        target=Decimal(4),
        target_text="≥ 4/5",
        decimals=1,
        formula="Tổng điểm đánh giá (1–5) / Số lượt đánh giá",
    ),
    Kpi(
        "page_useful_rate",
        "Tỷ lệ trang được đánh giá hữu ích",
        "satisfaction",
        numerator=(term("portal", "page_useful"),),
        denominator=(term("portal", "page_answers"),),
        decimals=0,
        formula="Lượt trả lời «Có» / Lượt trả lời câu hỏi «Trang này có hữu ích không?» × 100 %",
    ),
    Kpi(
        "posting_frequency",
        "Tần suất đăng tin",
        "portal",
        numerator=(term("portal", "posts_published"),),
        unit="bài/ngày",
        per_day=True,
        target=Decimal(1),
        target_text="≥ 1 bài/ngày",
        decimals=1,
        formula="Số bài đăng mới / Số ngày của kỳ",
    ),
    Kpi(
        "complete_posts_rate",
        "Tỷ lệ bài đăng đầy đủ",
        "portal",
        numerator=(term("portal", "posts_complete"),),
        denominator=(term("portal", "posts_published"),),
        target=Decimal(90),
        target_text="≥ 90 %",
        decimals=0,
        formula="Bài có tóm tắt, văn bản nguồn và đầu mối liên hệ / Tổng bài đăng × 100 %",
    ),
    Kpi(
        "posts_with_image_rate",
        "Tỷ lệ bài đăng có hình ảnh",
        "portal",
        numerator=(term("portal", "posts_with_image"),),
        denominator=(term("portal", "posts_published"),),
        decimals=0,
        formula="Bài có hình ảnh / Tổng bài đăng × 100 %",
    ),
    Kpi(
        "review_on_time_rate",
        "Tỷ lệ trang được rà soát đúng hạn",
        "portal",
        numerator=(term("portal", "pages_reviewed_on_time"),),
        denominator=(term("portal", "pages_review_due"),),
        target=Decimal(95),
        target_text="≥ 95 %",
        decimals=0,
        formula="Trang được rà soát trước ngày cần rà soát / Trang đến hạn rà soát × 100 %",
    ),
    Kpi(
        "corrections",
        "Số lần đính chính nội dung",
        "portal",
        numerator=(term("portal", "corrections"),),
        unit="lần",
        direction=LOWER,
        decimals=0,
        formula="Số ghi chú cập nhật được đánh dấu là đính chính",
    ),
    Kpi(
        "search_gap_rate",
        "Tỷ lệ tìm kiếm không có kết quả",
        "portal",
        numerator=(term("portal", "searches_without_result"),),
        denominator=(term("portal", "searches"),),
        direction=LOWER,
        decimals=1,
        formula="Lượt tìm kiếm không có kết quả / Tổng lượt tìm kiếm × 100 %",
    ),
    Kpi(
        "form_downloads",
        "Lượt tải mẫu đơn, văn bản",
        "portal",
        numerator=(term("portal", "form_downloads"),),
        unit="lượt",
        decimals=0,
        formula="Số lượt tải tệp mẫu đơn và văn bản",
    ),
    Kpi(
        "qr_scans",
        "Lượt quét mã QR",
        "portal",
        numerator=(term("portal", "qr_scans"),),
        unit="lượt",
        decimals=0,
        formula="Số lượt quét mã QR trên bảng tin tổ dân phố và tại Một cửa",
    ),
    Kpi(
        "desk_questions",
        "Câu hỏi tại Bộ phận Một cửa",
        "cases",
        numerator=(term("manual", "desk_questions"),),
        unit="lượt",
        direction=LOWER,
        decimals=0,
        formula="Số lượt người dân hỏi thông tin tại Bộ phận Một cửa (sổ theo dõi, nhập hằng tháng)",
        note="Kỳ vọng giảm khi tỷ lệ nộp trực tuyến tăng.",
    ),
    Kpi(
        "digitised_rate",
        "Tỷ lệ số hóa kết quả giải quyết",
        "cases",
        numerator=(term("manual", "results_digitised"),),
        denominator=(term("manual", "results_total"),),
        decimals=1,
        formula="Kết quả giải quyết được số hóa / Tổng kết quả giải quyết × 100 %",
    ),
]
BY_CODE = {kpi.code: kpi for kpi in KPIS}

# The headline cards, in order.
HEADLINE = [
    "online_rate",
    "direct_rate",
    "early_rate",
    "on_time_rate",
    "late_cases",
    "feedback_resolved_rate",
    "satisfaction_rate",
    "timely_rate",
]

# Decision 766/QĐ-TTg (2022): the components of the index the ward's own data supports.
NATIONAL_INDEX = [
    (
        "Công khai, minh bạch (18 điểm)",
        "Thông tin thủ tục, văn bản được rà soát, cập nhật đúng hạn "
        "(số liệu gần đúng từ Cổng thông tin phường)",
        "Trang được rà soát trước ngày cần rà soát / Trang đến hạn rà soát × 100 %",
        "review_on_time_rate",
    ),
    (
        "Tiến độ, kết quả giải quyết (20 điểm)",
        "Hồ sơ giải quyết trước hạn và đúng hạn",
        "(Hồ sơ trước hạn + đúng hạn) / Tổng hồ sơ đã giải quyết × 100 %",
        "timely_rate",
    ),
    (
        "Tiến độ, kết quả giải quyết (20 điểm)",
        "Phản ánh, kiến nghị được xử lý đúng hạn",
        "Phản ánh xử lý đúng hạn / Phản ánh tiếp nhận × 100 %",
        "feedback_on_time_index",
    ),
    (
        "Số hóa hồ sơ (22 điểm)",
        "Tỷ lệ số hóa kết quả giải quyết",
        "Kết quả được số hóa / Tổng kết quả giải quyết × 100 %",
        "digitised_rate",
    ),
    (
        "Cung cấp dịch vụ trực tuyến (22 điểm)",
        "Tỷ lệ hồ sơ trực tuyến",
        "Hồ sơ nộp trực tuyến / Tổng hồ sơ tiếp nhận × 100 %",
        "online_rate",
    ),
    (
        "Mức độ hài lòng (18 điểm)",
        "Mức độ hài lòng của người dân, doanh nghiệp",
        "Phiếu hài lòng / Tổng phiếu đánh giá × 100 %",
        "satisfaction_rate",
    ),
]


# Months ---------------------------------------------------------------------------------


def month_start(day):
    return day.replace(day=1)


def add_months(month, count):
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(first, last):
    """Every month from ``first`` to ``last``, both included."""
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def days_in(months):
    return sum(calendar.monthrange(month.year, month.month)[1] for month in months)


@dataclass(frozen=True)
class Period:
    """A run of whole months, ``first`` to ``last`` included."""

    first: datetime.date
    last: datetime.date

    @property
    def months(self):
        return months_between(self.first, self.last)

    @property
    def days(self):
        return days_in(self.months)

    def previous(self):
        """The period of the same length just before this one (for trend arrows)."""
        length = len(self.months)
        return Period(add_months(self.first, -length), add_months(self.first, -1))

    @property
    def label(self):
        if self.first == self.last:
            return f"Tháng {self.first.month}/{self.first.year}"
        if self.first.year == self.last.year:
            if (self.first.month, self.last.month) == (1, 12):
                return f"Năm {self.first.year}"
            return f"Tháng {self.first.month}–{self.last.month}/{self.first.year}"
        return f"Tháng {self.first.month}/{self.first.year} – {self.last.month}/{self.last.year}"

    @property
    def dates_label(self):
        end = add_months(self.last, 1) - datetime.timedelta(days=1)
        return f"{self.first:%d/%m/%Y} – {end:%d/%m/%Y}"


# Reading the counts ---------------------------------------------------------------------


@dataclass
class Counts:
    """Every reading of one ward between two months, summed three ways in Python (one query):
    per month, per month and breakdown, and the latest update time per source."""

    by_month: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    by_breakdown: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    updated: dict = field(default_factory=dict)

    @classmethod
    def load(cls, site, first, last):
        counts = cls()
        rows = Reading.objects.filter(site=site, period__gte=first, period__lte=last).values_list(
            "source", "metric", "period", "breakdown", "value", "updated_at"
        )
        for source, metric, period, breakdown, value, updated_at in rows:
            key = (Source(source), metric)
            counts.by_month[period][key] += value
            counts.by_breakdown[(period, breakdown)][key] += value
            if updated_at and (source not in counts.updated or counts.updated[source] < updated_at):
                counts.updated[source] = updated_at
        return counts

    def totals(self, months):
        totals = defaultdict(int)
        for month in months:
            for key, value in self.by_month.get(month, {}).items():
                totals[key] += value
        return totals

    def breakdowns(self, months, source):
        """{breakdown: totals} over ``months`` for one source."""
        result = defaultdict(lambda: defaultdict(int))
        month_set = set(months)
        for (period, breakdown), values in self.by_breakdown.items():
            if period not in month_set:
                continue
            for key, value in values.items():
                if key[0] == source:
                    result[breakdown][key] += value
        return result

    def months_with_data(self, source=None):
        return sorted(
            month
            for month, values in self.by_month.items()
            if source is None or any(key[0] == source for key in values)
        )


def value(kpi, totals, months):
    return kpi.compute(totals, days=days_in(months))
