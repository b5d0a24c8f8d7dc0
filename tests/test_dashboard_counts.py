"""The feedback and portal sources: counts computed from the portal's own models for recent
months only (dashboard/sources/feedback.py, portal.py)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Revision

from content.models import (
    BasePage,
    ChangeNote,
    DocumentDownload,
    Place,
    SatisfactionPage,
    SatisfactionVote,
    ShortLink,
    ShortLinkScan,
    StandardPage,
)
from dashboard.models import Reading, Source
from dashboard.sources import base, feedback, portal
from feedback.models import FeedbackReport, PageUsefulness, Status
from sitesearch.models import SearchQueryDay
from tests import feedback_helpers
from tests.feedback_helpers import make_report

ward = feedback_helpers.ward
photo_root = feedback_helpers.photo_root

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
NOVEMBER, DECEMBER = datetime.date(2026, 11, 1), datetime.date(2026, 12, 1)


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def values(site, source, period):
    return {
        (r.metric, r.breakdown): r.value
        for r in Reading.objects.filter(site=site, source=source, period=period)
    }


# --- Feedback ------------------------------------------------------------------------------------


def test_feedback_counts_by_channel_for_recent_months_only(ward):
    october = datetime.date(2026, 10, 1)
    base.replace_period(ward, Source.FEEDBACK, october, {("received", "ihanoi"): 90}, "Mẫu")
    base.replace_period(ward, Source.FEEDBACK, NOVEMBER, {("received", "desk"): 4}, "Mẫu")
    resolved = make_report(ward)
    resolved.change_status(Status.RESOLVED, note="Đã nạo vét cống.")
    FeedbackReport.objects.filter(pk=resolved.pk).update(
        rating=5, received_at=at(datetime.date(2026, 11, 3))
    )
    late = make_report(ward, source="ihanoi")
    late.change_status(Status.RESOLVED, note="Đã xử lý.")
    FeedbackReport.objects.filter(pk=late.pk).update(
        received_at=at(datetime.date(2026, 11, 20)),
        due_at=at(datetime.date(2026, 11, 21)),
        closed_at=at(datetime.date(2026, 11, 25)),
        rating=3,
    )
    opened = make_report(ward, source="ihanoi")
    FeedbackReport.objects.filter(pk=opened.pk).update(received_at=at(datetime.date(2026, 11, 28)))
    make_report(ward)  # received today, in December

    run = feedback.compute(ward, today=TODAY)
    assert run.status == "success", run.message
    assert values(ward, Source.FEEDBACK, NOVEMBER) == {
        ("received", "portal"): 1,
        ("resolved", "portal"): 1,
        ("closed", "portal"): 1,
        ("closed_on_time", "portal"): 1,
        ("rated", "portal"): 1,
        ("satisfied", "portal"): 1,
        ("rating_sum", "portal"): 5,
        ("received", "ihanoi"): 2,
        ("resolved", "ihanoi"): 1,
        ("closed", "ihanoi"): 1,
        ("closed_on_time", "ihanoi"): 0,
        ("rated", "ihanoi"): 1,
        ("satisfied", "ihanoi"): 0,
        ("rating_sum", "ihanoi"): 3,
    }  # the "desk" reading of November was replaced
    assert values(ward, Source.FEEDBACK, DECEMBER)[("received", "portal")] == 1
    assert values(ward, Source.FEEDBACK, datetime.date(2026, 10, 1)) == {("received", "ihanoi"): 90}
    # Again: nothing changes.
    again = feedback.compute(ward, today=TODAY)
    assert (again.created, again.changed, again.withdrawn) == (0, 0, 0)


def test_feedback_command(ward):
    make_report(ward)
    call_command("compute_feedback_stats", "--months", "1", stdout=_Sink())
    period = base.month_start(timezone.localdate())
    assert values(ward, Source.FEEDBACK, period)[("received", "portal")] == 1


# --- The portal ----------------------------------------------------------------------------------


def post(home, slug, published, **fields):
    page = home.add_child(instance=StandardPage(title=slug, slug=slug, **fields))
    page.save_revision().publish()
    StandardPage.objects.filter(pk=page.pk).update(first_published_at=at(published))
    return page


def with_reviews(home, slug, history, current):
    """A page whose revisions were saved on the given days with the given review-by dates."""
    page = home.add_child(instance=StandardPage(title=slug, slug=slug, review_by=current))
    page.save_revision().publish()
    for saved, review_by in history:
        page.review_by = review_by
        revision = page.save_revision()
        Revision.objects.filter(pk=revision.pk).update(created_at=at(saved))
    StandardPage.objects.filter(pk=page.pk).update(review_by=current)
    return page


def test_portal_counts_of_a_month(ward):
    home = ward.root_page
    document = get_document_model().objects.create(title="Kế hoạch", file="ke-hoach.pdf")
    day = datetime.date(2026, 11, 12)
    post(
        home,
        "du",
        day,
        intro="Tóm tắt.",
        source_reference="Số 12/KH-UBND",
        contact_point="Văn phòng",
    )
    post(
        home,
        "co-anh",
        day,
        intro="Tóm tắt.",
        source_document=document,
        contact_point="Văn phòng",
        body=[{"type": "image", "value": {"image": None, "alt_text": "", "decorative": True}}],
    )
    post(home, "thieu", day, intro="Tóm tắt.")
    post(home, "thang-truoc", datetime.date(2026, 10, 30), intro="x", contact_point="y")

    on_time = with_reviews(
        home,
        "ra-soat-dung-han",
        [
            (datetime.date(2026, 5, 1), datetime.date(2026, 11, 10)),
            (datetime.date(2026, 11, 5), datetime.date(2027, 11, 5)),
        ],
        datetime.date(2027, 11, 5),
    )
    with_reviews(
        home,
        "qua-han",
        [(datetime.date(2026, 5, 1), datetime.date(2026, 11, 20))],
        datetime.date(2026, 11, 20),
    )
    with_reviews(
        home,
        "ra-soat-muon",
        [
            (datetime.date(2026, 5, 1), datetime.date(2026, 11, 15)),
            (datetime.date(2026, 11, 25), datetime.date(2027, 11, 25)),
        ],
        datetime.date(2027, 11, 25),
    )
    ChangeNote.objects.create(
        page=on_time, text="Đính chính số điện thoại.", is_correction=True, published_at=at(day)
    )
    ChangeNote.objects.create(page=on_time, text="Cập nhật lịch.", published_at=at(day))

    DocumentDownload.objects.create(site=ward, document=document, day=day, count=7)
    DocumentDownload.objects.create(
        site=ward, document=document, day=datetime.date(2026, 10, 1), count=50
    )
    link = ShortLink.objects.get(page=on_time)  # made on publication
    first, second = Place.objects.filter(site=ward).order_by("sort_order")
    ShortLinkScan.objects.create(link=link, place=first, day=day, count=4)
    ShortLinkScan.objects.create(
        link=link, place=first, day=day + datetime.timedelta(days=1), count=2
    )
    ShortLinkScan.objects.create(link=link, place=second, day=day, count=3)
    ShortLinkScan.objects.create(link=link, day=day, count=1)
    PageUsefulness.objects.create(site=ward, page=on_time, useful=True)
    PageUsefulness.objects.create(site=ward, page=on_time, useful=False)
    PageUsefulness.objects.filter(site=ward).update(created_at=at(day))
    desk = home.add_child(instance=SatisfactionPage(title="Đánh giá", slug="danh-gia"))
    SatisfactionVote.objects.create(page=desk, day=day, score=5, count=8)
    SatisfactionVote.objects.create(page=desk, day=day, score=2, count=2)
    SearchQueryDay.objects.create(site=ward, day=day, query="khai sinh", count=10, results=4)
    SearchQueryDay.objects.create(site=ward, day=day, query="so do", count=3, results=0)

    run = portal.compute(ward, today=TODAY)
    assert run.status == "success", run.message
    assert values(ward, Source.PORTAL, NOVEMBER) == {
        ("posts_published", "standardpage"): 3,
        ("posts_complete", "standardpage"): 2,
        ("posts_with_image", "standardpage"): 1,
        ("pages_review_due", ""): 3,
        ("pages_reviewed_on_time", ""): 1,
        ("corrections", ""): 1,
        ("form_downloads", ""): 7,
        ("qr_scans", "Tổ dân phố số 1"): 6,
        ("qr_scans", "Tổ dân phố số 2"): 3,
        ("qr_scans", ""): 1,
        ("page_answers", ""): 2,
        ("page_useful", ""): 1,
        ("desk_votes", ""): 10,
        ("desk_satisfied", ""): 8,
        ("searches", ""): 13,
        ("searches_without_result", ""): 3,
    }
    assert not Reading.objects.filter(period=datetime.date(2026, 10, 1)).exists()


def test_portal_counts_cost_few_queries(ward, django_assert_max_num_queries):
    for n in range(5):
        post(ward.root_page, f"tin-{n}", datetime.date(2026, 11, 2), intro="x")
    # One query per page type for the review dates, and a fixed few for the rest: the cost
    # grows with the page types the install has, never with the number of pages.
    page_types = len(portal._subclasses(BasePage))
    with django_assert_max_num_queries(page_types + 12):
        portal.counts(ward, NOVEMBER, TODAY)


def test_portal_command(ward):
    call_command("compute_portal_stats", stdout=_Sink())
    assert base.last_success(ward, Source.PORTAL) is not None


class _Sink:
    def write(self, *args):
        pass

    def flush(self):
        pass
