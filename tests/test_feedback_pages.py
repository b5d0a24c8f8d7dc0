"""Public pages of the feedback pillar on the demo ward: the pillar, status with history and
photos, the satisfaction rating, the results with filters and RSS, at a bounded query count."""

import pytest

from feedback.models import FeedbackReport, Source, Status
from tests import feedback_helpers

photo_root = feedback_helpers.photo_root

pytestmark = pytest.mark.django_db
FEEDBACK = "/phan-anh-kien-nghi/"


def test_pillar_links_to_the_form_the_lookup_the_results_and_the_ihanoi_guide(
    client, photo_root, demo_ward
):
    html = client.get(FEEDBACK).content.decode()
    for path in ("gui/", "tra-cuu/", "ket-qua/", "huong-dan-dung-ihanoi/"):
        assert f'href="{FEEDBACK}{path}"' in html


def test_demo_has_reports_in_every_status_and_from_ihanoi(photo_root, demo_ward):
    statuses = set(FeedbackReport.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert FeedbackReport.objects.filter(source=Source.IHANOI).exists()
    assert FeedbackReport.objects.filter(publish_result=True, photos__kind="sau").exists()


def test_status_page_shows_history_answer_and_photos(client, photo_root, demo_ward):
    report = FeedbackReport.objects.filter(publish_result=True).first()
    html = client.get(f"{FEEDBACK}tra-cuu/{report.code}/").content.decode()
    assert report.public_answer in html
    assert "Quá trình xử lý" in html
    assert html.count("<li><time") == report.history.count()
    assert "Trước xử lý" in html and "Sau xử lý" in html


def test_paused_report_shows_the_reason_and_no_deadline(client, photo_root, demo_ward):
    report = FeedbackReport.objects.get(status=Status.PAUSED)
    html = client.get(f"{FEEDBACK}tra-cuu/{report.code}/").content.decode()
    assert report.history.get(status=Status.PAUSED).note in html
    assert "Hạn xử lý" not in html


def test_the_reporter_rates_a_resolved_report_once(client, photo_root, demo_ward):
    report = FeedbackReport.objects.filter(status=Status.RESOLVED).first()
    report.rating = None
    report.save()
    status_url = f"{FEEDBACK}tra-cuu/{report.code}/"
    assert "Đánh giá kết quả xử lý" in client.get(status_url).content.decode()
    refused = client.post(status_url + "danh-gia/", {"rating": "9"})
    assert refused.status_code == 400
    assert "Vui lòng chọn một mức từ 1 đến 5." in refused.content.decode()
    response = client.post(status_url + "danh-gia/", {"rating": "4", "comment": "Nhanh, sạch."})
    assert response.status_code == 302
    again = client.post(status_url + "danh-gia/", {"rating": "1"})
    assert again.status_code == 302
    report.refresh_from_db()
    assert (report.rating, report.rating_comment) == (4, "Nhanh, sạch.")
    assert "Đánh giá kết quả xử lý" not in client.get(status_url).content.decode()


def test_results_filter_by_category_and_place(client, photo_root, demo_ward):
    published = list(FeedbackReport.objects.filter(publish_result=True, status=Status.RESOLVED))
    assert len(published) >= 2
    first = published[0]
    html = client.get(f"{FEEDBACK}ket-qua/", {"category": first.category_id}).content.decode()
    assert f'href="{FEEDBACK}ket-qua/{first.pk}/"' in html
    for other in published[1:]:
        if other.category_id != first.category_id:
            assert f'href="{FEEDBACK}ket-qua/{other.pk}/"' not in html
    html = client.get(f"{FEEDBACK}ket-qua/", {"place": first.place_id}).content.decode()
    assert f'href="{FEEDBACK}ket-qua/{first.pk}/"' in html
    # Results are public; the tracking codes stay their reporters' keys.
    assert not any(report.code in html for report in published)


def test_a_published_result_has_its_own_page_without_the_tracking_code(
    client, photo_root, demo_ward
):
    report = FeedbackReport.objects.filter(publish_result=True, status=Status.RESOLVED).first()
    response = client.get(f"{FEEDBACK}ket-qua/{report.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert report.public_answer in html
    assert "Trước xử lý" in html and "Sau xử lý" in html
    assert html.count("<li><time") == report.history.count()
    assert report.code not in html
    feed = client.get(f"{FEEDBACK}ket-qua/rss/").content.decode()
    assert f"{FEEDBACK}ket-qua/{report.pk}/</link>" in feed
    # Only published results have such a page.
    unpublished = FeedbackReport.objects.filter(publish_result=False).first()
    assert client.get(f"{FEEDBACK}ket-qua/{unpublished.pk}/").status_code == 404
    report.anonymise()
    assert client.get(f"{FEEDBACK}ket-qua/{report.pk}/").status_code == 404


def test_results_page_and_feed_cost_a_bounded_number_of_queries(
    client, photo_root, demo_ward, django_assert_max_num_queries
):
    client.get(f"{FEEDBACK}ket-qua/")  # warm Wagtail's site cache
    with django_assert_max_num_queries(10):
        assert client.get(f"{FEEDBACK}ket-qua/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"{FEEDBACK}ket-qua/rss/").status_code == 200


def test_rss_escapes_what_staff_wrote(client, photo_root, demo_ward):
    """Row 2 (in part) of section (b) of the reliability checklist."""
    report = FeedbackReport.objects.filter(publish_result=True).first()
    report.public_answer = "<script>alert(1)</script> & xong"
    report.save()
    body = client.get(f"{FEEDBACK}ket-qua/rss/").content.decode()
    assert "<script>" not in body
    assert "&lt;script&gt;" in body
