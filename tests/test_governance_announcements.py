"""Announcements and plans: the listing, the complete post, and the RSS feed (escaped, public
pages only, announced with <link rel="alternate">)."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from governance.models import AnnouncementPage
from governance.models.announcements import PER_PAGE
from tests import governance_helpers as gh

pillar = gh.pillar
pytestmark = pytest.mark.django_db


def announcement(pillar, title, kind="thong-bao", days_ago=0, **fields):
    page = AnnouncementPage(
        title=title,
        kind=kind,
        intro=fields.pop("intro", "Tóm tắt thông báo."),
        first_published_at=timezone.now() - datetime.timedelta(days=days_ago),
        **fields,
    )
    pillar.announcements.add_child(instance=page)
    return page


def test_listing_newest_first_filtered_by_kind_and_paginated(client, pillar):
    for number in range(PER_PAGE + 2):
        announcement(pillar, f"Thông báo số {number}", days_ago=number)
    announcement(pillar, "Kế hoạch tổng vệ sinh", kind="ke-hoach", days_ago=100)
    html = gh.text_of(client.get(pillar.announcements.url))
    assert html.index("Thông báo số 0<") < html.index("Thông báo số 1<")
    assert "Kế hoạch tổng vệ sinh" not in html
    assert "Trang 1/2" in html
    second = gh.text_of(client.get(pillar.announcements.url + "?trang=2"))
    assert "Kế hoạch tổng vệ sinh" in second
    plans = gh.text_of(client.get(pillar.announcements.url + "?loai=ke-hoach"))
    assert "Kế hoạch tổng vệ sinh" in plans and "Thông báo số 0<" not in plans


def test_the_page_shows_source_and_contact(client, pillar):
    page = announcement(
        pillar,
        "Thông báo thu gom rác",
        source_reference="Công văn số 1024/UBND-VP",
        contact_point="Văn phòng UBND phường",
    )
    html = gh.text_of(client.get(page.url))
    assert "Công văn số 1024/UBND-VP" in html and "Văn phòng UBND phường" in html
    labels = {item.label: item.done for item in page.publishing_checklist()}
    assert labels["Văn bản nguồn"] and labels["Đầu mối liên hệ"]
    assert page.search_kind == "tin-bai" and "1024/UBND-VP" in page.search_text()


def test_rss_is_escaped_and_lists_public_pages_only(client, pillar):
    announcement(
        pillar, 'Thông báo <b onmouseover="x">"khẩn"</b> & lịch', intro="<script>x</script>"
    )
    private = announcement(pillar, "Thông báo nội bộ", days_ago=1)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    gone = announcement(pillar, "Thông báo đã gỡ", days_ago=2)
    gone.unpublish()

    html = gh.text_of(client.get(pillar.announcements.url))
    feed_url = pillar.announcements.url + "rss/"
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="Thông báo, kế hoạch mới" href="{feed_url}">'
        in html
    )
    assert "Thông báo nội bộ" not in html

    response = client.get(feed_url)
    body = response.content.decode()
    assert "<script>" not in body and "<b " not in body
    assert "&lt;script&gt;" in body
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [
        'Thông báo <b onmouseover="x">"khẩn"</b> & lịch'
    ]
    assert items[0].findtext("description") == "<script>x</script>"
    assert items[0].findtext("category") == "Thông báo"


def test_pillar_page_links_both_feeds(client, pillar):
    html = gh.text_of(client.get(pillar.pillar.url))
    assert f'href="{pillar.register.url}rss/"' in html
    assert f'href="{pillar.announcements.url}rss/"' in html
    assert 'type="application/rss+xml"' in html


def image(title):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    png = io.BytesIO()
    PILImage.new("RGB", (320, 200), "green").save(png, "PNG")
    png.seek(0)
    result = Image(title=title)
    result.file.save("anh.png", ImageFile(png, name="anh.png"), save=False)
    result.save()
    return result


def test_listing_query_count_stays_flat(client, pillar):
    announcement(pillar, "Một", image=image("Ảnh 0"))
    few = gh.count_queries(client, pillar.announcements.url)
    for number in range(PER_PAGE + 3):
        announcement(pillar, f"Thông báo {number}", image=image(f"Ảnh {number + 1}"))
    assert 'class="news__image"' in gh.text_of(client.get(pillar.announcements.url))
    assert gh.count_queries(client, pillar.announcements.url) == few
    assert few <= 10, few
    assert gh.count_queries(client, pillar.announcements.url + "rss/") <= 10


def test_an_announcement_costs_few_queries_however_many_there_are(client, pillar):
    first = announcement(pillar, "Một", image=image("Ảnh 0"))
    few = gh.count_queries(client, first.url)
    for number in range(PER_PAGE + 3):
        announcement(pillar, f"Thông báo {number}")
    assert gh.count_queries(client, first.url) == few
    assert few <= 10, few
