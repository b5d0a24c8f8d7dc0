"""The staff side: a queue limited to the user's ward, status changes with reasons, internal
notes kept internal, personal data behind a logged door, and the published results."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from feedback.models import FeedbackPhoto, FeedbackReport, Status, create_report
from tests import feedback_helpers
from tests.factories import ward_site
from tests.feedback_helpers import handler, jpeg_bytes, make_report, upload

ward = feedback_helpers.ward
photo_root = feedback_helpers.photo_root

pytestmark = pytest.mark.django_db


def other_ward():
    return ward_site("Xã Khác", slug="xa-khac", hostname="xakhac.example")


def edit_data(report, **overrides):
    data = {
        "category": report.category_id,
        "urgency": report.urgency,
        "place": report.place_id or "",
        "assigned_group": "",
        "assigned_user": "",
        "public_title": report.public_title,
        "public_answer": report.public_answer,
        "forwarded_to": report.forwarded_to,
        "new_status": "",
        "status_note": "",
        "internal_note": "",
    }
    if report.publish_result:
        data["publish_result"] = "on"
    data.update(overrides)
    return data


def test_queue_lists_only_the_users_ward(client, ward):
    mine = make_report(ward)
    theirs = make_report(other_ward())
    client.force_login(handler(ward))
    html = client.get(reverse("feedback_report:index")).content.decode()
    assert mine.code in html
    assert theirs.code not in html
    assert client.get(reverse("feedback_report:edit", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("feedback_report:personal", args=[theirs.pk])).status_code == 404


def test_queue_shows_no_contact_details(client, ward):
    make_report(ward)
    client.force_login(handler(ward))
    html = client.get(reverse("feedback_report:index")).content.decode()
    assert "Đỗ Văn Riêng" not in html and "0988777666" not in html


def test_overdue_filter_and_flag(client, ward):
    late = make_report(ward)
    FeedbackReport.objects.filter(pk=late.pk).update(
        due_at=timezone.now() - datetime.timedelta(hours=1)
    )
    on_time = make_report(ward)
    client.force_login(handler(ward))
    html = client.get(reverse("feedback_report:index") + "?tinh_trang=qua-han").content.decode()
    assert late.code in html
    assert on_time.code not in html
    assert "Quá hạn" in html


def test_pausing_needs_a_reason_and_the_pause_does_not_count(client, ward):
    report = make_report(ward, received_at=timezone.now() - datetime.timedelta(days=3))
    client.force_login(handler(ward))
    url = reverse("feedback_report:edit", args=[report.pk])
    response = client.post(url, edit_data(report, new_status=Status.PAUSED))
    assert response.status_code == 200
    assert "Cần ghi lý do" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.RECEIVED

    due_before = report.due_at
    response = client.post(
        url, edit_data(report, new_status=Status.PAUSED, status_note="Chờ công ty thoát nước.")
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.PAUSED
    assert not report.is_overdue
    # Say the pause began an hour after receipt; resuming now moves the due date back by the
    # working time spent paused.
    entry = report.history.get(status=Status.PAUSED)
    entry.created_at = report.received_at + datetime.timedelta(hours=1)
    entry.save()
    report.change_status(Status.IN_PROGRESS)
    resumed = report.history.get(status=Status.IN_PROGRESS)
    assert report.due_at > due_before
    assert report.due_at == report.compute_due_at([(entry.created_at, resumed.created_at)])


def test_rejecting_needs_a_reason_and_forwarding_needs_an_agency(client, ward):
    report = make_report(ward)
    client.force_login(handler(ward))
    url = reverse("feedback_report:edit", args=[report.pk])
    response = client.post(
        url, edit_data(report, new_status=Status.FORWARDED, status_note="Ngoài thẩm quyền.")
    )
    assert "Cần ghi tên cơ quan" in response.content.decode()
    response = client.post(
        url,
        edit_data(
            report,
            new_status=Status.FORWARDED,
            status_note="Ngoài thẩm quyền.",
            forwarded_to="Công ty Thoát nước Hà Nội",
        ),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.FORWARDED
    assert report.closed_at is not None


def test_internal_notes_stay_internal_and_the_public_answer_is_public(client, ward):
    report = make_report(ward)
    staff = handler(ward)
    client.force_login(staff)
    response = client.post(
        reverse("feedback_report:edit", args=[report.pk]),
        edit_data(
            report,
            new_status=Status.RESOLVED,
            status_note="Đã nạo vét cống.",
            public_title="Cống tắc ở tổ 1",
            public_answer="Phường đã nạo vét toàn tuyến cống.",
            publish_result="on",
            internal_note="Nhà thầu hẹn làm lại phần nắp — NỘI BỘ.",
            after_photos=[upload(jpeg_bytes(gps=True))],
            publish_after_photos="on",
        ),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.notes.get().author == staff
    assert report.photos.get().kind == FeedbackPhoto.Kind.AFTER
    client.logout()
    status_page = client.get(f"/phan-anh-kien-nghi/tra-cuu/{report.code}/").content.decode()
    assert "Phường đã nạo vét toàn tuyến cống." in status_page
    assert "Đã nạo vét cống." in status_page
    assert "NỘI BỘ" not in status_page
    assert staff.username not in status_page
    results = client.get("/phan-anh-kien-nghi/ket-qua/").content.decode()
    assert "Cống tắc ở tổ 1" in results
    assert "/phan-anh-kien-nghi/anh/" in results
    feed = client.get("/phan-anh-kien-nghi/ket-qua/rss/")
    assert feed["Content-Type"].startswith("application/rss+xml")
    assert "Cống tắc ở tổ 1" in feed.content.decode()
    # Results are public, the tracking code stays the reporter's.
    assert report.code not in results and report.code not in feed.content.decode()


def test_unpublished_results_stay_off_the_results_page(client, ward):
    report = make_report(ward, public_title="Không đăng")
    report.change_status(Status.RESOLVED, note="Xong.")
    assert "Không đăng" not in client.get("/phan-anh-kien-nghi/ket-qua/").content.decode()
    assert "Không đăng" not in client.get("/phan-anh-kien-nghi/ket-qua/rss/").content.decode()


def test_every_opening_of_personal_data_is_logged(client, ward):
    """Row 24 of section (b) of the reliability checklist."""
    report = make_report(ward)
    staff = handler(ward)
    client.force_login(staff)
    url = reverse("feedback_report:personal", args=[report.pk])
    for _ in range(2):
        response = client.get(url)
        assert "0988777666" in response.content.decode()
    entries = ModelLogEntry.objects.filter(action="feedback.view_personal_data")
    assert entries.count() == 2
    assert {e.user_id for e in entries} == {staff.pk}
    assert entries.first().object_id == str(report.pk)


def test_staff_without_the_personal_data_right_cannot_open_it(client, ward):
    report = make_report(ward)
    client.force_login(handler(ward, personal=False))
    refused = client.get(reverse("feedback_report:personal", args=[report.pk]))
    # Wagtail answers a refused admin view with a redirect to the dashboard.
    assert refused.status_code == 302 and refused.url.rstrip("/").endswith("/admin")
    edit = client.get(reverse("feedback_report:edit", args=[report.pk])).content.decode()
    assert "0988777666" not in edit
    assert ModelLogEntry.objects.filter(action="feedback.view_personal_data").count() == 0


def test_a_deletion_request_removes_the_personal_data(client, ward):
    """Row 23 of section (b) of the reliability checklist."""
    report = make_report(ward, address="Số 5 ngõ Riêng")
    report.notes.create(text="Đã gọi cho ông Riêng.")
    client.force_login(handler(ward))
    response = client.post(
        reverse("feedback_report:personal", args=[report.pk]), {"action": "anonymise"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.contact_name == report.contact_phone == report.address == ""
    assert report.anonymised_at is not None
    assert "Riêng" not in report.notes.get().text
    assert ModelLogEntry.objects.filter(action="feedback.anonymise").count() == 1


def test_retention_job_anonymises_closed_reports_after_the_period(ward, settings):
    """Row 23 of section (b) of the reliability checklist."""
    from django.core.management import call_command

    settings.FEEDBACK_RETENTION_DAYS = 30
    old = make_report(ward)
    old.change_status(Status.RESOLVED, note="Xong.")
    FeedbackReport.objects.filter(pk=old.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=31)
    )
    recent = make_report(ward)
    recent.change_status(Status.RESOLVED, note="Xong.")
    still_open = make_report(ward)
    call_command("anonymise_feedback", stdout=open("/dev/null", "w"))  # noqa: SIM115
    old.refresh_from_db()
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert old.contact_phone == "" and old.anonymised_at
    assert recent.contact_phone == "0988777666"
    assert still_open.contact_phone == "0988777666"


def test_making_a_report_urgent_shortens_its_deadline(client, ward):
    report = make_report(ward)
    client.force_login(handler(ward))
    response = client.post(
        reverse("feedback_report:edit", args=[report.pk]), edit_data(report, urgency="khan")
    )
    assert response.status_code == 302
    before = report.due_at
    report.refresh_from_db()
    assert report.due_at == report.compute_due_at()
    assert report.due_at < before


def test_late_reports_appear_on_the_admin_home(client, ward):
    late = make_report(ward)
    FeedbackReport.objects.filter(pk=late.pk).update(
        due_at=timezone.now() - datetime.timedelta(hours=2)
    )
    client.force_login(handler(ward))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Phản ánh quá hạn xử lý (1)" in html
    assert late.code in html


def test_assignment_offers_role_groups_and_this_wards_field_groups_only(client, ward):
    from django.contrib.auth.models import Group

    Group.objects.create(name="Phường Thử Nghiệm · Chuyên môn – Trật tự đô thị")
    Group.objects.create(name="Xã Khác · Chuyên môn – Trật tự đô thị")
    report = make_report(ward)
    client.force_login(handler(ward))
    html = client.get(reverse("feedback_report:edit", args=[report.pk])).content.decode()
    assert "Phường Thử Nghiệm · Chuyên môn – Trật tự đô thị" in html
    assert "Xã Khác · Chuyên môn" not in html


def test_staff_make_a_photo_public_and_private_again(client, ward, photo_root):
    from feedback.photos import clean_photo

    report, _ = create_report(
        site=ward,
        token="",
        photos=[clean_photo(upload(jpeg_bytes()))],
        category=feedback_helpers.category(),
        description="Có ảnh lộ biển số xe.",
    )
    photo = report.photos.get()
    url = f"/phan-anh-kien-nghi/anh/{photo.name}"
    assert client.get(url).status_code == 404  # private until staff choose it
    staff = handler(ward)
    client.force_login(staff)
    edit = reverse("feedback_report:edit", args=[report.pk])
    assert 'name="public_photos"' in client.get(edit).content.decode()
    assert client.post(edit, edit_data(report, public_photos=[photo.pk])).status_code == 302
    photo.refresh_from_db()
    assert photo.is_public
    client.logout()
    assert client.get(url).status_code == 200
    status = client.get(f"/phan-anh-kien-nghi/tra-cuu/{report.code}/").content.decode()
    assert photo.name[:-4] in status
    client.force_login(staff)
    assert client.post(edit, edit_data(report)).status_code == 302
    photo.refresh_from_db()
    assert not photo.is_public
    client.logout()
    assert client.get(url).status_code == 404
    status = client.get(f"/phan-anh-kien-nghi/tra-cuu/{report.code}/").content.decode()
    assert photo.name[:-4] not in status
    actions = ModelLogEntry.objects.filter(action__startswith="feedback.photo_")
    assert list(actions.order_by("timestamp").values_list("action", "user_id")) == [
        ("feedback.photo_public", staff.pk),
        ("feedback.photo_private", staff.pk),
    ]


def test_row_7_fields_a_member_of_staff_may_not_set_stay_unchanged(client, ward):
    """Row 7 of section (b) of the reliability checklist (pages: test_workflow's
    test_row_7_a_crafted_post_cannot_set_live_owner_or_lock): a handler of reports who may not
    see personal data posts, beside the form's own fields, the report's ``status`` (only
    ``new_status`` with its reasons may change it), its personal data, its ward, its code and
    another ward's group. Nothing of it is stored; a member of staff who may only read
    reports can change nothing at all."""
    from django.contrib.auth.models import Group

    theirs = Group.objects.create(name="Xã Khác · Chuyên môn – Trật tự đô thị")
    other = other_ward()
    report = make_report(ward)
    before = FeedbackReport.objects.filter(pk=report.pk).values().get()
    url = reverse("feedback_report:edit", args=[report.pk])
    client.force_login(handler(ward, personal=False))
    crafted = {
        "status": Status.RESOLVED,
        "contact_name": "Người Khác",
        "contact_phone": "0900000000",
        "description": "Nội dung bị sửa",
        "site": other.pk,
        "code": "PA-2222-2222",
        "consent_version": "gia-mao",
        "notified_at": "2020-01-01 00:00",
        "anonymised_at": "2020-01-01 00:00",
    }
    # The post is saved (its one allowed change, the public title, is kept): the rest ignored.
    saved = client.post(url, edit_data(report, public_title="Cống tắc", **crafted))
    assert saved.status_code == 302
    refused = client.post(url, edit_data(report, assigned_group=theirs.pk))
    assert refused.status_code == 200 and "assigned_group" in refused.context["form"].errors
    after = FeedbackReport.objects.filter(pk=report.pk).values().get()
    changed = {key for key in before if before[key] != after[key]}
    assert changed == {"public_title", "updated_at"}
    assert report.history.count() == 1

    reader = handler(ward, username="chi-xem", email="xem@example.gov.vn")
    reader.groups.first().permissions.remove(
        *reader.groups.first().permissions.filter(codename="change_feedbackreport")
    )
    client.force_login(reader)
    client.post(url, edit_data(report, new_status=Status.IN_PROGRESS, public_title="Sửa"))
    report.refresh_from_db()
    assert report.status == Status.RECEIVED and report.public_title == "Cống tắc"


XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_row_2_citizen_and_staff_text_is_escaped_wherever_it_is_shown(
    client, ward, django_capture_on_commit_callbacks
):
    """Row 2 of section (b) of the reliability checklist: a payload in every text field the
    citizen fills in (name, address, description) and that staff write for the public (title,
    answer, status note) is text, never markup, on the staff queue, the staff detail, the
    personal-data page, the public status page, the results page, the result's own page and
    the RSS feed; the e-mails are plain text only."""
    from django.core import mail

    from tests.feedback_helpers import FORM_URL, form_data

    data = form_data(
        contact_name=f"Tên {XSS}",
        contact_email="nguoidan@example.com",
        notify=["email"],
        address=f"Ngõ {XSS}",
        description=f"Mô tả {XSS}",
    )
    assert client.post(FORM_URL, data).status_code == 302
    report = FeedbackReport.objects.get()
    client.force_login(handler(ward))
    edit = reverse("feedback_report:edit", args=[report.pk])
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(
            edit,
            edit_data(
                report,
                public_title=f"Tiêu đề {XSS}",
                public_answer=f"Trả lời {XSS}",
                publish_result="on",
                new_status=Status.RESOLVED,
                status_note=f"Ghi chú {XSS}",
                internal_note=f"Nội bộ {XSS}",
            ),
        )
    assert saved.status_code == 302
    report.refresh_from_db()
    assert report.publish_result and XSS in report.public_answer  # stored as written
    staff_pages = [
        reverse("feedback_report:index"),
        edit,
        reverse("feedback_report:personal", args=[report.pk]),
    ]
    pages = {url: client.get(url) for url in staff_pages}
    client.logout()
    feedback = "/phan-anh-kien-nghi/"
    for url in (
        f"{feedback}tra-cuu/{report.code}/",
        f"{feedback}ket-qua/",
        f"{feedback}ket-qua/{report.pk}/",
        f"{feedback}ket-qua/rss/",
    ):
        pages[url] = client.get(url)
    for url, response in pages.items():
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "<script>alert(1)" not in body, url
        assert "<img src=x onerror" not in body, url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[edit].content.decode()
    assert "Trả lời &lt;script&gt;" in pages[f"{feedback}ket-qua/{report.pk}/"].content.decode()
    assert mail.outbox
    assert all(not message.alternatives for message in mail.outbox)
