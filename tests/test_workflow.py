"""The five-step editorial workflow, driven through the admin as a browser would post it."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Site, TaskState, Workflow, WorkflowState
from wagtail.signals import task_submitted, workflow_approved

from content.models import (
    ChangeNote,
    ChecklistIncomplete,
    Notification,
    ReviewReminder,
    SectionPage,
    StaffProfile,
    StandardPage,
)
from content.reviews import send_review_reminders
from content.wards import setup_ward
from tests.factories import ward_site
from tests.workflow_helpers import fresh, post_add, post_edit, post_workflow_action, user

COMPLETE = {
    "search_description": "Mô tả khi chia sẻ.",
    "source_reference": "Thông báo số 1/TB-UBND",
    "contact_point": "Văn phòng UBND phường",
    "tags": "y tế",
}


def page_at(slug):
    return StandardPage.objects.get(slug=slug)


def current_task(page):
    state = fresh(page).current_workflow_state
    return state.current_task_state.task.name if state and state.current_task_state else None


def submit_new(client, parent, slug, author="chuyenmon", **fields):
    client.force_login(user(author))
    response = post_add(client, parent, action="submit", slug=slug, title=f"Trang {slug}", **fields)
    assert response.status_code == 302, response.context["form"].errors
    return StandardPage.objects.get(slug=slug)


def approve(client, page, username):
    client.force_login(user(username))
    return post_workflow_action(client, page, "approve")


@pytest.fixture
def society(demo_ward):
    return SectionPage.objects.get(slug="van-hoa-xa-hoi")


def test_a_page_goes_draft_review_approve_publish_with_every_step_logged(client, society):
    page = submit_new(client, society, "lich-kham", **COMPLETE)
    assert current_task(page) == "Bước 2 – Thẩm định" and not fresh(page).live

    approve(client, page, "tuphap")
    assert current_task(page) == "Bước 3 – Phê duyệt"
    approve(client, page, "lanhdao")
    assert current_task(page) == "Bước 4 – Đăng tải"
    approve(client, page, "quantri")

    assert fresh(page).live
    actions = list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )
    assert [
        a for a in actions if a[0].startswith("wagtail.workflow") or a[0] == "wagtail.publish"
    ] == [
        ("wagtail.workflow.start", "chuyenmon"),
        ("wagtail.workflow.approve", "tuphap"),
        ("wagtail.workflow.approve", "lanhdao"),
        ("wagtail.workflow.approve", "quantri"),
        ("wagtail.publish", "quantri"),
    ]


def test_specialist_cannot_publish_by_button_crafted_post_or_schedule(client, society):
    client.force_login(user("chuyenmon"))
    page = page_at("ke-hoach-kham-suc-khoe-nguoi-cao-tuoi-2027")
    post_edit(client, page, action="publish")
    assert not fresh(page).live
    future = (timezone.now() + datetime.timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M")
    post_edit(client, page, action="publish", go_live_at=future)
    assert not fresh(page).live
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'name="action-publish"' not in html


def test_specialist_cannot_publish_through_bulk_actions(client, society):
    client.force_login(user("chuyenmon"))
    page = page_at("ke-hoach-kham-suc-khoe-nguoi-cao-tuoi-2027")
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"
    client.post(url, {"include_descendants": "false"})
    assert not fresh(page).live


def test_legal_cannot_approve_the_leaders_step(client, society):
    """Row 8 (in part) of section (b) of the reliability checklist."""
    page = page_at("ho-tro-tien-dien-ho-ngheo")
    assert current_task(page) == "Bước 3 – Phê duyệt"
    approve(client, page, "tuphap")
    assert current_task(page) == "Bước 3 – Phê duyệt"
    task_state = fresh(page).current_workflow_state.current_task_state
    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, user("tuphap"), "approve")


def test_portal_admin_cannot_publish_a_page_whose_checklist_fails(client, society):
    page = page_at("diem-tiem-chung-dich-vu")
    assert current_task(page) == "Bước 4 – Đăng tải"
    approve(client, page, "quantri")
    assert not fresh(page).live
    task_state = fresh(page).current_workflow_state.current_task_state
    with pytest.raises(ChecklistIncomplete) as refused:
        task_state.task.specific.on_action(task_state, user("quantri"), "approve")
    assert refused.value.missing == [
        "Mô tả meta, hiện khi chia sẻ (tab Quảng bá)",
        "Thẻ chủ đề (tab Quảng bá)",
    ]
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Còn thiếu</strong>" in html or "✘ Còn thiếu" in html


def test_portal_admin_completes_the_checklist_then_publishes(client, society):
    page = page_at("diem-tiem-chung-dich-vu")
    client.force_login(user("quantri"))
    post_edit(client, page, tags="y tế, tiêm chủng", search_description="Danh sách chính thức.")
    assert current_task(page) == "Bước 4 – Đăng tải"
    approve(client, page, "quantri")
    assert fresh(page).live


def test_a_specialist_of_one_field_cannot_edit_another_fields_section(client, society):
    client.force_login(user("chuyenmon"))
    business_page = StandardPage.objects.get(slug="dang-ky-ho-kinh-doanh")
    response = client.get(reverse("wagtailadmin_pages:edit", args=[business_page.pk]))
    assert response.status_code in (302, 403)
    post_edit(client, business_page, title="Sửa trái phép")
    assert fresh(business_page).get_latest_revision_as_object().title != "Sửa trái phép"
    business = SectionPage.objects.get(slug="doanh-nghiep")
    response = post_add(client, business, slug="trai-phep")
    assert not StandardPage.objects.filter(slug="trai-phep").exists()


def test_nobody_approves_their_own_submission(client, society):
    page = submit_new(client, society, "tu-duyet", author="quantri", **COMPLETE)
    approve(client, page, "tuphap")
    approve(client, page, "lanhdao")
    assert current_task(page) == "Bước 4 – Đăng tải"
    approve(client, page, "quantri")
    assert not fresh(page).live
    assert current_task(page) == "Bước 4 – Đăng tải"


def test_an_edit_after_approval_sends_the_page_back_through_review(client, society):
    page = page_at("ho-tro-tien-dien-ho-ngheo")
    assert current_task(page) == "Bước 3 – Phê duyệt"
    client.force_login(user("lanhdao"))
    post_edit(client, page, intro="Tóm tắt đã sửa sau khi thẩm định.")
    # The legal review done before the edit no longer counts.
    assert current_task(page) == "Bước 2 – Thẩm định"
    assert fresh(page).current_workflow_state.requested_by == user("chuyenmon")


def test_tags_and_seo_set_at_step_four_need_no_new_review(client, society):
    page = page_at("tiem-bo-sung-vac-xin-soi-rubella")
    client.force_login(user("quantri"))
    post_edit(client, page, tags="y tế, tiêm chủng, trẻ em", search_description="Tiêm miễn phí.")
    assert current_task(page) == "Bước 4 – Đăng tải"


def test_the_author_cannot_change_a_page_while_it_is_under_review(client, society):
    page = page_at("phun-thuoc-diet-muoi-dot-1-thang-12")
    before = fresh(page).latest_revision_id
    client.force_login(user("chuyenmon"))
    post_edit(client, page, intro="Sửa khi đang thẩm định.")
    assert fresh(page).latest_revision_id == before


def test_reviewers_of_another_ward_cannot_approve(client, society):
    other_site = ward_site("Xã Minh Phú", slug="xa-minh-phu", hostname="minhphu.example")
    outsider = user("tuphap").__class__.objects.create_user("tuphap2", password="x-password-12")
    outsider.groups.add(*user("tuphap").groups.all())
    StaffProfile.objects.create(user=outsider, site=other_site)
    page = page_at("phun-thuoc-diet-muoi-dot-1-thang-12")
    client.force_login(outsider)
    post_edit(client, page, workflow_action="approve")
    assert current_task(page) == "Bước 2 – Thẩm định"


def test_consulted_and_informed_groups_are_told_by_email_after_commit(
    client, society, django_capture_on_commit_callbacks
):
    """Row 9 (the notices) of section (b) of the reliability checklist: every notice and
    e-mail of a step goes to the step's RACI groups and nobody else."""
    page = page_at("phun-thuoc-diet-muoi-dot-1-thang-12")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approve(client, page, "tuphap")
    # Step 2 RACI: Consulted = Chuyên môn, Informed = Quản trị Cổng; approvers of step 3 too.
    told = {
        n.recipient.username
        for n in Notification.objects.filter(page=page, message__contains="đã qua Bước 2")
    }
    assert told == {"chuyenmon", "quantri"}
    waiting = {
        n.recipient.username
        for n in Notification.objects.filter(page=page, message__contains="chờ bạn ở Bước 3")
    }
    assert waiting == {"lanhdao"}
    # Row 9 of section (b) of the reliability checklist: the mail goes to these groups only.
    recipients = {
        address for message in mail.outbox for address in message.to + message.cc + message.bcc
    }
    assert recipients == {
        "chuyenmon@example.gov.vn",
        "quantri@example.gov.vn",
        "lanhdao@example.gov.vn",
    }


def test_wagtails_own_workflow_emails_are_replaced():
    from wagtail.admin.mail import (
        BaseWorkflowStateEmailNotifier,
        GroupApprovalTaskStateSubmissionEmailNotifier,
    )

    for signal in (task_submitted, workflow_approved):
        for receiver in signal._live_receivers(
            TaskState if signal is task_submitted else WorkflowState
        )[0]:
            assert not isinstance(
                receiver,
                (BaseWorkflowStateEmailNotifier, GroupApprovalTaskStateSubmissionEmailNotifier),
            )


def test_emergency_notices_need_only_a_leaders_approval_and_inform_portal_admins(client, society):
    emergency = SectionPage.objects.get(slug="thong-bao-khan-cap")
    page = submit_new(client, emergency, "ngap-ung", **COMPLETE)
    assert current_task(page) == "Khẩn cấp – Lãnh đạo duyệt"
    approve(client, page, "lanhdao")
    assert fresh(page).live
    assert Notification.objects.filter(page=page, recipient__username="quantri").exists()


def test_republishing_needs_a_change_note_shown_publicly_without_names(client, society):
    page = StandardPage.objects.get(slug="lich-tiem-chung-mo-rong")
    client.force_login(user("chuyenmon"))
    response = post_edit(client, page, action="submit")
    assert response.status_code == 200
    assert "hãy ghi ngắn gọn nội dung thay đổi" in response.content.decode()

    post_edit(
        client,
        page,
        action="submit",
        change_note="Đổi giờ tiêm sang 7:00.",
        is_correction="on",
        **COMPLETE,
    )
    for username in ("tuphap", "lanhdao", "quantri"):
        approve(client, page, username)
    note = ChangeNote.objects.get(page=page, text="Đổi giờ tiêm sang 7:00.")
    assert note.is_correction
    html = client.get(page.url).content.decode()
    assert "Đổi giờ tiêm sang 7:00." in html and "Đính chính." in html
    for name in ("chuyenmon", "tuphap", "lanhdao", "quantri", "Chuyên viên", "Phó Chủ tịch"):
        assert name not in html


def test_superseded_page_points_to_its_replacement(client, society):
    old = StandardPage.objects.get(slug="lich-tiem-chung-mo-rong")
    new = StandardPage.objects.get(slug="thong-bao-lich-tiep-cong-dan")
    StandardPage.objects.filter(pk=old.pk).update(superseded_by=new)
    html = client.get(old.url).content.decode()
    assert "Nội dung này không còn hiệu lực." in html
    assert f'href="{new.url}"' in html


def test_review_reminders_are_sent_once_per_page_per_period(society, settings):
    settings.REVIEW_REMINDER_PERIOD_DAYS = 7
    overdue = StandardPage.objects.get(slug="thong-bao-lich-tiep-cong-dan")
    assert overdue.owner_group is not None
    today = timezone.localdate()
    first = send_review_reminders(today=today)
    again = send_review_reminders(today=today)
    assert [p.pk for p in first] == [overdue.pk] and again == []
    assert ReviewReminder.objects.filter(page=overdue).count() == 1
    later = send_review_reminders(today=today + datetime.timedelta(days=7))
    assert [p.pk for p in later] == [overdue.pk]
    assert ReviewReminder.objects.filter(page=overdue).count() == 2


def test_published_pages_get_a_review_date_and_owner_group(society):
    page = StandardPage.objects.get(slug="lich-tiem-chung-mo-rong")
    assert page.review_by > timezone.localdate()
    assert page.owner_group.name.endswith("Chuyên môn – Văn hóa – xã hội")


def test_setup_ward_is_idempotent(society):
    site = Site.objects.get(is_default_site=True)
    before = (
        Workflow.objects.count(),
        list(site.root_page.group_permissions.values_list("pk", flat=True)),
    )
    setup_ward(site)
    assert (
        Workflow.objects.count(),
        list(site.root_page.group_permissions.values_list("pk", flat=True)),
    ) == before


def test_setup_ward_gives_the_ward_every_message_text_and_keeps_its_own(client, society):
    """Issue 21: a ward's portal admin finds every status's message to citizens in «Mẫu tin
    báo», holding the default words, and setting the ward up again keeps the ward's own."""
    from feedback.models import MessageText
    from feedback.outbox import DEFAULT_TEXTS

    site = Site.objects.get(is_default_site=True)
    rows = dict(MessageText.objects.filter(site=site).values_list("status", "text"))
    assert rows == {str(status): text for status, text in DEFAULT_TEXTS.items()}
    MessageText.objects.filter(site=site, status="dang_xu_ly").update(text="Đang làm {ma}")
    MessageText.objects.filter(site=site, status="tiep_nhan").delete()
    setup_ward(site)
    rows = dict(MessageText.objects.filter(site=site).values_list("status", "text"))
    assert rows["dang_xu_ly"] == "Đang làm {ma}"
    assert rows["tiep_nhan"] == DEFAULT_TEXTS["tiep_nhan"]
    assert len(rows) == len(DEFAULT_TEXTS)
    client.force_login(user("quantri"))
    html = client.get(reverse("feedback_messagetext:index")).content.decode()
    assert "Đang làm {ma}" in html and "Phản ánh {ma} tạm dừng xử lý" in html


def test_leaders_home_shows_waiting_tasks_overdue_pages_and_notifications(client, society):
    client.force_login(user("lanhdao"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Hướng dẫn đăng ký hỗ trợ tiền điện" in html  # waiting at step 3
    assert "Trang quá hạn rà soát (1)" in html
    assert "Thông báo của bạn" in html


def test_raci_matrix_is_shown_to_every_role(client, society):
    for username in ("chuyenmon", "vanphong", "tuphap", "lanhdao", "quantri"):
        client.force_login(user(username))
        html = client.get(reverse("content_raci")).content.decode()
        assert "Thẩm định pháp lý – thể thức" in html, username


def test_reviewers_return_to_their_dashboard_after_approving(client, society):
    page = page_at("phun-thuoc-diet-muoi-dot-1-thang-12")
    client.force_login(user("tuphap"))
    response = post_workflow_action(client, page, "approve")
    assert response.url == reverse("wagtailadmin_home")
    assert client.get(response.url).status_code == 200
    # The same from the editor's own action menu.
    client.force_login(user("lanhdao"))
    response = post_edit(client, fresh(page), workflow_action="approve")
    assert response.url == reverse("wagtailadmin_home")
    assert current_task(page) == "Bước 4 – Đăng tải"


def test_page_addresses_are_vietnamese_without_diacritics(client, society):
    client.force_login(user("chuyenmon"))
    post_add(client, society, slug="đăng-ký-thông-báo-mới", title="Thông báo mới")
    assert StandardPage.objects.get(title="Thông báo mới").slug == "dang-ky-thong-bao-moi"


def test_row_7_a_crafted_post_cannot_set_live_owner_or_lock(client, society):
    """Row 7 of section (b) of the reliability checklist (reports:
    tests/test_feedback_admin.py::test_row_7_fields_a_member_of_staff_may_not_set_stay_unchanged):
    the page editor's form has no ``live``, ``owner``, ``locked`` or publication dates; posted
    anyway by a specialist, they change nothing."""
    page = page_at("ke-hoach-kham-suc-khoe-nguoi-cao-tuoi-2027")
    before = StandardPage.objects.filter(pk=page.pk).values(
        "live", "owner_id", "locked", "first_published_at", "has_unpublished_changes"
    )[0]
    client.force_login(user("chuyenmon"))
    post_edit(
        client,
        page,
        live="on",
        owner=user("quantri").pk,
        locked="on",
        locked_by=user("quantri").pk,
        first_published_at="2020-01-01 00:00",
    )
    after = StandardPage.objects.filter(pk=page.pk).values(*before)[0]
    assert {k: v for k, v in after.items() if k != "has_unpublished_changes"} == {
        k: v for k, v in before.items() if k != "has_unpublished_changes"
    }
    assert not fresh(page).live


def test_row_8_a_step_that_is_not_current_cannot_be_approved(client, society):
    """Row 8 of section (b) of the reliability checklist, with
    test_legal_cannot_approve_the_leaders_step (a non-member of the current step),
    test_portal_admin_cannot_publish_a_page_whose_checklist_fails (step 4 without its
    checklist) and test_reviewers_of_another_ward_cannot_approve: step 2's task, already
    approved, approved again by its own reviewer does not move the page on; the leader cannot
    approve step 2 for the legal reviewer."""
    page = page_at("ho-tro-tien-dien-ho-ngheo")
    assert current_task(page) == "Bước 3 – Phê duyệt"
    state = fresh(page).current_workflow_state
    done = state.task_states.filter(task__name="Bước 2 – Thẩm định").order_by("-started_at").first()
    assert done is not None and done.status == TaskState.STATUS_APPROVED
    approvals = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").count()
    client.force_login(user("tuphap"))
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", done.pk])
    client.post(url, {"comment": ""})
    assert current_task(page) == "Bước 3 – Phê duyệt" and not fresh(page).live
    assert (
        PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").count()
        == approvals
    )

    at_step_2 = page_at("phun-thuoc-diet-muoi-dot-1-thang-12")
    assert current_task(at_step_2) == "Bước 2 – Thẩm định"
    approve(client, at_step_2, "lanhdao")
    assert current_task(at_step_2) == "Bước 2 – Thẩm định"


def test_row_3_a_title_with_markup_is_escaped_in_every_workflow_message(
    client, society, django_capture_on_commit_callbacks
):
    """Row 3 of section (b) of the reliability checklist (the first half; the second:
    test_row_3_a_javascript_link_is_refused_by_our_blocks). A drafter's page title carrying
    markup reaches Wagtail's flash messages, our notices on the admin home and the e-mails;
    everywhere it is text, never markup."""
    payload = '<img src=x onerror="alert(1)">'
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(user("chuyenmon"))
        response = post_add(
            client,
            society,
            action="submit",
            slug="tieu-de-xau",
            title=f"Lịch {payload}",
            **COMPLETE,
        )
        assert response.status_code == 302
        pages = [client.get(response["Location"]).content.decode()]
        page = StandardPage.objects.get(slug="tieu-de-xau")
        approve(client, page, "tuphap")
        pages.append(
            client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        )
    for username in ("tuphap", "lanhdao", "quantri", "chuyenmon"):
        client.force_login(user(username))
        pages.append(client.get(reverse("wagtailadmin_home")).content.decode())
    assert Notification.objects.filter(message__contains=payload).exists()  # stored as typed
    for html in pages:
        assert "<img src=x onerror" not in html
        assert 'onerror="alert' not in html
    assert any("&lt;img src=x onerror=" in html for html in pages)
    assert mail.outbox  # plain-text mails: the title as text
    for message in mail.outbox:
        assert not message.alternatives or all(
            payload not in body for body, _ in message.alternatives
        )


def test_row_3_a_javascript_link_is_refused_by_our_blocks():
    """Row 3 of section (b) of the reliability checklist (the second half): a ``javascript:``
    link in a rich-text block is dropped when the editor's content is stored, and our URL
    blocks and fields refuse it."""
    import json

    from django.core.exceptions import ValidationError
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    from content.blocks import BodyBlock
    from society.models.emergency import EmergencyNoticePage

    features = BodyBlock.base_blocks["paragraph"].features
    contentstate = {
        "blocks": [
            {
                "key": "a",
                "type": "unstyled",
                "text": "bấm vào đây",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 11, "key": 0}],
            }
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}
        },
    }
    stored = ContentstateConverter(features).to_database_format(json.dumps(contentstate))
    assert "bấm vào đây" in stored
    assert "javascript" not in stored.lower()
    from content.models.settings import WardSettings
    from society.models.emergency import ReliefPointBlock

    with pytest.raises(ValidationError):
        ReliefPointBlock().child_blocks["map_url"].clean("javascript:alert(1)")
    fields = [EmergencyNoticePage._meta.get_field("map_url")] + [
        field for field in WardSettings._meta.get_fields() if field.name.endswith("_url")
    ]
    assert len(fields) > 3
    for field in fields:
        with pytest.raises(ValidationError):
            field.clean("javascript:alert(1)", None)
