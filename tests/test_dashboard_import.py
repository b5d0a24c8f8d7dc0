"""Case statistics from an export of the one-stop system (.xlsx/.csv): accepted whole, or
refused whole with a message naming the row (dashboard/sources/cases.py)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook
from wagtail.models import Site

from content.models import SyncRun
from dashboard.models import Reading, Source
from dashboard.sources import base, cases

pytestmark = pytest.mark.django_db

HEADER = [
    "STT",
    "Kỳ báo cáo",
    "Lĩnh vực",
    "Tiếp nhận trực tuyến",
    "Tiếp nhận trực tiếp",
    "Giải quyết trước hạn",
    "Giải quyết đúng hạn",
    "Giải quyết quá hạn",
    "Đang giải quyết",
    "Đang giải quyết quá hạn",
]
ROWS = [
    [1, "07/2025", "Chứng thực", 612, 201, 790, 20, 0, 12, 0],
    [2, "07/2025", "Hộ tịch", 330, 140, 441, 25, 0, 8, 0],
    [3, "08/2025", "Chứng thực", 598, 190, 760, 18, 0, 9, 0],
    [4, datetime.datetime(2025, 8, 1), "Đất đai", "1.012", None, 850, 150, 0, 40, 0],
]


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


def export(rows=ROWS, header=HEADER):
    """An .xlsx laid out like a one-stop export: the unit and a title above the header, a total
    row at the bottom."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    sheet.append(["UBND PHƯỜNG THỬ NGHIỆM"])
    sheet.append(["BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH"])
    sheet.append([])
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    sheet.append([None, None, "Tổng cộng", 2552, 531, 2841, 213, 0, 69, 0])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def total(site, metric, period=None):
    readings = Reading.objects.filter(site=site, source=Source.CASES, metric=metric)
    if period:
        readings = readings.filter(period=period)
    return sum(readings.values_list("value", flat=True))


def test_a_real_looking_export_is_loaded(site):
    run = cases.import_bytes(site, export(), "bao-cao-thang-7-8.xlsx")
    assert run.status == SyncRun.Status.SUCCESS, run.message
    assert run.origin == "bao-cao-thang-7-8.xlsx"
    assert total(site, "received_online") == 612 + 330 + 598 + 1012  # total row not counted
    assert total(site, "received_direct", datetime.date(2025, 8, 1)) == 190  # blank cell is 0
    assert total(site, "resolved_early", datetime.date(2025, 7, 1)) == 790 + 441
    assert set(
        Reading.objects.filter(site=site, period=datetime.date(2025, 8, 1)).values_list(
            "breakdown", flat=True
        )
    ) == {"Chứng thực", "Đất đai"}
    assert base.last_success(site, Source.CASES) == run.finished_at
    # Loading the same file again changes nothing.
    again = cases.import_bytes(site, export(), "bao-cao-thang-7-8.xlsx")
    assert (again.created, again.changed, again.unchanged) == (0, 0, 28)


def test_a_csv_export_with_semicolons_is_loaded(site):
    lines = [";".join(HEADER)] + [";".join(str(v) for v in r) for r in ROWS[:3]]
    data = ("\n".join(lines) + "\n").encode("utf-8-sig")
    run = cases.import_bytes(site, data, "bao-cao.csv")
    assert run.status == SyncRun.Status.SUCCESS, run.message
    assert total(site, "received_online") == 612 + 330 + 598


def test_a_file_with_a_missing_column_is_refused_whole(site):
    cases.import_bytes(site, export(), "thang-7-8.xlsx")
    before = list(Reading.objects.values_list("metric", "period", "breakdown", "value"))
    header = [h for h in HEADER if h != "Giải quyết đúng hạn"]
    rows = [r[:6] + r[7:] for r in ROWS]
    run = cases.import_bytes(site, export(rows, header), "thieu-cot.xlsx")
    assert run.status == SyncRun.Status.REJECTED
    assert run.message == "Thiếu cột: Giải quyết đúng hạn (dòng tiêu đề là dòng 4)."
    assert list(Reading.objects.values_list("metric", "period", "breakdown", "value")) == before


def test_a_negative_count_is_refused_with_the_row_named(site):
    rows = [*ROWS[:2], [3, "08/2025", "Chứng thực", 598, 190, -5, 18, 0, 9, 0], ROWS[3]]
    run = cases.import_bytes(site, export(rows), "am.xlsx")
    assert run.status == SyncRun.Status.REJECTED
    # Row 7 of the sheet: three rows above the header, the header, then the third data row.
    assert run.message == "Dòng 7: số hồ sơ giải quyết trước hạn không được âm."
    assert not Reading.objects.exists()


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ([3, "tháng 8", "Chứng thực", 1, 1, 1, 1, 0, 0, 0], "Dòng 7: kỳ báo cáo «tháng 8»"),
        ([3, "08/2025", "", 1, 1, 1, 1, 0, 0, 0], "Dòng 7: thiếu lĩnh vực."),
        ([3, "08/2025", "Hộ tịch", "nhiều", 1, 1, 1, 0, 0, 0], "Dòng 7: số hồ sơ tiếp nhận"),
        ([3, "08/2025", "Hộ tịch", 2.5, 1, 1, 1, 0, 0, 0], "không phải số nguyên"),
        ([3, "07/2025", "Hộ tịch", 1, 1, 1, 1, 0, 0, 0], "trùng với dòng 6"),
        ([3, "08/2025", "Hộ tịch", 1, 1, 1, 1, 0, 0, 3], "lớn hơn «pending»"),
    ],
)
def test_other_row_errors_are_named(site, bad, message):
    run = cases.import_bytes(site, export([*ROWS[:2], bad]), "loi.xlsx")
    assert run.status == SyncRun.Status.REJECTED
    assert message in run.message
    assert not Reading.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"not a zip", "hong.xlsx", "Tệp Excel không đọc được."),
        ("Kỳ báo cáo;Lĩnh vực\n".encode("utf-16"), "bang-ma.csv", "UTF-8"),
        (b"{}", "so-lieu.json", "Chỉ nhận tệp .xlsx hoặc .csv."),
    ],
)
def test_an_unreadable_file_is_refused(site, data, name, message):
    run = cases.import_bytes(site, data, name)
    assert run.status == SyncRun.Status.REJECTED
    assert message in run.message


def test_the_command_imports_a_file(site, tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(export())
    out = io.StringIO()
    call_command("import_case_stats", str(path), stdout=out)
    assert "Tháng: 07/2025, 08/2025" in out.getvalue()
    path.write_bytes(export([[1, "07/2025", "Hộ tịch", -1, 0, 0, 0, 0, 0, 0]]))
    with pytest.raises(CommandError, match="Dòng 5: số hồ sơ tiếp nhận trực tuyến không được âm"):
        call_command("import_case_stats", str(path), stdout=out)
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import_case_stats", str(tmp_path / "khong-co.xlsx"), stdout=out)


def upload(client, data, name="bao-cao.xlsx"):
    return client.post(
        reverse("dashboard_import_case_stats"),
        {"file": SimpleUploadedFile(name, data)},
        follow=True,
    )


def test_the_office_loads_a_file_in_the_admin(client, demo_ward):
    from tests.workflow_helpers import user

    Reading.objects.filter(source=Source.CASES).delete()
    client.force_login(user("vanphong"))
    response = client.get(reverse("dashboard_import_case_stats"))
    assert response.status_code == 200
    assert "Tiếp nhận trực tuyến" in response.content.decode()
    response = upload(client, export())
    page = response.content.decode()
    assert "Đã nạp số liệu hồ sơ" in page
    assert total(demo_ward, "received_online") == 612 + 330 + 598 + 1012
    response = upload(client, export([[1, "07/2025", "Hộ tịch", 1, 2, 3, 4, 5, 6, -7]]))
    page = response.content.decode()
    assert "Tệp chưa được nạp và số liệu giữ nguyên" in page
    assert "Dòng 5: số hồ sơ đang giải quyết quá hạn không được âm." in page
    assert total(demo_ward, "received_online") == 612 + 330 + 598 + 1012


def test_a_specialist_may_not_load_a_file(client, demo_ward):
    from tests.workflow_helpers import user

    client.force_login(user("chuyenmon"))
    response = client.post(
        reverse("dashboard_import_case_stats"), {"file": SimpleUploadedFile("a.xlsx", export())}
    )
    assert response.status_code in (302, 403)
    assert not Reading.objects.filter(origin="a.xlsx").exists()
