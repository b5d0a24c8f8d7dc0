"""Vietnamese where Django's and Wagtail's own catalogs fall short (locale/vi)."""

import datetime

from django.utils import timezone, translation
from django.utils.timesince import timesince


def test_relative_times_in_the_admin_are_vietnamese():
    # Django's vi catalog lacks these: the admin showed "2 weeks trước" in lists.
    def ago(**delta):
        now = timezone.now()
        # Django joins the number and the unit with a no-break space.
        return timesince(now - datetime.timedelta(**delta), now).replace("\xa0", " ")

    with translation.override("vi"):
        assert ago(days=15) == "2 tuần, 1 ngày"
        assert ago(hours=3, minutes=5) == "3 giờ, 5 phút"
        assert ago(days=400) == "1 năm, 1 tháng"
