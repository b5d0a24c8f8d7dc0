"""A month of made-up searches for the demo ward, so that the admin report, the "people often
search" links and the dashboard's search-gaps figure have something to show."""

import datetime
import random

from django.utils import timezone

from .models import SearchQueryDay
from .text import fold

# (as typed, searches per day on average, results); results 0 are the gaps the report shows.
QUERIES = [
    ("khai sinh", 9, 18),
    ("đăng ký tạm trú", 7, 15),
    ("chứng thực bản sao", 6, 12),
    ("kết hôn", 4, 14),
    ("hộ kinh doanh", 4, 9),
    ("giấy xác nhận tình trạng hôn nhân", 3, 6),
    ("1.001193", 1, 1),
    ("lịch tiêm chủng", 2, 3),
    ("cấp đổi sổ đỏ", 2, 0),
    ("giấy phép karaoke", 1, 0),
    ("đóng bảo hiểm y tế hộ gia đình", 1, 0),
]
DAYS = 30


def seed_search_log(site):
    """Fill the last 30 days once; does nothing when the ward already has searches."""
    if SearchQueryDay.objects.filter(site=site).exists():
        return 0
    rng = random.Random(site.pk)  # noqa: S311 - made-up demo figures, not secrets
    today = timezone.localdate()
    rows = []
    for offset in range(DAYS):
        day = today - datetime.timedelta(days=offset)
        for text, per_day, results in QUERIES:
            count = rng.randint(0, per_day * 2)
            if count:
                rows.append(
                    SearchQueryDay(
                        site=site,
                        day=day,
                        query=fold(text),
                        text=text,
                        count=count,
                        visitors=count,
                        results=results,
                    )
                )
    SearchQueryDay.objects.bulk_create(rows)
    return len(rows)
