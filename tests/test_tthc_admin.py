"""The catalogue in the admin: listed read-only for every role, exported to XLSX, and loaded
from a file by portal admins after a preview that writes nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook

from content.models import SyncRun
from tests.catalogue_items import item, many
from tests.workflow_helpers import user
from tthc import catalogue as reader
from tthc.models import Procedure, ProcedurePage
from tthc.sync import SOURCE

UPLOAD = "tthc_upload_catalogue"


def catalogue_runs():
    """The catalogue's runs only: the demo ward also logs the dashboard's runs."""
    return SyncRun.objects.filter(source=SOURCE)


def xlsx(items, name="danh-muc.xlsx"):
    return SimpleUploadedFile(name, reader.xlsx_bytes(items))


def upload(client, file, **extra):
    return client.post(reverse(UPLOAD), {"file": file, **extra})


def confirm(client):
    return client.post(reverse(UPLOAD), {"confirm": "1"})


@pytest.fixture
def portal_admin(client, demo_ward):
    client.force_login(user("quantri"))
    return client


def test_upload_previews_then_applies_only_when_confirmed(portal_admin):
    items = [reader.normalise(i) for i in many(3)]
    response = upload(portal_admin, xlsx(items))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>3</strong> thủ tục mới" in html
    assert items[0]["name"] in html
    assert Procedure.objects.count() == 0 and not catalogue_runs().exists()

    response = confirm(portal_admin)
    run = catalogue_runs().get()
    assert response.status_code == 302
    assert response.url == reverse("content_syncrun:inspect", args=[run.pk])
    assert run.status == SyncRun.Status.SUCCESS and run.created == 3
    assert run.origin == "danh-muc.xlsx"
    pages = ProcedurePage.objects.all()
    assert pages.count() == 3 and not any(page.live for page in pages)
    # A second confirmation has nothing pending: it applies nothing again.
    response = confirm(portal_admin)
    assert response.status_code == 302 and response.url == reverse(UPLOAD)
    assert catalogue_runs().count() == 1


def test_upload_can_publish_new_pages_at_the_first_load(portal_admin):
    upload(portal_admin, xlsx(many(2)), publish_new="on")
    confirm(portal_admin)
    assert all(page.live for page in ProcedurePage.objects.all())


def test_a_bad_file_is_explained_in_vietnamese_and_changes_nothing(portal_admin):
    upload(portal_admin, xlsx(many(2)))
    confirm(portal_admin)
    before = list(Procedure.objects.values_list("code", "current_id", "in_force"))

    bad = SimpleUploadedFile(
        "danh-muc.csv",
        "code,name,field,level,processing_days,fees\n"
        "1.000001,Thủ tục A,Hộ tịch,toan_trinh,ba ngày,\n".encode(),
    )
    response = upload(portal_admin, bad)
    html = response.content.decode()
    assert "Tệp chưa được nạp và danh mục giữ nguyên" in html
    assert "Dòng 2: thời hạn «ba ngày» không phải số." in html
    assert "Nạp danh mục</button>" not in html
    # Confirming now has nothing to apply, and the catalogue is as it was.
    confirm(portal_admin)
    assert list(Procedure.objects.values_list("code", "current_id", "in_force")) == before
    assert catalogue_runs().count() == 1

    response = upload(portal_admin, SimpleUploadedFile("danh-muc.pdf", b"%PDF-1.4"))
    assert "Chỉ nhận tệp .json, .csv hoặc .xlsx." in response.content.decode()


def test_preview_warns_about_procedures_missing_from_the_file(portal_admin):
    upload(portal_admin, xlsx(many(3)))
    confirm(portal_admin)
    kept = many(3)[:2]
    kept[1]["fees"] = [{"label": "Lệ phí", "amount_vnd": 99000, "note": None}]
    html = upload(portal_admin, xlsx(kept)).content.decode()
    missing = Procedure.objects.get(code="1.000003")
    assert "<strong>1</strong> thủ tục thay đổi" in html
    assert "<strong>1</strong> thủ tục không đổi" in html
    assert "các thủ tục sau không có trong tệp" in html
    assert f"{missing.code} — {missing.current.name}" in html
    confirm(portal_admin)
    missing.refresh_from_db()
    assert not missing.in_force


def test_row28_loading_a_file_that_lacks_most_of_the_catalogue_is_a_confirmation(portal_admin):
    """The automatic sync refuses a catalogue that withdraws this much (test_tthc_sync.py);
    the preview says so, and loading the file after it is the person's confirmation."""
    upload(portal_admin, xlsx(many(12)))
    confirm(portal_admin)
    html = upload(portal_admin, xlsx(many(2))).content.decode()
    assert "<strong>10</strong> thủ tục không có trong tệp" in html
    assert "vượt mức một lần đồng bộ tự động được làm" in html
    confirm(portal_admin)
    assert catalogue_runs().first().status == SyncRun.Status.SUCCESS
    assert Procedure.objects.filter(in_force=True).count() == 2


def test_export_reads_back_as_the_same_catalogue(portal_admin):
    upload(portal_admin, xlsx(many(4) + [item(code="1.004873", processing_days=2.5)]))
    confirm(portal_admin)
    response = portal_admin.get(reverse("tthc_export_catalogue"))
    assert response["Content-Disposition"] == 'attachment; filename="danh-muc-thu-tuc.xlsx"'
    data = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == reader.FILE_COLUMNS
    assert sheet.max_row == 6

    html = upload(portal_admin, SimpleUploadedFile("lai.xlsx", data)).content.decode()
    assert "<strong>5</strong> thủ tục không đổi" in html
    assert "<strong>0</strong> thủ tục thay đổi" in html


@pytest.mark.parametrize("role", ["chuyenmon", "vanphong", "tuphap", "lanhdao"])
def test_only_portal_admins_load_a_catalogue(client, demo_ward, role):
    client.force_login(user(role))
    response = upload(client, xlsx(many(1)))
    assert response.status_code in (302, 403)
    assert not Procedure.objects.exists()


def test_the_catalogue_cannot_be_edited_in_the_admin_even_by_a_superuser(
    client, demo_ward, admin_user
):
    client.force_login(admin_user)
    for name in ("tthc_procedure:add", "content_syncrun:add"):
        with pytest.raises(NoReverseMatch):
            reverse(name)
    html = client.get(reverse("tthc_procedure:index")).content.decode()
    assert "Nạp danh mục từ tệp" in html
    assert reverse("tthc_export_catalogue") in html


def test_procedure_inspect_shows_each_wards_page_and_versions(portal_admin):
    upload(portal_admin, xlsx([item()]))
    confirm(portal_admin)
    upload(portal_admin, xlsx([item(fees=[{"label": "Lệ phí", "amount_vnd": 8000}])]))
    confirm(portal_admin)
    procedure = Procedure.objects.get()
    html = portal_admin.get(reverse("tthc_procedure:inspect", args=[procedure.pk])).content
    html = html.decode()
    page = ProcedurePage.objects.get()
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    assert "(mới nhất: 2)" in html
    assert "Lệ phí: 8.000 đồng" in html


def test_sync_log_lists_runs_for_every_role(client, demo_ward):
    SyncRun.objects.create(source="tthc.catalogue", status=SyncRun.Status.REJECTED, rejected=4)
    for role in ("chuyenmon", "lanhdao"):
        client.force_login(user(role))
        html = client.get(reverse("content_syncrun:index")).content.decode()
        assert "Danh mục thủ tục (Cổng Dịch vụ công quốc gia)" in html
        assert "Dữ liệu bị từ chối" in html
