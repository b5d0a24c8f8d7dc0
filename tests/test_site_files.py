"""What a first visit and a download get, and what the drafter is told (issue 22)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model

from content.models import SectionPage

from .workflow_helpers import user


def test_favicon_is_served_at_the_site_root(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    icon = Image.open(io.BytesIO(body))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= set(icon.info["sizes"])


def test_pages_link_the_icons_a_phone_uses(client, demo_ward):
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/favicon.ico"' in html
    assert 'rel="apple-touch-icon"' in html
    touch = client.get("/static/img/apple-touch-icon.png")
    assert touch.status_code == 200
    image = Image.open(io.BytesIO(b"".join(touch.streaming_content)))
    assert image.size == (180, 180)


def test_document_download_sends_no_bogus_content_encoding(client, db):
    document = get_document_model().objects.create(
        title="Kế hoạch phòng chống thiên tai",
        file=SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 demo", content_type="application/pdf"),
    )
    response = client.get(document.url)
    assert document.url.startswith("/tai-lieu/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 demo"
    assert response["Content-Type"] == "application/pdf"
    # Absent, or a real encoding: never the word "None" (Wagtail's sendfile writes it).
    assert response.get("Content-Encoding") in (None, "gzip", "br")
    assert "Content-Encoding" not in response


def test_the_specialist_is_told_at_step_1_what_the_page_will_need(client, demo_ward):
    """The drafter sees step 4's checklist at the top of the content tab, source document
    and contact point included, and the tag field's help is Vietnamese."""
    client.force_login(user("chuyenmon"))
    parent = SectionPage.objects.get(slug="van-hoa-xa-hoi")
    response = client.get(
        reverse("wagtailadmin_pages:add", args=("content", "standardpage", parent.pk))
    )
    assert response.status_code == 200
    html = response.content.decode()
    drafting = html.index("Trang cần có gì để được đăng")
    assert drafting < html.index('id="tab-quang_ba"')
    content_tab = html[drafting : html.index('id="tab-quang_ba"')]
    for item in ("Tóm tắt", "Mô tả meta", "Thẻ chủ đề", "Văn bản nguồn", "Đầu mối liên hệ"):
        assert f"✘ Còn thiếu: {item}" in content_tab
    assert "Trước khi gửi duyệt" in content_tab
    assert "Các thẻ, cách nhau bằng dấu phẩy" in html
    assert "A comma-separated list of tags." not in html


def test_the_sitemap_costs_a_few_queries_whatever_the_page_types(
    client, demo_procedures, django_assert_max_num_queries
):
    client.get("/sitemap.xml")  # warm Wagtail's site cache
    with django_assert_max_num_queries(6):
        response = client.get("/sitemap.xml")
    sitemap = response.content.decode()
    # Pages of many types, listed as base pages (portal/sitemap.py), URL and date alike.
    assert "/thu-tuc-hanh-chinh/</loc>" in sitemap
    assert "/thu-tuc-hanh-chinh/cau-hoi-thuong-gap/</loc>" in sitemap
    assert "/van-hoa-xa-hoi/giao-duc/</loc>" in sitemap
    assert sitemap.count("<lastmod>") == sitemap.count("<loc>")
