"""The catalogue from a CSV or XLSX export, for wards without an API (docs/integrations.md)."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from content.models import SyncRun
from tests.catalogue_items import item
from tthc import sync
from tthc.catalogue import FILE_COLUMNS
from tthc.models import Procedure, ProcedureVersion

pytestmark = pytest.mark.django_db

BIRTH = item()
MARRIAGE = item(
    code="1.000894",
    name="Thủ tục đăng ký kết hôn",
    fees=[{"label": "Lệ phí", "amount_vnd": 0, "note": "Miễn lệ phí"}],
    processing_days=0.5,
)


def row(value):
    """An item as one spreadsheet row: list cells one entry per line, parts split by |."""

    def lines(entries):
        return "\n".join(" | ".join("" if p is None else str(p) for p in e) for e in entries)

    return {
        **{k: value[k] for k in FILE_COLUMNS if not isinstance(value.get(k), list)},
        "fees": lines(
            (f["label"], f"{f['amount_vnd']:,}".replace(",", "."), f["note"]) for f in value["fees"]
        ),
        "documents": lines((d["name"], d["copies"], d["note"]) for d in value["documents"]),
        "steps": lines((s["title"], s["detail"]) for s in value["steps"]),
        "legal_basis": "\n".join(value["legal_basis"]),
        "processing_note": value["processing_note"] or "",
        "processing_days": str(value["processing_days"]).replace(".", ","),
    }


def write_csv(path, rows, delimiter=";"):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FILE_COLUMNS, delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)


def write_xlsx(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(FILE_COLUMNS)
    for r in rows:
        sheet.append([r.get(c) for c in FILE_COLUMNS])
    book.save(path)


@pytest.fixture
def ward(demo_ward):
    return demo_ward


@pytest.mark.parametrize("writer, suffix", [(write_csv, "csv"), (write_xlsx, "xlsx")])
def test_a_spreadsheet_export_equals_the_json_feed(tmp_path, ward, writer, suffix):
    feed = tmp_path / "danh-muc.json"
    feed.write_text(json.dumps({"items": [BIRTH, MARRIAGE], "next": None}), encoding="utf-8")
    assert sync.sync_from_file(feed).created == 2
    export = tmp_path / f"danh-muc.{suffix}"
    writer(export, [row(BIRTH), row(MARRIAGE)])
    run = sync.sync_from_file(export)
    assert (run.status, run.unchanged, run.changed) == (SyncRun.Status.SUCCESS, 2, 0)
    assert ProcedureVersion.objects.count() == 2
    version = Procedure.objects.get(code="1.000894").current
    assert version.processing_days == 0.5
    assert version.documents[1] == {
        "name": "Giấy chứng sinh",
        "copies": 1,
        "note": "Bản chính",
        "form_url": "",
    }


def test_a_bad_row_rejects_the_whole_file(tmp_path, ward):
    """Row 28 of section (b) of the reliability checklist."""
    bad = row(MARRIAGE)
    bad["fees"] = "Lệ phí | tám nghìn đồng"
    export = tmp_path / "danh-muc.csv"
    write_csv(export, [row(BIRTH), bad], delimiter=",")
    run = sync.sync_from_file(export)
    assert run.status == SyncRun.Status.REJECTED
    assert "Dòng 3: Lệ phí «tám nghìn đồng» không phải số." in run.message
    assert not Procedure.objects.exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("danh-muc.csv", b"ma;ten\n1;2\n", "Thiếu cột: code, name, field, level."),
        ("danh-muc.csv", "code,name\n".encode("utf-16"), "Tệp CSV phải lưu với bảng mã UTF-8."),
        ("danh-muc.xlsx", b"PK\x03\x04 not really", "Tệp Excel không đọc được."),
        ("danh-muc.txt", b"code", "Chỉ nhận tệp .json, .csv hoặc .xlsx."),
        ("danh-muc.json", b"{not json", "Tệp JSON không đọc được."),
    ],
)
def test_unreadable_files_are_refused_in_vietnamese(tmp_path, ward, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("sync_procedures", file=str(path), stdout=io.StringIO())
    assert not Procedure.objects.exists()
