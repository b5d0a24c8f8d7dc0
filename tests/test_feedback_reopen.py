"""What FixMyStreet's users ask for (issue 21): a citizen reopens a report closed as fixed,
by its code and a short reason, within FEEDBACK_REOPEN_DAYS, on the status page without
JavaScript; it goes back to its handlers and is counted. And the public closing statuses
beyond "resolved", each with its reason, counted as closed but not as resolved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import CLOSED_STATUSES, REASON_REQUIRED, FeedbackReport, Status
from feedback.stats import feedback_counts
from tests import feedback_helpers
from tests.feedback_helpers import handler, make_report
from tests.test_feedback_admin import edit_data

ward = feedback_helpers.ward
photo_root = feedback_helpers.photo_root

pytestmark = pytest.mark.django_db

REASON = "Đèn lại tắt từ tối qua, ngõ vẫn tối om."


def status_url(report):
    return f"/phan-anh-kien-nghi/tra-cuu/{report.code}/"


def reopen_url(report):
    return status_url(report) + "mo-lai/"


def resolved(site, days_ago=1, **fields):
    report = make_report(site, **fields)
    report.change_status(Status.IN_PROGRESS)
    report.change_status(Status.RESOLVED, note="Đã thay bóng đèn.")
    closed = timezone.now() - datetime.timedelta(days=days_ago)
    FeedbackReport.objects.filter(pk=report.pk).update(closed_at=closed)
    report.refresh_from_db()
    return report


def test_a_citizen_reopens_a_report_closed_as_fixed_and_it_goes_back_to_its_handler(
    client, ward, django_capture_on_commit_callbacks
):
    staff = handler(ward)
    report = resolved(ward, assigned_user=staff)
    html = client.get(status_url(report)).content.decode()
    assert "Sự việc vẫn chưa được khắc phục?" in html
    assert f'action="{reopen_url(report)}"' in html and 'method="post"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reopen_url(report), {"ma": report.code.lower(), "reason": REASON})
    assert response.status_code == 302
    assert response["Location"].endswith(status_url(report) + "?da-mo-lai=1")
    report.refresh_from_db()
    assert report.status == Status.REOPENED and not report.is_closed
    assert report.reopen_count == 1 and report.closed_at is None
    # A fresh deadline from now, not one long past.
    assert report.due_at > timezone.now()
    assert report.assigned_user == staff
    note = staff.portal_notifications.get()
    assert report.code in note.message and "mở lại" in note.message
    # The reason (the citizen's words) is for staff only.
    assert report.notes.get().text.endswith(REASON)
    page = client.get(response["Location"]).content.decode()
    assert "Phản ánh đã được mở lại" in page
    assert "Người dân mở lại" in page
    assert REASON not in page
    assert "Sự việc vẫn chưa được khắc phục?" not in page  # open again: nothing to reopen
    # Closed as fixed again, it may be reopened again; each reopening is counted.
    report.change_status(Status.RESOLVED, note="Đã thay dây điện.")
    client.post(reopen_url(report), {"ma": report.code, "reason": REASON})
    report.refresh_from_db()
    assert report.reopen_count == 2
    start = timezone.now() - datetime.timedelta(days=30)
    counts = feedback_counts(ward.pk, start, timezone.now() + datetime.timedelta(days=1))
    assert counts.reopened == 1


def test_a_reopening_needs_the_code_and_a_reason_in_vietnamese_and_changes_nothing_without(
    client, ward
):
    report = resolved(ward)
    response = client.post(reopen_url(report), {"ma": "PA-2222-3333", "reason": REASON})
    assert response.status_code == 400
    assert "Mã phản ánh không khớp với phản ánh này." in response.content.decode()
    response = client.post(reopen_url(report), {"ma": report.code, "reason": "tắt"})
    assert "Vui lòng ghi rõ hơn (ít nhất 10 ký tự)." in response.content.decode()
    response = client.post(reopen_url(report), {"ma": report.code, "reason": ""})
    assert "Vui lòng ghi ngắn gọn vì sao" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.RESOLVED and report.reopen_count == 0
    assert report.notes.count() == 0


def test_only_a_report_closed_as_fixed_within_the_period_can_be_reopened(client, ward, settings):
    settings.FEEDBACK_REOPEN_DAYS = 30
    late = resolved(ward, days_ago=31)
    assert "Sự việc vẫn chưa được khắc phục?" not in client.get(status_url(late)).content.decode()
    response = client.post(reopen_url(late), {"ma": late.code, "reason": REASON})
    assert response.status_code == 409
    assert "không mở lại được" in response.content.decode()
    late.refresh_from_db()
    assert late.status == Status.RESOLVED and late.reopen_count == 0

    unfixed = make_report(ward)
    unfixed.change_status(Status.UNFIXED, note="Cần kinh phí của thành phố.")
    assert "Sự việc vẫn chưa được khắc phục?" not in (
        client.get(status_url(unfixed)).content.decode()
    )
    assert client.post(reopen_url(unfixed), {"ma": unfixed.code, "reason": REASON}).status_code == (
        409
    )
    unknown = client.post(
        "/phan-anh-kien-nghi/tra-cuu/PA-2222-3333/mo-lai/", {"ma": "x", "reason": REASON}
    )
    assert unknown.status_code == 404


def test_the_new_closing_statuses_need_a_reason_and_count_as_closed_not_resolved(client, ward):
    assert {Status.UNFIXED, Status.OUT_OF_SCOPE} <= CLOSED_STATUSES & REASON_REQUIRED
    assert Status.REOPENED not in CLOSED_STATUSES
    report = make_report(ward)
    client.force_login(handler(ward))
    url = reverse("feedback_report:edit", args=[report.pk])
    for status in (Status.UNFIXED, Status.OUT_OF_SCOPE):
        response = client.post(url, edit_data(report, new_status=status))
        assert "Cần ghi lý do cho người dân" in response.content.decode()
    # Staff do not choose «Người dân mở lại»: that is the citizen's.
    assert 'value="mo_lai"' not in client.get(url).content.decode()
    response = client.post(
        url,
        edit_data(
            report, new_status=Status.OUT_OF_SCOPE, status_note="Thuộc Công ty Điện lực quận."
        ),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.OUT_OF_SCOPE and report.closed_at is not None
    page = client.get(status_url(report)).content.decode()
    assert "Không thuộc thẩm quyền" in page and "Thuộc Công ty Điện lực quận." in page
    other = make_report(ward)
    other.change_status(Status.UNFIXED, note="Cần kinh phí của thành phố.")
    open_one = make_report(ward)
    start = timezone.now() - datetime.timedelta(days=1)
    counts = feedback_counts(ward.pk, start, timezone.now() + datetime.timedelta(days=1))
    assert counts.received == 3
    assert counts.closed == 2
    assert counts.resolved == 0
    assert set(FeedbackReport.objects.open()) == {open_one}
    # Neither is offered as an "already reported?" match.
    from feedback.views import similar_reports

    assert similar_reports(ward, category=report.category) == [open_one]
