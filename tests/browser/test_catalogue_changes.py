"""«Thay đổi danh mục» (the catalogue-change report) in a real browser, as the city role reads
it with several wards: its table and the per-change page fit a 1280 px window without
sideways scrolling; screenshots at 1280 px and 360 px."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from content.demo.wards import name_of
from content.models import SyncRun
from content.wards import setup_city_viewers
from tests.catalogue_items import item, many
from tests.city_helpers import bare_ward, make_city
from tests.second_ward import CITY_VIEWER
from tests.workflow_helpers import user
from tthc import sync
from tthc.catalogue import normalise
from tthc.models import ProcedureIndexPage, ProcedurePage, ProcedureVersion

from .conftest import PHONE, _context

pytestmark = pytest.mark.browser

WARDS = 4


def run(items, **options):
    sync.apply([normalise(i) for i in items], SyncRun.objects.create(source=sync.SOURCE), **options)


@pytest.fixture
def changes(site_url):
    """The demo ward, the city and four more wards with the catalogue; two procedures changed
    since (one of them with a long name), published in one ward."""
    make_city()
    for number in range(1, WARDS + 1):
        home = bare_ward(number, f"Phường {name_of(number)}").root_page
        home.add_child(
            instance=ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
        )
    first = [item(), *many(3)]
    run(first, publish_new=True)
    long_name = (
        "Thủ tục đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em "
        "dưới 6 tuổi (liên thông)"
    )
    run([item(name=long_name, processing_days=1), *many(3)[:2], dict(first[3], result="Khác")])
    page = ProcedurePage.objects.filter(procedure__code="1.001193").last()
    page.get_latest_revision().publish(skip_permission_checks=True)
    viewer = User.objects.create_user(CITY_VIEWER, first_name="Sở", last_name="Thành phố")
    viewer.groups.add(setup_city_viewers())
    return site_url


def signed_in(browser, site_url, username, **options):
    client = Client()
    client.force_login(user(username))
    context = _context(browser, site_url, **options)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site_url,
            }
        ]
    )
    return context


def overflow(page, selector):
    return page.eval_on_selector(selector, "e => e.scrollWidth - e.clientWidth")


@pytest.mark.parametrize(
    ("options", "suffix"),
    [({"viewport": {"width": 1280, "height": 900}}, "1280"), (PHONE, "360")],
    ids=["1280", "360"],
)
def test_the_change_report_reads_at_1280_and_360_px(
    browser, changes, screenshot_dir, options, suffix
):
    context = signed_in(browser, changes, CITY_VIEWER, **options)
    page = context.new_page()
    try:
        response = page.goto(reverse("tthc_catalogue_changes"))
        assert response.status == 200
        assert page.locator("table.listing tbody tr").count() == 2
        page.screenshot(path=screenshot_dir / f"thay-doi-danh-muc-{suffix}.png", full_page=True)
        # The page never scrolls sideways; at 1280 px the table fits its box, on a phone it
        # scrolls inside it.
        assert overflow(page, "html") <= 0
        if suffix == "1280":
            assert overflow(page, ".w-overflow-x-auto") <= 0
        version = ProcedureVersion.objects.get(procedure__code="1.001193", number=2)
        response = page.goto(reverse("tthc_catalogue_change", args=[version.pk]))
        assert response.status == 200
        assert page.locator("table.listing tbody tr").count() == WARDS + 1
        page.screenshot(
            path=screenshot_dir / f"thay-doi-danh-muc-mot-thay-doi-{suffix}.png", full_page=True
        )
        assert overflow(page, "html") <= 0
        if suffix == "1280":
            assert overflow(page, ".w-overflow-x-auto") <= 0
    finally:
        context.close()
