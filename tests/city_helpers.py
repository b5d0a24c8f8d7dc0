"""Wards for the city dashboard's tests: the city's own site (``add_ward --kind thanh-pho``)
and bare wards beside the demo ward, each a site, its settings, its /so-lieu/ and the readings
a test gives it (the city's dashboard reads nothing else of a ward)."""

import datetime

from wagtail.models import Page, Site

from content import ward_pages
from content.models import HomePage, WardSettings
from content.provisioning import WardRow, provision_ward
from dashboard.models import Reading, Source

CITY_HOST = "thanh-pho.localhost"
MONTH = datetime.date(2025, 9, 1)
QUERY = "?tu=2025-09&den=2025-09"


def make_city():
    row = WardRow(name="Hà Nội", kind=ward_pages.CITY, hostname=CITY_HOST, port=80)
    return provision_ward(row).site


def bare_ward(number, name=None):
    name = name or f"Phường Thử {number}"
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title=name, slug=f"phuong-thu-{number}")
    )
    site = Site.objects.create(
        hostname=f"thu-{number}.localhost", port=80, root_page=home, site_name=name
    )
    WardSettings.objects.create(site=site, ward_name=name)
    ward_pages.ensure_child(home, "dashboard.DashboardPage", "so-lieu", title="Số liệu")
    return site


def give(site, period=MONTH, **counts):
    """Readings of ``site`` for one month; ``counts`` are metric=value of the cases source, or
    source__metric=value for another source."""
    for key, value in counts.items():
        source, _, metric = key.rpartition("__")
        Reading.objects.create(
            site=site,
            source=Source(source or "cases"),
            metric=metric,
            period=period,
            breakdown="",
            value=value,
        )
