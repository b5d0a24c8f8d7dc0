"""Site search (/tim-kiem/): Vietnamese typed any way finds the same things, codes and document
numbers find their page, nothing crashes it, and it helps when nothing matches.

CI runs this module on PostgreSQL (the whole suite) and once more on SQLite (.ci/run), so both
engines are held to the same results."""

import datetime
import json
import re
import tempfile
import unicodedata
from html import unescape
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from content.models import SectionPage, StandardPage
from sitesearch.models import SearchEntry, SearchPromotion, SearchQueryDay
from sitesearch.query import search
from sitesearch.stats import period, search_gaps
from sitesearch.text import Query, fold, highlight, references
from tests.db_states import database_state
from tests.factories import ward_site
from tthc import sync
from tthc.models import FaqLibraryPage, FaqPage, ProcedureIndexPage, ProcedurePage

pytestmark = pytest.mark.django_db

DEMO_CATALOGUE = json.loads(
    (Path(__file__).parent.parent / "tthc" / "demo" / "catalogue.json").read_text(encoding="utf-8")
)["items"]
CODES = [
    "1.001193",  # đăng ký khai sinh
    "1.004884",  # đăng ký lại khai sinh
    "1.004772",  # khai sinh cho người đã có hồ sơ
    "1.000656",  # khai tử
    "1.000894",  # kết hôn
    "1.004873",  # xác nhận tình trạng hôn nhân
    "2.000815",  # chứng thực bản sao
    "1.001612",  # hộ kinh doanh
    "1.004194",  # tạm trú
]
DOCUMENT_NUMBER = "15/2025/QĐ-UBND"


def publish(page):
    page.save_revision().publish(skip_permission_checks=True)
    return page


def small_ward():
    """A ward with the three sections these tests use (much quicker than ``seed_demo``)."""
    from content.demo import pages as demo
    from content.models import WardSettings

    site = ward_site("Phường Thử", slug="trang-chu")
    home = site.root_page
    WardSettings.objects.create(site=site, **demo.WARD_SETTINGS)
    for model, slug, title in [
        (ProcedureIndexPage, "thu-tuc-hanh-chinh", "Thủ tục hành chính"),
        (SectionPage, "dieu-hanh-cong-khai", "Điều hành – công khai"),
        (SectionPage, "van-hoa-xa-hoi", "Văn hóa – xã hội"),
    ]:
        publish(home.add_child(instance=model(title=title, slug=slug)))
    return site


@database_state()
def search_ward_state():
    """A ward with nine real procedures, two FAQ answers and an announcement that cites a
    decision by its number: built once per run (tests/db_states.py)."""
    small_ward()
    items = [item for item in DEMO_CATALOGUE if item["code"] in CODES]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "catalogue.json"
        path.write_text(json.dumps({"items": items}, ensure_ascii=False), encoding="utf-8")
        run = sync.sync_from_file(path, publish_new=True)
    assert run.status == "success", run.message
    index = ProcedureIndexPage.objects.get()
    birth = ProcedurePage.objects.get(procedure__code="1.001193")
    birth.cases_per_month = 120
    publish(birth)
    library = index.add_child(
        instance=FaqLibraryPage(title="Câu hỏi thường gặp", slug="cau-hoi-thuong-gap")
    )
    publish(library)
    for title, answer in [
        (
            "Đi làm giấy khai sinh cho con cần mang những gì?",
            "<p>Mang giấy chứng sinh của bệnh viện và căn cước của cha hoặc mẹ.</p>",
        ),
        (
            "Kết hôn với người ở phường khác thì đăng ký ở đâu?",
            "<p>Ở phường nơi một trong hai người thường trú.</p>",
        ),
    ]:
        publish(
            library.add_child(
                instance=FaqPage(
                    title=title, slug=fold(title)[:40].replace(" ", "-"), answer=answer
                )
            )
        )
    section = SectionPage.objects.get(slug="dieu-hanh-cong-khai")
    article = section.add_child(
        instance=StandardPage(
            title="Quy định mới về thu gom rác thải sinh hoạt",
            slug="quy-dinh-thu-gom-rac",
            intro="Từ ngày 01/7/2025, rác thải sinh hoạt được thu gom theo giờ cố định ở từng tổ dân phố.",
            source_reference=f"Quyết định số {DOCUMENT_NUMBER} của UBND phường",
            body=[
                {
                    "type": "paragraph",
                    "value": "<p>Hộ gia đình phân loại rác tại nguồn và để rác đúng điểm tập kết.</p>",
                }
            ],
        )
    )
    publish(article)


@pytest.fixture
def ward(search_ward_state):
    return Site.objects.get(is_default_site=True)


def text_of(response):
    """The page as a reader sees it: entities decoded, highlighting removed."""
    return re.sub(r"</?mark>", "", unescape(response.content.decode()))


def top(site, text, n=3):
    return [entry.page_id for entry in search(site, Query(text)).entries[:n]]


def birth_page():
    return ProcedurePage.objects.get(procedure__code="1.001193")


# --- Folding ---------------------------------------------------------------------------------


def test_folding_makes_every_way_of_typing_vietnamese_the_same():
    correct = fold("Đăng ký khai sinh")
    assert correct == "dang ki khai sinh"
    for typed in [
        "dang ky khai sinh",
        "đăng kí khai sinh",
        "ĐĂNG KÝ KHAI SINH",
        unicodedata.normalize("NFD", "Đăng ký khai sinh"),
        "  Đăng-ký   khai.sinh ",
    ]:
        assert fold(typed) == correct, typed
    # Tone marks on either vowel ("hoà"/"hòa") and i/y ("lí"/"lý", "qui"/"quy").
    assert fold("Hoà giải") == fold("hòa giải") == "hoa giai"
    assert fold("lí lịch") == fold("lý lịch")
    assert fold("qui định") == fold("quy định")
    # y stays y where it is not the i/y variant: "thủy", "ngày", "tuyến", "y tế".
    assert fold("thủy ngày tuyến y tế") == "thuy ngay tuyen y te"


def test_references_are_compacted_as_people_copy_them():
    assert references("Quyết định 15/2025/QĐ-UBND") == ["152025qdubnd"]
    assert references("mã 1.001193") == ["1001193"]
    assert references("khai sinh") == []


def test_highlight_marks_words_in_the_text_as_written_and_escapes_it():
    html = highlight("Đăng ký <b>khai sinh</b> cho con", ["dang", "ki", "khai"], prefix_last=True)
    assert "<mark>Đăng</mark> <mark>ký</mark>" in html
    assert "&lt;b&gt;<mark>khai</mark>" in html
    assert "<b>" not in html


# --- Matching --------------------------------------------------------------------------------


def test_unaccented_misaccented_uppercase_and_nfd_queries_find_what_the_correct_query_finds(
    ward,
):
    correct = top(ward, "Đăng ký khai sinh")
    assert correct[0] == birth_page().pk
    for typed in [
        "dang ky khai sinh",
        "dang ki khai sinh",
        "đăng kí khai sinh",
        "đắng kỷ khải sinh",  # wrong tone marks everywhere
        "ĐĂNG KÝ KHAI SINH",
        unicodedata.normalize("NFD", "Đăng ký khai sinh"),
    ]:
        assert top(ward, typed) == correct, typed


def test_the_plain_words_people_use_find_the_procedure(ward):
    # "Giấy chứng sinh" is a paper to bring, not in the title: still the birth registration.
    assert birth_page().pk in top(ward, "giay chung sinh", n=3)
    # The official catalogue name finds the ward's plain-language page too.
    page = ProcedurePage.objects.get(procedure__code="2.000815")
    assert top(ward, "chung thuc ban sao tu ban chinh")[0] == page.pk


def test_a_procedure_code_finds_its_procedure_first(ward, client):
    for typed in ["1.001193", " 1.001193 ", "1001193"]:
        assert top(ward, typed)[0] == birth_page().pk, typed
    html = text_of(client.get("/tim-kiem/", {"q": "1.001193"}))
    first = html.index('class="search-result"')
    assert birth_page().url in html[first : first + 1500]
    assert "1.001193" in html[first : first + 1500]


def test_a_document_number_finds_its_document(ward):
    article = StandardPage.objects.get(slug="quy-dinh-thu-gom-rac")
    for typed in [DOCUMENT_NUMBER, "15/2025/qd-ubnd", "15/2025/QD-UBND", "15/2025"]:
        assert top(ward, typed)[0] == article.pk, typed


def test_procedures_come_first_when_the_query_names_one(ward):
    results = search(ward, Query("kết hôn"))
    assert results.entries[0].kind == "thu-tuc"
    assert {entry.kind for entry in results.entries} >= {"thu-tuc", "hoi-dap"}


def test_a_typo_is_corrected_when_nothing_matches(ward, client):
    results = search(ward, Query("dang ky khai sinhh"))
    assert results.original is not None
    assert results.query.folded == "dang ki khai sinh"
    assert results.entries[0].page_id == birth_page().pk
    html = client.get("/tim-kiem/", {"q": "dang ky khai sinhh"}).content.decode()
    assert "Đang hiện kết quả cho" in html
    # A word that is close to nothing stays a search without result.
    assert search(ward, Query("xyzzyq")).total == 0


def test_unpublished_and_restricted_pages_are_not_found(ward):
    article = StandardPage.objects.get(slug="quy-dinh-thu-gom-rac")
    assert top(ward, "thu gom rac")[0] == article.pk
    article.unpublish()
    assert article.pk not in top(ward, "thu gom rac", n=10)
    assert not SearchEntry.objects.filter(page=article).exists()

    section = SectionPage.objects.get(slug="thu-tuc-hanh-chinh")
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    found = search(ward, Query("khai sinh")).entries
    assert not [e for e in found if e.page.path.startswith(section.path)]
    restriction.delete()
    assert search(ward, Query("khai sinh")).entries[0].page_id == birth_page().pk


def test_a_moved_page_is_found_at_its_new_address(ward, client):
    page = StandardPage.objects.get(slug="quy-dinh-thu-gom-rac")
    page.move(SectionPage.objects.get(slug="van-hoa-xa-hoi"), pos="last-child")
    page.refresh_from_db()
    html = client.get("/tim-kiem/", {"q": "thu gom rac"}).content.decode()
    assert f'href="{page.url}"' in html
    assert "/van-hoa-xa-hoi/" in page.url


# --- The page --------------------------------------------------------------------------------


def test_results_are_labelled_filtered_by_kind_and_field_and_paged(ward, client):
    response = client.get("/tim-kiem/", {"q": "khai sinh"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thủ tục hành chính" in html and "Hỏi – đáp" in html
    assert "<mark>" in html
    only_faq = text_of(client.get("/tim-kiem/", {"q": "khai sinh", "loai": "hoi-dap"}))
    assert "Đi làm giấy khai sinh cho con" in only_faq
    assert 'search-result__kind">Thủ tục' not in only_faq
    by_field = text_of(
        client.get("/tim-kiem/", {"q": "dang ky", "loai": "thu-tuc", "linh-vuc": "ho-tich"})
    )
    assert 'aria-current="true">Hộ tịch' in by_field
    hkd = ProcedurePage.objects.get(procedure__code="1.001612")
    assert birth_page().url in by_field and hkd.url not in by_field

    results = search(ward, Query("dang ky"), per_page=2)
    assert results.total > 2 and len(results.entries) == 2
    second = search(ward, Query("dang ky"), page_number=2, per_page=2)
    assert {e.pk for e in second.entries}.isdisjoint({e.pk for e in results.entries})
    paged = client.get("/tim-kiem/", {"q": "dang ky", "trang": "2"})
    assert paged.status_code == 200
    assert client.get("/tim-kiem/", {"q": "dang ky", "trang": "999"}).status_code == 200


def test_the_results_page_costs_the_same_queries_for_few_and_many_results(ward, client):
    def count(params):
        client.get("/tim-kiem/", params)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/tim-kiem/", params).status_code == 200
        return len(captured)

    one = count({"q": "1.000656"})
    many = count({"q": "thu tuc"})
    assert many <= one + 1, (one, many)  # the field filter is one more query
    assert many <= 10, many


NASTY_QUERIES = [
    "x" * 10_000,
    "!!! ??? ...",
    "\"'\"'",
    "'; DROP TABLE sitesearch_searchentry; --",
    "<script>alert('xss')</script>",
    "%_%",
    "khai\tsinh",
    "",
    "   ",
    "🙂🙂",
]


def test_any_input_answers_with_a_normal_page(ward, client):
    """Any printable input; a control character (a NUL) is refused before the search runs,
    with the portal's Vietnamese 400 page (portal/public_input.py, tests/test_public_input.py).

    Rows 4 and 5 (in part) of section (b) of the reliability checklist."""
    for typed in NASTY_QUERIES:
        response = client.get("/tim-kiem/", {"q": typed})
        assert response.status_code == 200, typed
        html = response.content.decode()
        assert "<script>alert" not in html
        assert client.get("/tim-kiem/goi-y/", {"q": typed}).status_code == 200, typed
    for params in [{"trang": "-1"}, {"trang": "abc"}, {"loai": "<x>"}, {"linh-vuc": "'"}]:
        assert client.get("/tim-kiem/", {"q": "khai sinh", **params}).status_code == 200
    for url in ("/tim-kiem/", "/tim-kiem/goi-y/"):
        refused = client.get(url, {"q": "khai\x00sinh"})
        assert refused.status_code == 400 and "ký tự điều khiển" in refused.content.decode()
    assert SearchEntry.objects.filter(page=birth_page()).exists()


@pytest.mark.parametrize("typed", ["x" * 10_000, "khaisinh" * 1250, "1.00" * 2500])
def test_row_4_a_10000_character_query_without_spaces_is_cut_before_it_is_searched(
    ward, client, typed
):
    """Row 4 of section (b) of the reliability checklist. What it costs is bounded by what
    reaches the database: the first MAX_QUERY_CHARS characters, never the 10,000 (the time
    is bench/search.py's, which sends such a query)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/tim-kiem/", {"q": typed})
        suggest = client.get("/tim-kiem/goi-y/", {"q": typed})
    assert response.status_code == suggest.status_code == 200
    assert "Từ khóa quá dài" in response.content.decode()
    assert len(queries) < 40
    longest = max(len(query["sql"]) for query in queries)
    assert longest < 6000, longest  # the SQL of a normal search, not 10,000 characters more
    assert not [query for query in queries if typed[:201] in query["sql"]]


def test_a_long_query_says_it_was_shortened(ward, client):
    html = client.get("/tim-kiem/", {"q": "khai sinh " * 200}).content.decode()
    assert "Từ khóa quá dài" in html


def test_nothing_found_is_never_a_dead_end(ward, client):
    for visitor in ("a", "b", "c"):  # only what many people search is shown to others
        SearchQueryDay.record(ward, "khai sinh", 5, text="Khai sinh", visitor=visitor)
    SearchQueryDay.record(
        ward, "nguyen van a 0912345678", 0, text="Nguyễn Văn A 0912345678", visitor="a"
    )
    html = text_of(client.get("/tim-kiem/", {"q": "máy bay trực thăng"}))
    assert "Không tìm thấy kết quả cho «máy bay trực thăng»" in html
    assert "Người dân hay tìm" in html and ">khai sinh</a>" in html
    assert "Nguyễn" not in html and "0912345678" not in html
    assert "Thủ tục được làm nhiều nhất" in html and birth_page().url in html
    assert "Câu hỏi thường gặp" in html
    assert "tel:" in html  # the hotline


def test_an_editors_pin_comes_first_for_its_words_typed_without_diacritics(ward, client):
    marriage = ProcedurePage.objects.get(procedure__code="1.000894")
    SearchPromotion.objects.create(site=ward, query="Khai sinh", page=marriage)
    results = search(ward, Query("dang ky KHAI SINH cho con"))
    assert [entry.page_id for _pin, entry in results.promoted] == [marriage.pk]
    assert marriage.pk not in [entry.page_id for entry in results.entries]
    html = client.get("/tim-kiem/", {"q": "khai sinh"}).content.decode()
    assert html.index("Phường gợi ý") < html.index(marriage.url) < html.index("kết quả")
    # Words of the pin not in the query, or in another order: no pin.
    assert not search(ward, Query("sinh khai")).promoted


def test_behind_the_front_its_copy_of_each_search_is_what_counts(ward, client):
    """The front sends every request for the search page to /tim-kiem/dem/ as well, also
    those it answers from its cache, and tells the search page it does (X-Portal-Front)."""
    front = {"HTTP_X_PORTAL_FRONT": "1"}
    client.get("/tim-kiem/", {"q": "Đăng ký khai sinh"}, **front)
    assert not SearchQueryDay.objects.exists()  # the rendering did not count it
    for _ in range(3):  # the first rendered, two more from the cache
        assert client.get("/tim-kiem/dem/", {"q": "Đăng ký khai sinh"}).status_code == 204
    client.get("/tim-kiem/dem/", {"q": "dang ky khai sinh", "trang": "2"})
    client.get("/tim-kiem/dem/", {"q": "dang ky khai sinh", "loai": "hoi-dap"})
    client.get("/tim-kiem/dem/", {"q": "máy bay trực thăng"})
    client.get("/tim-kiem/dem/", {"q": ""})
    rows = {row.query: row for row in SearchQueryDay.objects.filter(site=ward)}
    assert set(rows) == {"dang ki khai sinh", "may bay truc thang"}
    assert rows["dang ki khai sinh"].count == 3 and rows["dang ki khai sinh"].results > 0
    assert rows["may bay truc thang"].results == 0
    # A rendering behind the front refreshes how many results the query has today.
    SearchQueryDay.objects.filter(query="dang ki khai sinh").update(results=0)
    client.get("/tim-kiem/", {"q": "Đăng ký khai sinh"}, **front)
    row = SearchQueryDay.objects.get(query="dang ki khai sinh")
    assert row.results > 0 and row.count == 3


def test_searches_are_logged_folded_per_ward_without_who_searched(ward, client):
    client.get("/tim-kiem/", {"q": "Đăng ký khai sinh"})
    client.get("/tim-kiem/", {"q": "dang ky khai sinh"})
    client.get("/tim-kiem/", {"q": "dang ky khai sinh", "trang": "2"})
    client.get("/tim-kiem/", {"q": "dang ky khai sinh", "loai": "hoi-dap"})
    client.get("/tim-kiem/", {"q": "máy bay trực thăng"})
    client.get("/tim-kiem/goi-y/", {"q": "khai si"})
    rows = {row.query: row for row in SearchQueryDay.objects.filter(site=ward)}
    assert set(rows) == {"dang ki khai sinh", "may bay truc thang"}
    assert rows["dang ki khai sinh"].text == "dang ky khai sinh"
    assert rows["dang ki khai sinh"].count == 2 and rows["dang ki khai sinh"].results > 0
    assert rows["may bay truc thang"].results == 0
    assert rows["may bay truc thang"].text == "máy bay trực thăng"
    client.get("/tim-kiem/", {"q": "tra cứu 0912345678"})
    assert SearchQueryDay.objects.filter(query="tra cuu ##########").exists()
    # Counts only: searches, and different visitors (each a daily hash, kept for the day).
    fields = {f.name for f in SearchQueryDay._meta.get_fields()}
    assert fields == {"id", "site", "day", "query", "text", "count", "visitors", "results"}
    day = rows["dang ki khai sinh"].day
    gaps = search_gaps(ward, day, day)
    assert (gaps.searches, gaps.without_result) == (4, 2)
    assert gaps.rate == pytest.approx(2 / 4)


def popular_list(client):
    """The queries «Người dân hay tìm» shows (on a page that found nothing)."""
    html = unescape(client.get("/tim-kiem/", {"q": "máy bay trực thăng"}).content.decode())
    if "Người dân hay tìm" not in html:
        return []
    chips = html.split("Người dân hay tìm", 1)[1].split("</ul>", 1)[0]
    return re.findall(r'class="chips__link"[^>]*>([^<]*)</a>', chips)


def visitor(number):
    """Another phone: its own address and browser."""
    return {"REMOTE_ADDR": f"203.0.113.{number}", "HTTP_USER_AGENT": f"Phone {number}"}


def test_row20_ninety_one_searches_put_no_phrase_of_their_own_in_the_public_list(ward, client):
    """Issue 23: 91 anonymous searches put an arbitrary phrase into «Người dân hay tìm» (it
    found results through the pin of «khai sinh»). Now the list shows only queries that the
    ward's pages have in a title or summary, or that an editor approved, counted by visitor."""
    birth = birth_page()
    SearchPromotion.objects.create(site=ward, query="khai sinh", page=birth)
    phrase = "khai sinh ở phường này là lừa đảo"
    for _ in range(91):  # one client, as in the report
        client.get("/tim-kiem/", {"q": phrase}, **visitor(7))
    row = SearchQueryDay.objects.get(query=fold(phrase))
    assert (row.count, row.visitors) == (91, 1) and row.results > 0
    for number in range(20, 111):  # and as many different clients
        client.get("/tim-kiem/", {"q": phrase}, **visitor(number))
    assert SearchQueryDay.objects.get(query=fold(phrase)).visitors == 92
    assert popular_list(client) == []
    # What the ward's pages say is shown, in their words, whatever was typed around it.
    for number in (1, 2):
        client.get("/tim-kiem/", {"q": "ĐĂNG KÝ KHAI SINH!!! 🙂"}, **visitor(number))
    assert popular_list(client) == []  # two visitors: not yet
    client.get("/tim-kiem/", {"q": "dang ky khai sinh"}, **visitor(3))
    assert popular_list(client) == ["đăng ký khai sinh"]


def test_a_page_published_with_a_searched_phrase_puts_it_in_the_public_list_at_once(ward, client):
    """The pages' wording of popular queries is kept per ward (a large ward's entries are
    scanned to find it), and forgotten as soon as a page's index entry changes."""
    from content.models import StandardPage

    # The query finds the page (every word is in its title), but not in this order.
    page = publish(
        ward.root_page.add_child(
            instance=StandardPage(title="Tạm ngừng cấp nước", slug="tam-ngung-cap-nuoc")
        )
    )
    for number in (1, 2, 3):
        client.get("/tim-kiem/", {"q": "ngung tam"}, **visitor(number))
    assert "ngừng tạm" not in popular_list(client)
    page.title = "Ngừng tạm thời cấp nước"
    publish(page)
    assert "ngừng tạm" in popular_list(client)


def test_row20_a_visitor_is_counted_once_a_day_behind_the_front_too_and_no_address_is_kept(
    ward, client, settings
):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    front = {"HTTP_X_PORTAL_FRONT": "1", "REMOTE_ADDR": "127.0.0.1"}
    for address in ("198.51.100.4", "198.51.100.4", "198.51.100.5"):
        client.get("/tim-kiem/dem/", {"q": "kết hôn"}, HTTP_X_FORWARDED_FOR=address, **front)
    row = SearchQueryDay.objects.get(query="ket hon")
    assert (row.count, row.visitors) == (3, 2)
    from sitesearch.models import SearchVisit, visitor_hash

    visits = list(SearchVisit.objects.values_list("visitor", flat=True))
    assert len(visits) == 2 and all(re.fullmatch(r"[0-9a-f]{32}", v) for v in visits)
    assert not any("198.51.100" in value for value in visits)
    # The hash of the same phone changes every day, and yesterday's visits are forgotten.
    today = row.day
    assert visitor_hash("198.51.100.4", "") != visitor_hash(
        "198.51.100.4", "", today - datetime.timedelta(days=1)
    )
    SearchVisit.objects.update(day=today - datetime.timedelta(days=1))
    client.get("/tim-kiem/", {"q": "tạm trú"})
    assert list(SearchVisit.objects.values_list("day", flat=True)) == [today]


def test_editors_approve_or_hide_the_queries_of_the_public_list(client, ward):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from content.models import StaffProfile
    from content.wards import (
        PORTAL_ADMIN_EXTRA_PERMISSIONS,
        ROLE_MODEL_PERMISSIONS,
        _permissions,
    )
    from sitesearch.models import PopularSearch

    for number in (1, 2, 3):
        for typed in ("khai sinh con", "khai sinh", "Kết hôn"):
            client.get("/tim-kiem/", {"q": typed}, **visitor(number))
    # "khai sinh con" finds pages, but no page's title or summary says it.
    assert popular_list(client) == ["kết hôn", "khai sinh"]
    editor = get_user_model().objects.create_user("quantri2", password="x" * 12)
    group = Group.objects.create(name="Quản trị thử")
    group.permissions.add(*_permissions([("wagtailadmin", "access_admin")]))
    group.permissions.add(*_permissions(ROLE_MODEL_PERMISSIONS + PORTAL_ADMIN_EXTRA_PERMISSIONS))
    editor.groups.add(group)
    StaffProfile.objects.create(user=editor, site=ward)
    staff = type(client)()
    staff.force_login(editor)
    report = staff.get(reverse("sitesearch_report")).content.decode()
    assert "Đang hiện: «khai sinh» (trùng tên trang)" in report
    add = reverse("sitesearch_popular:add")
    assert f"{add}?q=khai%20sinh%20con" in report
    assert 'value="khai sinh con"' in staff.get(add, {"q": "khai sinh con"}).content.decode()
    # Approved in the editor's words; hidden although a page's title has it.
    assert staff.post(add, {"query": "Khai sinh con", "shown": "on"}).status_code == 302
    assert staff.post(add, {"query": "ket hon"}).status_code == 302
    again = staff.post(add, {"query": "KẾT HÔN", "shown": "on"})
    assert "đã có trong danh sách" in again.content.decode()
    assert PopularSearch.objects.filter(site=ward).count() == 2
    assert popular_list(client) == ["khai sinh", "Khai sinh con"]
    report = staff.get(reverse("sitesearch_report")).content.decode()
    assert "Đã chặn" in report and "Đang hiện: «Khai sinh con»" in report


def test_suggestions_follow_what_is_typed(ward, client):
    data = client.get("/tim-kiem/goi-y/", {"q": "khai si"}).json()
    titles = [item["title"] for item in data["items"]]
    assert birth_page().title in titles
    assert all(item["url"].startswith("/") for item in data["items"])
    assert len(titles) <= 6
    assert client.get("/tim-kiem/goi-y/", {"q": "k"}).json() == {"items": []}


def test_rebuild_writes_every_live_page_and_drops_the_rest(ward):
    from sitesearch.indexing import rebuild

    live = Page.objects.live().descendant_of(ward.root_page, inclusive=True).count()
    SearchEntry.objects.all().delete()
    assert rebuild() == live
    assert SearchEntry.objects.count() == live
    assert top(ward, "dang ky khai sinh")[0] == birth_page().pk


def test_the_search_form_is_on_every_page_and_works_without_javascript(ward, client):
    home = client.get("/").content.decode()
    assert 'action="/tim-kiem/"' in home and 'name="q"' in home
    section = client.get("/dieu-hanh-cong-khai/").content.decode()
    assert re.search(r'<a class="site-header__search" href="/tim-kiem/"', section)


# --- Admin -----------------------------------------------------------------------------------


def test_portal_admins_pin_results_for_their_ward_and_read_what_citizens_search(client, demo_ward):
    from django.urls import reverse

    from tests.workflow_helpers import user

    page = StandardPage.objects.get(slug="lich-tiem-chung-mo-rong")
    client.force_login(user("quantri"))
    response = client.post(
        reverse("sitesearch_promotion:add"),
        {"query": "tiêm phòng", "page": page.pk, "description": "", "sort_order": 0},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    pin = SearchPromotion.objects.get()
    assert (pin.site, pin.folded_query) == (demo_ward, "tiem phong")
    # A page of another ward is refused, in Vietnamese, and nothing is stored.
    other_home = Page.get_first_root_node().add_child(
        instance=StandardPage(title="Phường khác", slug="phuong-khac")
    )
    response = client.post(
        reverse("sitesearch_promotion:add"),
        {"query": "khai sinh", "page": other_home.pk, "description": "", "sort_order": 0},
    )
    assert response.status_code == 200
    assert "Trang này không thuộc cổng của phường/xã bạn." in response.content.decode()
    assert SearchPromotion.objects.count() == 1
    # Other roles may not pin; every role reads the report.
    client.force_login(user("chuyenmon"))
    assert client.get(reverse("sitesearch_promotion:add")).status_code in (302, 403)
    SearchQueryDay.record(demo_ward, "giay phep xay dung", 0, text="giấy phép xây dựng")
    SearchQueryDay.record(demo_ward, "khai sinh", 4, text="khai sinh")
    html = client.get(reverse("sitesearch_report")).content.decode()
    assert "giấy phép xây dựng" in html and "khai sinh" in html
    gaps = search_gaps(demo_ward, *period(30))
    assert gaps.searches > gaps.without_result > 0  # the demo's month of searches, and ours
    assert f"<strong>{gaps.searches}</strong> lượt tìm kiếm" in html
    assert f"<strong>{gaps.without_result}</strong> lượt không có kết quả" in html


def test_each_ward_searches_only_its_own_pages_and_pins(ward, client):
    from content.models import HomePage

    other_home = publish(
        Page.get_first_root_node().add_child(
            instance=HomePage(title="Phường Bên Cạnh", slug="phuong-ben-canh")
        )
    )
    other = Site.objects.create(hostname="ben-canh.example", root_page=other_home, port=80)
    article = publish(
        other_home.add_child(
            instance=StandardPage(
                title="Ngày hội đăng ký khai sinh lưu động",
                slug="khai-sinh-luu-dong",
                intro="Cán bộ tư pháp đến tận tổ dân phố.",
            )
        )
    )
    SearchPromotion.objects.create(site=other, query="khai sinh", page=article)
    mine = search(ward, Query("khai sinh"))
    assert article.pk not in [e.page_id for e in mine.entries] and not mine.promoted
    theirs = search(other, Query("khai sinh"))
    assert [e.page_id for _p, e in theirs.promoted] == [article.pk]
    assert theirs.total == 0  # the pinned page is shown once, as the pin
    html = client.get("/tim-kiem/", {"q": "khai sinh"}, HTTP_HOST="ben-canh.example")
    assert "Ngày hội đăng ký khai sinh lưu động" in text_of(html)
    assert birth_page().url not in text_of(html)
