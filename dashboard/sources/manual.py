"""Monthly figures typed in the admin (ManualFigure) become readings of Source.MANUAL.

The whole ward is mirrored at once (a few rows a month): an edit that moves a figure to another
month or metric leaves nothing behind, and a deleted figure's reading goes with it."""

from collections import defaultdict

from django.db import transaction

from ..models import ManualFigure, Reading, Source
from . import base


def mirror(site):
    """Make the ward's manual readings equal to its ManualFigure rows. A part may be typed
    before its whole (satisfied answers before all answers), so parts are not checked here."""
    wanted = defaultdict(dict)
    origins = {}
    for figure in ManualFigure.objects.filter(site=site):
        wanted[figure.period][(figure.metric, "")] = figure.value
        origins[figure.period] = "Nhập tay trong trang quản trị"
    with transaction.atomic():
        periods = set(
            Reading.objects.filter(site=site, source=Source.MANUAL).values_list("period", flat=True)
        ) | set(wanted)
        for period in periods:
            base.replace_period(
                site,
                Source.MANUAL,
                period,
                wanted.get(period, {}),
                origins.get(period, ""),
                check_parts=False,
            )
