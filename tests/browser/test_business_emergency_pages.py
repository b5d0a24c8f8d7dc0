"""The business guides and an emergency notice in a real browser at a phone's size: the pillar,
a guide, the emergency section and a notice with its banner pass the checks of every public
page (axe-core, one h1, skip link, no sideways scrolling). Screenshots in var/screenshots/."""

import datetime

import pytest
from django.utils import timezone

from .test_public_pages import check_public_page

pytestmark = pytest.mark.browser


@pytest.fixture
def live_notice(site_url):
    from society.models import EmergencyIndexPage, EmergencyNoticePage

    index = EmergencyIndexPage.objects.get()
    now = timezone.now()
    notice = EmergencyNoticePage(
        title="Cháy tại chợ dân sinh tổ dân phố số 6",
        slug="chay-cho-to-6",
        level="khan-cap",
        banner_message="Đang chữa cháy tại chợ tổ dân phố số 6: tránh xa khu vực, nhường đường "
        "cho xe cứu hỏa.",
        starts_at=now - datetime.timedelta(minutes=1),
        ends_at=now + datetime.timedelta(hours=1),
        intro="Lực lượng chữa cháy đang có mặt.",
    )
    index.add_child(instance=notice)
    notice.save_revision().publish(skip_permission_checks=True)
    return notice


def test_business_and_emergency_pages_on_a_phone(
    phone_context, demo_business, live_notice, screenshot_dir, subtests
):
    pages = [
        ("/doanh-nghiep/", "doanh-nghiep-360.png"),
        ("/doanh-nghiep/an-toan-thuc-pham/", "doanh-nghiep-huong-dan-360.png"),
        ("/van-hoa-xa-hoi/thong-bao-khan-cap/", "thong-bao-khan-cap-360.png"),
        (live_notice.url, None),
        ("/van-hoa-xa-hoi/thong-bao-khan-cap/ung-pho-bao-so-3/", None),
    ]
    for path, screenshot in pages:
        with subtests.test(path=path):
            page = phone_context.new_page()
            try:
                check_public_page(page, path, "vi", screenshot_dir, screenshot)
                if path == "/doanh-nghiep/":
                    banner = page.locator(".emergency-banner[role=alert]")
                    assert "Đang chữa cháy" in banner.inner_text()
            finally:
                page.close()
