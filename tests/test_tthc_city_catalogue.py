"""The city-wide procedure catalogue (issue 20): one catalogue change reaches every ward's
workflow, a ward's own fields survive the sync, the city sees which wards have published each
change, and a ward-only procedure stays with its ward."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, Site, WorkflowState

from content.models import BasePage, HomePage, SyncRun
from tests.catalogue_items import item, many
from tests.workflow_helpers import user
from tthc import sync
from tthc.catalogue import normalise
from tthc.models import Procedure, ProcedureIndexPage, ProcedurePage, ProcedureVersion

pytestmark = pytest.mark.django_db

FEE = [{"label": "Lệ phí đăng ký khai sinh quá hạn", "amount_vnd": 8000, "note": None}]


def run(items, **options):
    result = SyncRun.objects.create(source=sync.SOURCE)
    sync.apply([normalise(i) for i in items], result, **options)
    return result


def ward_page(site, code="1.001193"):
    return ProcedurePage.objects.get(procedure__code=code, path__startswith=site.root_page.path)


def write_and_publish(page, **fields):
    """What a ward does once: write its own fields and publish."""
    draft = page.get_latest_revision_as_object()
    draft.intro = "Đăng ký khai sinh cho trẻ trong 60 ngày kể từ ngày sinh."
    draft.search_description = draft.intro
    draft.guidance = [{"type": "paragraph", "value": "<p>Mang theo giấy chứng sinh.</p>"}]
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.save_revision().publish(skip_permission_checks=True)
    for state in WorkflowState.objects.filter(object_id=str(page.pk)).exclude(
        status=WorkflowState.STATUS_CANCELLED
    ):
        state.cancel()
    return ProcedurePage.objects.get(pk=page.pk)


def approve_all_steps(page, prefix=""):
    for username in ["tuphap", "lanhdao", "quantri"]:
        task_state = ProcedurePage.objects.get(pk=page.pk).current_workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, user(prefix + username), "approve")


def third_ward():
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Phường Thứ Ba", slug="phuong-thu-ba")
    )
    site = Site.objects.create(hostname="phuong-c.localhost", root_page=home, site_name="Phường C")
    home.add_child(
        instance=ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    )
    return site


@pytest.fixture
def wards(second_ward):
    site_a = Site.objects.get(is_default_site=True)
    run([item()], publish_new=True)
    return site_a, second_ward


def test_one_change_opens_a_revision_in_every_ward_and_each_ward_approves_its_own(wards, client):
    site_a, site_b = wards
    page_a = write_and_publish(
        ward_page(site_a),
        title="Làm giấy khai sinh cho con",
        in_person="Quầy số 2, tầng 1, thứ Hai đến sáng thứ Bảy.",
        contact="Chị Lan, 024 3838 0001",
    )
    page_b = write_and_publish(ward_page(site_b))
    first = page_a.catalogue_id
    assert page_b.catalogue_id == first  # one shared version, not a copy per ward

    result = run([item(fees=FEE)])
    assert result.changed == 1
    version = Procedure.objects.get(code="1.001193").current
    assert ProcedureVersion.objects.filter(procedure__code="1.001193").count() == 2
    for page in (page_a, page_b):
        page = ProcedurePage.objects.get(pk=page.pk)
        assert page.catalogue_id == first  # the live page waits for the ward's approval
        assert page.current_workflow_task.name == "Bước 2 – Thẩm định"
        assert page.get_latest_revision_as_object().catalogue_id == version.pk

    # The ward's own fields survive the sync, in the draft the reviewers see.
    draft = ProcedurePage.objects.get(pk=page_a.pk).get_latest_revision_as_object()
    assert draft.title == "Làm giấy khai sinh cho con"
    assert draft.in_person == "Quầy số 2, tầng 1, thứ Hai đến sáng thứ Bảy."
    assert draft.contact == "Chị Lan, 024 3838 0001"
    assert draft.guidance.raw_data[0]["value"] == "<p>Mang theo giấy chứng sinh.</p>"

    approve_all_steps(page_a)
    assert ProcedurePage.objects.get(pk=page_a.pk).catalogue_id == version.pk
    page_b = ProcedurePage.objects.get(pk=page_b.pk)
    assert page_b.catalogue_id == first  # ward B has not approved: nothing of it is published
    assert page_b.current_workflow_task.name == "Bước 2 – Thẩm định"
    live_a = ProcedurePage.objects.get(pk=page_a.pk)
    assert live_a.in_person == "Quầy số 2, tầng 1, thứ Hai đến sáng thứ Bảy."
    html = client.get(live_a.url).content.decode()
    assert "8.000 đồng" in html and "Chị Lan, 024 3838 0001" in html

    # The city's report: ward A has published the change, ward B is reviewing it.
    client.force_login(user("thanhpho"))
    response = client.get(reverse("tthc_catalogue_change", args=[version.pk]))
    rows = {row["site"].pk: row["state"] for row in response.context["rows"]}
    assert rows == {site_a.pk: "published", site_b.pk: "reviewing"}
    listing = client.get(reverse("tthc_catalogue_changes"))
    (change,) = listing.context["changes"]
    assert change["counts"]["published"] == 1 and change["counts"]["reviewing"] == 1
    assert "Thay đổi danh mục" in listing.content.decode()

    # Ward B's staff see their own ward only.
    client.force_login(user("b-lanhdao"))
    response = client.get(reverse("tthc_catalogue_change", args=[version.pk]))
    assert [row["site"].pk for row in response.context["rows"]] == [site_b.pk]
    assert "Phường Thứ Hai" in response.content.decode()


def test_the_change_report_counts_not_started_and_wards_without_the_page(wards, client):
    site_a, site_b = wards
    site_c = third_ward()
    run([item()], publish_new=True)  # ward C gets its page
    run([item(fees=FEE)])
    version = Procedure.objects.get(code="1.001193").current
    ward_page(site_b).current_workflow_state.cancel()
    ProcedurePage.objects.filter(pk=ward_page(site_c).pk).delete()
    client.force_login(user("thanhpho"))
    rows = client.get(reverse("tthc_catalogue_change", args=[version.pk])).context["rows"]
    states = {row["site"].pk: row["state"] for row in rows}
    assert states == {site_a.pk: "reviewing", site_b.pk: "not_started", site_c.pk: "no_page"}


def test_a_run_cut_short_in_a_ward_is_completed_by_the_next_run(wards):
    """Each ward's pages are written in a transaction of their own: a ward that failed gets
    the change on the next run, although the catalogue no longer differs."""
    site_a, site_b = wards
    page_b = ward_page(site_b)
    original = sync._send_change_to_workflow

    def fail_in_b(page, procedure, parts):
        if page.pk == page_b.pk:
            raise RuntimeError("hỏng")
        return original(page, procedure, parts)

    sync._send_change_to_workflow = fail_in_b
    try:
        with pytest.raises(sync.WardFailed):
            run([item(fees=FEE)])
    finally:
        sync._send_change_to_workflow = original
    version = Procedure.objects.get(code="1.001193").current
    assert version.number == 2  # the catalogue is written
    assert ward_page(site_b).get_latest_revision_as_object().catalogue_id != version.pk
    result = run([item(fees=FEE)])
    assert result.changed == 0
    draft = ward_page(site_b).get_latest_revision_as_object()
    assert draft.catalogue_id == version.pk
    assert draft.change_note == "Cập nhật theo danh mục thủ tục quốc gia: phí, lệ phí."
    assert ward_page(site_b).current_workflow_task.name == "Bước 2 – Thẩm định"


def test_a_ward_adds_its_own_procedure_which_the_sync_never_touches(wards, client):
    site_a, site_b = wards
    client.force_login(user("quantri"))
    url = reverse("tthc_add_ward_procedure")
    add = client.get(url).content.decode()
    # Titled in the browser's tab, under the catalogue's trail like the rest of the admin.
    assert "<title>Thêm thủ tục riêng của phường - " in add
    assert reverse("tthc_procedure:index") in add
    data = {**WARD_PROCEDURE, "field": ProcedureVersion.objects.get().field_id}
    bad = client.post(url, dict(data, level="toan_trinh"))
    assert "cần đường dẫn nộp hồ sơ trực tuyến" in bad.content.decode()
    assert Procedure.objects.filter(ward__isnull=False).count() == 0
    response = client.post(url, data)
    assert response.status_code == 302
    own = Procedure.objects.get(ward=site_a)
    assert own.code == f"P{site_a.pk}-001"
    page = ProcedurePage.objects.get(procedure=own)
    assert page.path.startswith(site_a.root_page.path)
    assert page.current_workflow_task.name == "Bước 2 – Thẩm định"

    # A full sync (which withdraws what the national catalogue lacks) leaves it alone.
    result = run([item(), *many(2)], publish_new=True)
    own.refresh_from_db()
    assert own.in_force and own.current.number == 1 and result.withdrawn == 0
    assert ProcedurePage.objects.filter(procedure=own).count() == 1  # no page in ward B
    assert not ProcedurePage.objects.filter(
        path__startswith=site_b.root_page.path, procedure=own
    ).exists()
    assert own not in sync.withdrawals([normalise(item())]).procedures

    # Ward A's staff see it in the catalogue; ward B's do not, and cannot open it.
    assert own.code in client.get(reverse("tthc_procedure:index")).content.decode()
    client.force_login(user("b-quantri"))
    assert own.code not in client.get(reverse("tthc_procedure:index")).content.decode()
    assert client.get(reverse("tthc_procedure:inspect", args=[own.pk])).status_code == 404
    # A second one gets the next code.
    client.force_login(user("quantri"))
    client.post(url, dict(data, name="Thủ tục riêng thứ hai"))
    assert Procedure.objects.filter(ward=site_a).count() == 2
    assert Procedure.objects.filter(code=f"P{site_a.pk}-002").exists()


def test_only_portal_admins_add_a_ward_procedure(wards, client):
    for role in ("chuyenmon", "tuphap", "lanhdao", "thanhpho"):
        client.force_login(user(role))
        response = client.post(reverse("tthc_add_ward_procedure"), {})
        assert response.status_code == 403 or response.url == "/admin/", role
    assert not Procedure.objects.filter(ward__isnull=False).exists()


def test_a_page_keeps_only_what_the_ward_writes():
    """Nothing of the catalogue is copied onto the ward's page: the page's own columns are the
    ward's, the catalogue's facts are read through ``catalogue`` (one shared version)."""
    inherited = {f.name for f in BasePage._meta.get_fields()}
    own = {
        f.name
        for f in ProcedurePage._meta.get_fields()
        if f.concrete and f.model is ProcedurePage and f.name not in inherited | {"page_ptr"}
    }
    assert own == {"procedure", "catalogue", "guidance", "in_person", "contact", "cases_per_month"}
    facts = {f.name for f in ProcedureVersion._meta.get_fields() if f.concrete}
    facts -= {"id", "procedure", "number", "created_at"}
    page_fields = {f.name for f in ProcedurePage._meta.get_fields() if f.concrete}
    assert facts & page_fields == set()


def test_publishing_into_wards_costs_the_same_in_each_ward(second_ward):
    """The sync's work in a ward does not grow with the number of wards (each ward in its own
    transaction, a bounded number of queries a page)."""
    third_ward()
    items = [normalise(i) for i in many(3)]
    procedures, changed = sync._apply_catalogue(items, SyncRun.objects.create(source=sync.SOURCE))
    counts = []
    for index_page in ProcedureIndexPage.objects.order_by("path"):
        with CaptureQueriesContext(connection) as queries:
            sync._update_ward(index_page, procedures, changed, True)
        counts.append(len(queries))
    assert len(counts) == 3
    assert counts[-1] <= counts[0] and max(counts) - min(counts) <= 10, counts
    assert max(counts) <= 3 * 100, counts  # at most 100 queries a page published


WARD_PROCEDURE = {
    "name": "Xác nhận tham gia dân quân tự vệ",
    "level": "truc_tiep",
    "processing_days": "2",
    "processing_note": "",
    "agency": "Ủy ban nhân dân phường",
    "result": "Giấy xác nhận",
    "online_url": "",
}


def add_own(client, **changes):
    data = dict(WARD_PROCEDURE, field=ProcedureVersion.objects.first().field_id, **changes)
    client.post(reverse("tthc_add_ward_procedure"), data)
    return data


def facts(procedure):
    procedure.refresh_from_db()
    version = procedure.current
    return (version.number, version.name, version.processing_days, version.agency)


def test_a_ward_corrects_its_own_procedures_facts_through_its_workflow(wards, client):
    site_a, _ = wards
    client.force_login(user("quantri"))
    data = add_own(client)
    own = Procedure.objects.get(ward=site_a)
    url = reverse("tthc_edit_ward_procedure", args=[own.pk])
    # Linked where the ward's staff see it: its inspect view and its page's editor.
    inspect = client.get(reverse("tthc_procedure:inspect", args=[own.pk])).content.decode()
    assert url in inspect
    page = ProcedurePage.objects.get(procedure=own)
    assert url in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    form = client.get(url).content.decode()
    assert f"<title>Sửa thông tin thủ tục {own.code} - " in form
    assert 'value="Xác nhận tham gia dân quân tự vệ"' in form and 'value="Giấy xác nhận"' in form

    # The ward publishes its page; then it corrects the facts.
    page = write_and_publish(page)
    response = client.post(
        url, dict(data, name="Xác nhận dân quân tự vệ", processing_days="1.5", agency="UBND")
    )
    assert response.status_code == 302
    assert facts(own) == (2, "Xác nhận dân quân tự vệ", 1.5, "UBND")
    page.refresh_from_db()
    assert page.catalogue.number == 1  # the live page waits for the ward's approval
    draft = page.get_latest_revision_as_object()
    assert draft.catalogue_id == own.current_id
    assert draft.change_note.startswith("Cập nhật thông tin thủ tục riêng của phường:")
    assert "thời hạn giải quyết" in draft.change_note and "tên thủ tục" in draft.change_note
    assert page.current_workflow_task.name == "Bước 2 – Thẩm định"
    # The same facts again make no new version.
    client.post(
        url, dict(data, name="Xác nhận dân quân tự vệ", processing_days="1.5", agency="UBND")
    )
    assert facts(own)[0] == 2


def test_bad_facts_are_named_in_vietnamese_and_change_nothing(wards, client):
    site_a, _ = wards
    client.force_login(user("quantri"))
    data = add_own(client)
    own = Procedure.objects.get(ward=site_a)
    before, revisions = facts(own), ProcedurePage.objects.get(procedure=own).latest_revision_id
    url = reverse("tthc_edit_ward_procedure", args=[own.pk])
    for bad, message in [
        ({"level": "toan_trinh"}, "cần đường dẫn nộp hồ sơ trực tuyến"),
        ({"processing_days": "hai ngày"}, "Nhập một số"),
        ({"name": ""}, "Trường này là bắt buộc"),
    ]:
        response = client.post(url, dict(data, **bad))
        body = response.content.decode()
        assert response.status_code == 200
        assert "Chưa lưu: hãy sửa các ô có lỗi bên dưới." in body and message in body, bad
    assert facts(own) == before
    assert ProcedurePage.objects.get(procedure=own).latest_revision_id == revisions


def test_a_shared_catalogue_entry_or_another_wards_procedure_cannot_be_edited(wards, client):
    site_a, site_b = wards
    client.force_login(user("quantri"))
    data = add_own(client)
    own = Procedure.objects.get(ward=site_a)
    national = Procedure.national().get()
    before = facts(national)
    # A shared entry: refused, told why, nothing written; no link to the form.
    url = reverse("tthc_edit_ward_procedure", args=[national.pk])
    response = client.post(url, dict(data, name="Tên khác"), follow=True)
    told = response.content.decode()
    assert "thuộc danh mục thủ tục quốc gia, dùng chung cho mọi phường, xã" in told
    assert facts(national) == before
    assert (
        url
        not in client.get(reverse("tthc_procedure:inspect", args=[national.pk])).content.decode()
    )
    # Ward B's portal admin: ward A's procedure is not found, and stays as it was.
    client.force_login(user("b-quantri"))
    own_url = reverse("tthc_edit_ward_procedure", args=[own.pk])
    assert client.get(own_url).status_code == 404
    assert client.post(own_url, dict(data, name="Tên khác")).status_code == 404
    assert facts(own)[:2] == (1, WARD_PROCEDURE["name"])
    # Other roles of ward A may not edit it either.
    client.force_login(user("tuphap"))
    refused = client.post(own_url, dict(data, name="Tên khác"))
    assert refused.status_code == 403 or refused.url == "/admin/"  # Wagtail's refusal
    assert facts(own)[:2] == (1, WARD_PROCEDURE["name"])


def test_the_catalogue_listing_costs_the_same_with_more_ward_only_procedures(wards, client):
    """«Danh mục thủ tục» reads each row's version, field and ward with the row: listing more
    procedures, ward-only ones included, costs no further query."""
    site_a, _ = wards
    client.force_login(user("quantri"))
    url = reverse("tthc_procedure:index")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    add_own(client)
    client.get(url)  # the first load fills the caches of the admin (menu, permissions)
    few = queries()
    run([item(), *many(8)], publish_new=False)
    for number in range(4):
        add_own(client, name=f"Thủ tục riêng số {number}")
    assert Procedure.objects.filter(ward=site_a).count() == 5
    assert queries() == few
