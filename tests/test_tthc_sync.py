"""The catalogue sync against a real HTTP server on 127.0.0.1 (docs/integrations.md)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision, WorkflowState

from content.models import SyncRun
from tests.catalogue_items import item, many
from tests.upstream_server import UpstreamServer
from tests.workflow_helpers import user
from tthc import sync
from tthc.models import Procedure, ProcedureIndexPage, ProcedurePage, ProcedureVersion

pytestmark = pytest.mark.django_db

FAST = {"timeout": 2, "retries": 0, "backoff": 0}


@pytest.fixture
def upstream():
    with UpstreamServer() as server:
        yield server


@pytest.fixture
def ward(demo_ward):
    return ProcedureIndexPage.objects.get()


def state():
    """What the sync may write, counted: to prove that a refused run wrote nothing."""
    return (
        Procedure.objects.count(),
        ProcedureVersion.objects.count(),
        ProcedurePage.objects.count(),
        Revision.objects.count(),
        WorkflowState.objects.count(),
        list(Procedure.objects.values_list("code", "in_force", "current_id")),
    )


def in_workflow():
    """Workflows in progress on procedure pages."""
    ids = [str(pk) for pk in ProcedurePage.objects.values_list("pk", flat=True)]
    return WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS, object_id__in=ids)


def page_of(code):
    return ProcedurePage.objects.get(procedure__code=code)


def publish_with_ward_content(page):
    """What a ward does once: write its guidance and publish."""
    page = page.get_latest_revision_as_object()
    page.title = "Làm giấy khai sinh cho con"
    page.intro = "Đăng ký khai sinh cho trẻ trong 60 ngày kể từ ngày sinh, miễn lệ phí."
    page.search_description = page.intro
    page.guidance = [{"type": "paragraph", "value": "<p>Mang theo giấy chứng sinh.</p>"}]
    page.save_revision().publish(skip_permission_checks=True)
    for state_ in in_workflow():
        state_.cancel()
    return ProcedurePage.objects.get(pk=page.pk)


def approve_all_steps(page):
    for username in ["tuphap", "lanhdao", "quantri"]:
        task_state = ProcedurePage.objects.get(pk=page.pk).current_workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, user(username), "approve")


def test_first_run_creates_pages_sent_to_the_workflow(upstream, ward):
    upstream.serve(many(5))
    run = sync.sync_from_url(upstream.url, **FAST)
    assert run.status == SyncRun.Status.SUCCESS
    assert run.counts() == {
        "created": 5,
        "changed": 0,
        "unchanged": 0,
        "rejected": 0,
        "withdrawn": 0,
    }
    pages = ProcedurePage.objects.child_of(ward)
    assert pages.count() == 5
    # New procedures wait for the ward's legal review, not published behind its back.
    assert not pages.filter(live=True).exists()
    first = pages.get(procedure__code="1.000001")
    assert first.current_workflow_task.name == "Bước 2 – Thẩm định"
    assert first.slug == "thu-tuc-mau-so-1-ve-chung-thuc"


def test_publish_new_for_the_initial_load(upstream, ward):
    upstream.serve(many(3))
    sync.sync_from_url(upstream.url, publish_new=True, **FAST)
    assert ProcedurePage.objects.child_of(ward).live().count() == 3
    assert not in_workflow().exists()


def test_second_run_changes_nothing(upstream, ward):
    upstream.serve(many(4))
    sync.sync_from_url(upstream.url, **FAST)
    before = state()
    run = sync.sync_from_url(upstream.url, **FAST)
    assert run.counts()["unchanged"] == 4
    assert run.created == run.changed == run.withdrawn == 0
    assert state() == before


def test_a_new_timestamp_alone_is_no_change(upstream, ward):
    upstream.serve([item()])
    sync.sync_from_url(upstream.url, **FAST)
    before = state()
    upstream.serve([item(updated_at="2026-01-05T08:00:00+07:00")])
    assert sync.sync_from_url(upstream.url, **FAST).unchanged == 1
    assert state() == before


def test_changed_fee_becomes_a_revision_in_the_workflow_and_live_page_waits(upstream, ward, client):
    upstream.serve([item()])
    sync.sync_from_url(upstream.url, publish_new=True, **FAST)
    page = publish_with_ward_content(page_of("1.001193"))
    live_version = page.catalogue_id
    assert "Miễn phí" in client.get(page.url).content.decode()

    fee = [{"label": "Lệ phí đăng ký khai sinh quá hạn", "amount_vnd": 8000, "note": None}]
    upstream.serve([item(fees=fee)])
    run = sync.sync_from_url(upstream.url, **FAST)
    assert run.changed == 1

    page = ProcedurePage.objects.get(pk=page.pk)
    # The live page is as it was...
    assert page.catalogue_id == live_version
    html = client.get(page.url).content.decode()
    assert "8.000 đồng" not in html and "Miễn phí" in html
    # ...and the change waits at legal review, with the ward's own words untouched.
    assert page.current_workflow_task.name == "Bước 2 – Thẩm định"
    draft = page.get_latest_revision_as_object()
    assert [f["amount_vnd"] for f in draft.catalogue.fees] == [8000]
    assert draft.title == "Làm giấy khai sinh cho con"
    assert draft.guidance.raw_data[0]["value"] == "<p>Mang theo giấy chứng sinh.</p>"
    assert draft.change_note == "Cập nhật theo danh mục thủ tục quốc gia: phí, lệ phí."

    approve_all_steps(page)
    html = client.get(page.url).content.decode()
    assert "8.000 đồng" in html
    assert "Cập nhật theo danh mục thủ tục quốc gia: phí, lệ phí." in html


def test_a_change_during_review_restarts_the_review(upstream, ward):
    upstream.serve([item()])
    sync.sync_from_url(upstream.url, **FAST)
    page = page_of("1.001193")
    first_state = page.current_workflow_state
    upstream.serve([item(processing_days=3)])
    sync.sync_from_url(upstream.url, **FAST)
    first_state.refresh_from_db()
    assert first_state.status == WorkflowState.STATUS_CANCELLED
    page = ProcedurePage.objects.get(pk=page.pk)
    assert page.current_workflow_task.name == "Bước 2 – Thẩm định"
    assert page.get_latest_revision_as_object().catalogue.processing_days == 3


@pytest.mark.parametrize(
    "payload, expected",
    [
        (
            {"items": [item(), item(code="1.000894", fees="tám nghìn")]},
            "Mục 2 (mã 1.000894): «fees» sai kiểu",
        ),
        ({"items": [item(level="online")]}, "«level» phải là một trong"),
        ({"items": [{k: v for k, v in item().items() if k != "name"}]}, "thiếu trường «name»"),
        ({"items": [item(code="ABC")]}, "«code» không đúng định dạng"),
        ({"items": [item(), item()]}, "mã 1.001193 trùng với mục 1"),
        ({"items": [item(online_url=None)]}, "thiếu «online_url»"),
        ({"items": []}, "Danh mục rỗng"),
        ({"data": []}, "không có danh sách «items»"),
    ],
)
def test_malformed_payload_changes_nothing_and_is_reported(upstream, ward, payload, expected):
    """Row 28 of section (b) of the reliability checklist."""
    upstream.serve([item(), item(code="1.000894", name="Thủ tục đăng ký kết hôn")])
    sync.sync_from_url(upstream.url, **FAST)
    before = state()
    upstream.raw = json.dumps(payload).encode()
    run = sync.sync_from_url(upstream.url, **FAST)
    assert run.status == SyncRun.Status.REJECTED
    assert run.rejected >= 1
    assert expected in run.message
    assert state() == before


def test_not_json_and_http_errors_change_nothing(upstream, ward):
    upstream.serve([item()])
    sync.sync_from_url(upstream.url, **FAST)
    before = state()
    upstream.raw = b"<html>Bad gateway</html>"
    run = sync.sync_from_url(upstream.url, **FAST)
    assert (run.status, run.message) == (
        SyncRun.Status.FAILED,
        "Máy chủ nguồn trả dữ liệu không phải JSON.",
    )
    upstream.raw, upstream.status = None, 500
    run = sync.sync_from_url(upstream.url, **FAST)
    assert run.status == SyncRun.Status.FAILED and "HTTP 500" in run.message
    assert state() == before


def test_timeout_changes_nothing_and_the_command_reports_it(upstream, ward, settings):
    """Row 26 of section (b) of the reliability checklist."""
    upstream.serve([item()])
    sync.sync_from_url(upstream.url, **FAST)
    before, requests_before = state(), len(upstream.requests)
    upstream.delay = 1.5
    settings.UPSTREAM_TIMEOUT, settings.UPSTREAM_RETRIES, settings.UPSTREAM_BACKOFF = 0.5, 1, 0
    with pytest.raises(CommandError) as error:
        call_command("sync_procedures", url=upstream.url, stdout=io.StringIO())
    assert "không trả lời trong 0.5 giây" in str(error.value)
    # One try and one retry, then it gave up.
    assert len(upstream.requests) - requests_before == 2
    assert state() == before
    assert SyncRun.objects.first().status == SyncRun.Status.FAILED


def test_retries_with_backoff_then_succeeds(upstream, ward):
    """Row 26 of section (b) of the reliability checklist."""
    upstream.serve([item()])
    upstream.failures = [503, 502]
    run = sync.sync_from_url(upstream.url, timeout=2, retries=3, backoff=0)
    assert run.status == SyncRun.Status.SUCCESS
    assert len(upstream.requests) == 3


def test_follows_cursors_and_sends_the_token(upstream, ward):
    upstream.serve(many(7), page_size=3)
    run = sync.sync_from_url(upstream.url, token="khoa-bi-mat", **FAST)
    assert run.created == 7
    assert [r["path"].split("?")[-1] for r in upstream.requests] == [
        "/api/v1/thu-tuc",
        "cursor=trang-1",
        "cursor=trang-2",
    ]
    assert upstream.requests[0]["headers"]["Authorization"] == "Bearer khoa-bi-mat"
    assert "khoa-bi-mat" not in run.origin


def test_dropped_procedure_is_marked_not_in_force_never_deleted(upstream, ward, client):
    upstream.serve([item(), item(code="1.000894", name="Thủ tục đăng ký kết hôn")])
    sync.sync_from_url(upstream.url, publish_new=True, **FAST)
    upstream.serve([item()])
    run = sync.sync_from_url(upstream.url, **FAST)
    assert run.withdrawn == 1
    procedure = Procedure.objects.get(code="1.000894")
    assert not procedure.in_force and procedure.withdrawn_at
    page = page_of("1.000894")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Thủ tục này không còn hiệu lực" in response.content.decode()
    assert "Nộp hồ sơ trực tuyến" not in response.content.decode()
    index = client.get(ward.url).content.decode()
    assert "Thủ tục đăng ký kết hôn" not in index
    # Back in the catalogue, back in force.
    upstream.serve([item(), item(code="1.000894", name="Thủ tục đăng ký kết hôn")])
    assert sync.sync_from_url(upstream.url, **FAST).changed == 1
    assert Procedure.objects.get(code="1.000894").in_force


def test_row28_a_truncated_feed_withdraws_nothing_until_a_person_confirms(upstream, ward, client):
    """Issue 23: a valid feed of 5 items where the catalogue has 41 marked 36 procedures not
    in force in one run. Now the run writes nothing and says «Dữ liệu bị từ chối»."""
    from django.test import override_settings
    from django.urls import reverse

    from tthc.tasks import sync_procedures

    upstream.serve(many(41))
    good = sync.sync_from_url(upstream.url, publish_new=True, **FAST)
    before = state()
    upstream.serve(many(5))
    run = sync.sync_from_url(upstream.url, **FAST)
    assert run.status == SyncRun.Status.REJECTED
    assert run.get_status_display() == "Dữ liệu bị từ chối"
    assert "Nguồn chỉ gửi 5 thủ tục" in run.message and "36 trong 41" in run.message
    assert "--confirm-withdrawals" in run.message
    assert state() == before and Procedure.objects.filter(in_force=True).count() == 41
    assert SyncRun.last_success(sync.SOURCE) == good
    # The command and the nightly job refuse it the same way; the job does not retry it.
    with pytest.raises(CommandError, match="Dữ liệu bị từ chối"):
        call_command("sync_procedures", url=upstream.url, stdout=io.StringIO())
    with override_settings(TTHC_CATALOGUE_URL=upstream.url):
        assert sync_procedures.delay().get().startswith("Dữ liệu bị từ chối: Nguồn chỉ gửi 5")
    assert state() == before
    # Shown where the sync's state is: the admin home of portal admins and the sync log.
    client.force_login(user("quantri"))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Đồng bộ danh mục thủ tục: Dữ liệu bị từ chối" in home
    assert "36 trong 41" in home
    log = client.get(reverse("content_syncrun:index")).content.decode()
    assert "Dữ liệu bị từ chối" in log
    # A person confirms: the withdrawals are applied, and the panel goes away.
    out = io.StringIO()
    call_command("sync_procedures", url=upstream.url, confirm_withdrawals=True, stdout=out)
    assert "36 không còn trong nguồn" in out.getvalue()
    assert Procedure.objects.filter(in_force=True).count() == 5
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Dữ liệu bị từ chối" not in home


@pytest.mark.parametrize(
    ("kept", "refused"), [(37, False), (36, True), (8, False)], ids=["10%", "over", "floor"]
)
def test_row28_withdrawals_up_to_the_share_or_the_floor_need_no_one(
    upstream, ward, settings, kept, refused
):
    settings.TTHC_SYNC_MAX_WITHDRAW_SHARE = 0.1
    settings.TTHC_SYNC_WITHDRAW_FLOOR = 3
    total = 41 if kept > 10 else 11  # 10 % of 41 is 4 procedures; of 11, the floor (3)
    upstream.serve(many(total))
    sync.sync_from_url(upstream.url, **FAST)
    upstream.serve(many(kept))
    run = sync.sync_from_url(upstream.url, **FAST)
    assert (run.status == SyncRun.Status.REJECTED) is refused
    assert Procedure.objects.filter(in_force=True).count() == (total if refused else kept)


def test_text_is_normalised_to_nfc(upstream, ward):
    import unicodedata

    upstream.serve([item(name=unicodedata.normalize("NFD", "Đăng ký khai sinh"))])
    sync.sync_from_url(upstream.url, **FAST)
    assert Procedure.objects.get().current.name == "Đăng ký khai sinh"


def test_every_run_is_logged_with_counts(upstream, ward):
    upstream.serve(many(3))
    sync.sync_from_url(upstream.url, **FAST)
    upstream.serve(many(2) + many(1, start=10))
    run = sync.sync_from_url(upstream.url, **FAST)
    assert run.summary() == "1 mới, 0 thay đổi, 2 không đổi, 0 bị từ chối, 1 không còn trong nguồn"
    assert SyncRun.objects.filter(source="tthc.catalogue").count() == 2
    assert SyncRun.last_success("tthc.catalogue") == run
    assert run.finished_at >= run.started_at


def test_two_wards_share_one_catalogue(upstream, ward):
    from wagtail.models import Page, Site

    from content.models import HomePage

    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Phường Tây Tựu", slug="tay-tuu")
    )
    Site.objects.create(hostname="taytuu.localhost", root_page=home, site_name="Phường Tây Tựu")
    home.add_child(
        instance=ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    )
    upstream.serve(many(2))
    sync.sync_from_url(upstream.url, **FAST)
    assert Procedure.objects.count() == 2
    assert ProcedurePage.objects.count() == 4
    assert ProcedureVersion.objects.count() == 2


def test_command_and_celery_task_call_the_same_sync(upstream, ward, settings):
    from tthc.tasks import sync_procedures

    upstream.serve(many(2))
    out = io.StringIO()
    call_command("sync_procedures", url=upstream.url, stdout=out)
    assert out.getvalue().strip() == (
        "Đồng bộ xong: 2 mới, 0 thay đổi, 0 không đổi, 0 bị từ chối, 0 không còn trong nguồn."
    )
    settings.TTHC_CATALOGUE_URL = upstream.url
    assert sync_procedures.delay().get() == (
        "0 mới, 0 thay đổi, 2 không đổi, 0 bị từ chối, 0 không còn trong nguồn"
    )


def test_command_without_a_source_says_what_to_set(ward, settings):
    settings.TTHC_CATALOGUE_URL = None
    with pytest.raises(CommandError, match="Chưa cấu hình TTHC_CATALOGUE_URL"):
        call_command("sync_procedures", stdout=io.StringIO())


@pytest.mark.parametrize("status", [401, 403, 404, 422])
def test_row_27_a_refused_request_is_not_retried_and_alerts(
    upstream, ward, settings, caplog, status
):
    """Row 27 of section (b) of the reliability checklist: an answer no retry can mend is
    asked once, by the client and by the nightly job, and logged at ERROR for the monitor;
    the run tells staff a person must look. Nothing is written."""
    from django.test import override_settings

    from tthc.tasks import sync_procedures

    upstream.serve([item()])
    sync.sync_from_url(upstream.url, **FAST)
    before, asked = state(), len(upstream.requests)
    upstream.status = status
    settings.UPSTREAM_RETRIES, settings.UPSTREAM_BACKOFF = 3, 0
    with override_settings(TTHC_CATALOGUE_URL=upstream.url):
        answer = sync_procedures.delay().get()
    assert len(upstream.requests) - asked == 1  # no retry, neither the client's nor the job's
    run = SyncRun.objects.filter(source=sync.SOURCE).first()
    assert run.status == SyncRun.Status.FAILED
    assert f"HTTP {status}" in run.message and "cần người kiểm tra" in run.message
    assert answer.startswith("Lỗi kết nối: Máy chủ nguồn từ chối yêu cầu")
    assert [r.levelname for r in caplog.records if r.getMessage() == "catalogue sync failed"] == [
        "ERROR"
    ]
    assert state() == before


@pytest.mark.parametrize("failure", ["http-503", "timeout"])
def test_row_27_a_passing_failure_is_retried_by_the_client_and_the_job(
    upstream, ward, settings, caplog, failure
):
    """Row 27 of section (b) of the reliability checklist: a 5xx or a timeout is retried,
    a bounded number of times (the client's UPSTREAM_RETRIES, here 1, within each of the
    job's 1 + 3 tries), and logged at WARNING only."""
    from celery.exceptions import Retry
    from django.test import override_settings

    from tthc.tasks import sync_procedures

    upstream.serve([item()])
    sync.sync_from_url(upstream.url, **FAST)
    asked = len(upstream.requests)
    if failure == "timeout":
        upstream.delay = 1.0
        settings.UPSTREAM_TIMEOUT = 0.3
    else:
        upstream.status = 503
    settings.UPSTREAM_RETRIES, settings.UPSTREAM_BACKOFF = 1, 0
    with override_settings(TTHC_CATALOGUE_URL=upstream.url):
        # The job as the worker runs it: tries 1 to 3 ask for a retry, in 5, 10 then 20
        # minutes (plus jitter); the fourth gives up and says why.
        for retries in range(3):
            with pytest.raises(Retry) as again:
                sync_procedures.apply(retries=retries).get()
            assert 300 * 2**retries <= again.value.when <= 1.2 * 300 * 2**retries
        answer = sync_procedures.apply(retries=3).get()
    assert len(upstream.requests) - asked == 4 * 2
    assert answer.startswith("Lỗi kết nối")
    assert SyncRun.objects.filter(status=SyncRun.Status.FAILED).count() == 4
    levels = {r.levelname for r in caplog.records if r.getMessage() == "catalogue sync failed"}
    assert levels == {"WARNING"}


def test_row_26_retries_back_off_with_jitter():
    """Row 26 of section (b) of the reliability checklist: the client's retries and the
    jobs' retries both back off, doubling, with random jitter so that wards do not retry in
    step."""
    from content.upstream import UpstreamClient, retry_delay

    retry = (
        UpstreamClient("http://127.0.0.1:9/", retries=3, backoff=2)
        .session.get_adapter("http://127.0.0.1:9/")
        .max_retries
    )
    assert (retry.total, retry.backoff_factor, retry.backoff_jitter) == (3, 2, 2)
    for retries in range(4):
        delays = {retry_delay(retries) for _ in range(20)}
        base = 300 * 2**retries
        assert all(base <= delay <= base * 1.2 for delay in delays)
        assert len(delays) > 1
