"""No NUL or other control character reaches a public view (issue 23; checklist row 5: hostile
input gives 400 or 404, never 500). One middleware refuses them with a Vietnamese 400 page
(portal/public_input.py); these tests hold every public view to it: every page type of the
full demo and every view that is not a page, found from the URL resolver, with every query
parameter the portal reads, and every field of every public form."""

import pytest
from django.test import Client
from django.urls import get_resolver
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from content.models import Place, SatisfactionComment, SatisfactionPage, SatisfactionVote, ShortLink
from feedback.forms import new_token
from feedback.models import FeedbackCategory, FeedbackReport, PageUsefulness, Status
from governance.models import DocumentRegisterPage
from portal.public_input import MESSAGE
from tests.test_query_budget import urls as page_urls
from tthc.models import Procedure

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo_full")]

# NUL, a C0 control (escape), DEL and a C1 control (next line).
CONTROL = ["\x00", "\x1b", "\x7f", "\x85"]
# Every query parameter a public view reads (the constants of each view), and one it does not.
PARAMS = [
    "q", "trang", "loai", "linh-vuc", "muc-do", "so", "nam", "co-quan", "tinh-trang",
    "danh-muc", "to-dan-pho", "category", "place", "ma", "tu", "den", "da-gui", "ec", "px",
    "size", "next", "khac",
]  # fmt: skip
# Odd but printable: a normal answer (the page, or the view's own refusal), never a 500.
ODD = "'\"<script>alert(1)</script> %_\\ \t🙂 ĐĂNG KÍ ‮ " + "x" * 300


def non_page_views(site):
    """An address for each public view that is not a page, by its name in the resolver."""
    document = get_document_model().objects.first()
    link = ShortLink.objects.filter(page__isnull=False).first()
    home = site.root_page
    return {
        "healthz": "/healthz",
        "robots_txt": "/robots.txt",
        "sitemap": "/sitemap.xml",
        "search": "/tim-kiem/",
        "search_suggest": "/tim-kiem/goi-y/",
        "search_count": "/tim-kiem/dem/",
        "wagtaildocs_serve": document.url,
        "wagtaildocs_authenticate_with_password": "/tai-lieu/authenticate_with_password/1/",
        "short_link": f"/q/{link.code}/",
        "short_link_place": f"/q/{link.code}/mot-cua/",
        "short_link_svg": f"/q/{link.code}.svg",
        "short_link_png": f"/q/{link.code}.png",
        "procedure_by_code": f"/thu-tuc-hanh-chinh/ma/{Procedure.objects.first().code}/",
        "feedback_photo": f"/phan-anh-kien-nghi/anh/{'0' * 32}.jpg",
        "page_usefulness": "/y-kien-trang/",
        "open311_discovery": "/open311/v2/discovery.json",
        "open311_services": "/open311/v2/services.xml",
        "open311_service": "/open311/v2/services/khac.json",
        "open311_requests": "/open311/v2/requests.json",
        "open311_request": f"/open311/v2/requests/{FeedbackReport.objects.first().pk}.xml",
        "open311_token": f"/open311/v2/tokens/{'0' * 32}.json",
        "media": "/media/khong-co.txt",
        "wagtailcore_authenticate_with_password": f"/_util/authenticate_with_password/1/{home.pk}/",
        "wagtailcore_login": "/_util/login/",
    }


def resolver_names(patterns=None):
    """The name of every URL the portal answers outside the admin ("media" for /media/)."""
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if str(pattern.pattern).startswith("admin/"):
            continue  # the admin has its own matrix (tests/test_admin_matrix.py)
        if hasattr(pattern, "url_patterns"):
            names |= resolver_names(pattern.url_patterns)
        else:
            names.add(pattern.name or str(pattern.pattern).split("/")[0].lstrip("^"))
    return names


@pytest.fixture
def public_urls(demo_full):
    views = non_page_views(demo_full)
    # A view added to portal/urls.py joins this test, or the test fails.
    assert resolver_names() == set(views) | {"wagtail_serve"}
    return {**page_urls(demo_full), **views}


def refused(response):
    return response.status_code == 400 and MESSAGE in response.content.decode()


def test_row5_a_nul_in_the_document_registers_number_is_refused_in_vietnamese(demo_full, client):
    register = DocumentRegisterPage.objects.get().url
    response = client.get(register, {"so": "15/2025/QĐ-UBND\x00"})
    assert refused(response)
    html = response.content.decode()
    assert '<html lang="vi">' in html and "trang chủ" in html
    assert response["Cache-Control"] == "private, no-store"
    assert client.get(register, {"so": "15/2025/QĐ-UBND"}).status_code in (200, 302)


def test_row5_a_nul_in_the_page_usefulness_comment_is_refused_and_nothing_is_kept(
    demo_full, client
):
    home = demo_full.root_page
    data = {"page": home.pk, "useful": "khong", "comment": "Thiếu\x00 số điện thoại"}
    assert refused(client.post("/y-kien-trang/", data))
    assert not PageUsefulness.objects.exists()
    # Line breaks and tabs are text in a comment box: kept.
    data["comment"] = "Thiếu số điện thoại.\r\nVà giờ làm việc:\tthứ Bảy?"
    assert client.post("/y-kien-trang/", data).status_code == 302
    assert PageUsefulness.objects.get().comment == data["comment"]


def test_row5_every_public_view_refuses_control_characters_in_any_query_parameter(
    public_urls, client
):
    for name, url in public_urls.items():
        for char in CONTROL:
            response = client.get(url, dict.fromkeys(PARAMS, f"a{char}b"))
            assert refused(response), (name, url, repr(char), response.status_code)
        # In a parameter's name, and a line break (a query parameter is one line).
        assert refused(client.get(f"{url}?x%00=1")), (name, url)
        assert refused(client.get(url, {"q": "khai\nsinh"})), (name, url)
        assert client.head(url, {"so": "\x00"}).status_code == 400, (name, url)


def test_row5_every_public_view_answers_odd_printable_input_normally(public_urls, client):
    for name, url in public_urls.items():
        response = client.get(url, dict.fromkeys(PARAMS, ODD))
        # The view's own answer: a page, a redirect, its own 400 or 404; not the refusal.
        assert response.status_code < 500 and not refused(response), (name, url)


def test_row5_a_control_character_in_the_path_is_refused(demo_full, client):
    for path in [
        "/van-hoa-xa-hoi/%00/",
        "/dieu-hanh-cong-khai/van-ban/%1B/",
        "/tai-lieu/1/a%00.pdf",
    ]:
        assert refused(client.get(path)), path


def report_form_data(site):
    return {
        "category": FeedbackCategory.objects.filter(is_active=True).first().pk,
        "urgency": "thuong",
        "place": Place.objects.filter(site=site, is_active=True).first().pk,
        "address": "Trước số nhà 12",
        "description": "Rác thải ứ đọng ở đầu ngõ nhiều ngày.\r\nĐã hai tuần.",
        "contact_name": "Người Thử",
        "contact_phone": "0912345678",
        "contact_email": "thu@example.vn",
        "consent": "on",
        "website": "",
        "token": new_token(),
    }


def public_forms(site):
    """Every public form: its address, a valid submission, and how many rows it has stored."""
    report = FeedbackReport.objects.filter(site=site).first()
    FeedbackReport.objects.filter(pk=report.pk).update(status=Status.RESOLVED, rating=None)
    rating_url = f"{Page.objects.get(slug='phan-anh-kien-nghi').url}tra-cuu/{report.code}/danh-gia/"
    vote = SatisfactionPage.objects.get()
    return {
        "report": (
            "/phan-anh-kien-nghi/gui/",
            report_form_data(site),
            lambda: FeedbackReport.objects.count(),
        ),
        "rating": (
            rating_url,
            {"rating": "4", "comment": "Nhanh, sạch."},
            lambda: FeedbackReport.objects.filter(rating__isnull=False).count(),
        ),
        "vote": (
            vote.url,
            {"score": "5", "comment": "Cán bộ tận tình."},
            lambda: SatisfactionVote.objects.count() + SatisfactionComment.objects.count(),
        ),
        "usefulness": (
            "/y-kien-trang/",
            {"page": site.root_page.pk, "useful": "co", "comment": "Rõ ràng."},
            lambda: PageUsefulness.objects.count(),
        ),
    }


def test_row5_every_public_form_refuses_control_characters_in_every_field(demo_full):
    forms = public_forms(Site.objects.get(is_default_site=True))
    for name, (url, data, stored) in forms.items():
        before = stored()
        for field in data:
            for char in CONTROL:
                client = Client()  # a fresh visitor each time: no rate limit, no cookie
                spoiled = {**data, field: f"{data[field]}{char}"}
                response = client.post(url, spoiled)
                assert refused(response), (name, field, repr(char), response.status_code)
        assert stored() == before, name
        # The same form, unspoiled, is accepted (a redirect after storing).
        assert Client().post(url, data).status_code == 302, name
        assert stored() > before, name


def test_the_admin_is_left_to_its_own_forms(demo_full, client):
    response = client.get("/admin/login/", {"next": "/admin/\x00"})
    assert response.status_code == 200 and not refused(response)
