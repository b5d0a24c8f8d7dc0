"""Case statistics of the one-stop desk (Source.CASES), by month and field (lĩnh vực).

Two ways in, same rows (docs/integrations.md, "Case statistics"):
- over HTTP from the national portal, through the city's integration platform:
  ``{"unit": "...", "rows": [{"period": "2025-07", "field": "Hộ tịch", "received_online": 0,
  ...}]}``, asked for the ward's unit (WardSettings.dvc_unit_code) at the upstream whose base
  is CASE_STATS_URL (token CASE_STATS_TOKEN); an answer for another unit is refused;
- from a CSV or XLSX export of the one-stop system, with Vietnamese column headers, for a ward
  without the API (the admin's upload screen or ``import_case_stats FILE``).

Each month present in the payload replaces that month's readings; other months stay.
"""

import csv
import datetime
import io
import unicodedata
from pathlib import Path

from content.text import nfc
from content.upstream import UpstreamClient

from ..models import METRICS, Source
from . import base

COUNTS = METRICS[Source.CASES]["metrics"]
# The columns of the export file: header as the one-stop system writes it → metric. Headers are
# matched without regard to case, accents or extra spaces; the JSON names are accepted too.
FILE_COLUMNS = {
    "Kỳ báo cáo": "period",
    "Lĩnh vực": "field",
    "Tiếp nhận trực tuyến": "received_online",
    "Tiếp nhận trực tiếp": "received_direct",
    "Giải quyết trước hạn": "resolved_early",
    "Giải quyết đúng hạn": "resolved_on_time",
    "Giải quyết quá hạn": "resolved_late",
    "Đang giải quyết": "pending",
    "Đang giải quyết quá hạn": "pending_overdue",
}
# What an error message calls each count ("Dòng 7: số hồ sơ giải quyết trước hạn …").
COUNT_NAMES = {
    "received_online": "số hồ sơ tiếp nhận trực tuyến",
    "received_direct": "số hồ sơ tiếp nhận trực tiếp",
    "resolved_early": "số hồ sơ giải quyết trước hạn",
    "resolved_on_time": "số hồ sơ giải quyết đúng hạn",
    "resolved_late": "số hồ sơ giải quyết quá hạn",
    "pending": "số hồ sơ đang giải quyết",
    "pending_overdue": "số hồ sơ đang giải quyết quá hạn",
}
# Rows of the export that add up the others: skipped, not counted twice.
TOTAL_ROWS = {"tong", "tong cong", "tong so", "cong"}
FILE_MAX_BYTES = 5 * 1024 * 1024
HEADER_SEARCH_ROWS = 15


def _fold(text):
    text = unicodedata.normalize("NFD", str(text or "")).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().replace("_", " ").split())


COLUMN_BY_FOLDED = {_fold(header): name for header, name in FILE_COLUMNS.items()}
COLUMN_BY_FOLDED.update({_fold(name): name for name in FILE_COLUMNS.values()})


# --- HTTP ---------------------------------------------------------------------------------------


def read_url(url, token="", unit=None, **client_options):
    """The periods of the national portal's answer; raises UpstreamError or Rejected."""
    payload = UpstreamClient(url, token=token, **client_options).get_json()
    return read_payload(payload, unit)


def same_unit(one, other):
    return nfc(one).strip().casefold() == nfc(other).strip().casefold()


def read_payload(payload, unit=None):
    """The periods of a payload; with ``unit`` (the ward's code), a payload of another unit
    is refused whole."""
    if not isinstance(payload, dict) or not isinstance(payload.get("rows"), list):
        raise base.Rejected(["Dữ liệu không có danh sách «rows»."])
    errors = []
    if not isinstance(payload.get("unit"), str) or not payload["unit"].strip():
        errors.append("Dữ liệu thiếu «unit» (đơn vị báo cáo).")
    elif unit is not None and not same_unit(payload["unit"], unit):
        raise base.Rejected(
            [
                f"Dữ liệu là của đơn vị «{payload['unit'].strip()[:100]}», không phải của "
                f"phường/xã này (mã đơn vị «{unit}»): không ghi gì."
            ]
        )
    periods, seen = {}, {}
    for number, row in enumerate(payload["rows"], start=1):
        where = f"Dòng dữ liệu {number}"
        if not isinstance(row, dict):
            errors.append(f"{where}: không phải một bản ghi.")
            continue
        try:
            period = base.parse_month(row.get("period", ""))
        except ValueError:
            errors.append(f"{where}: «period» phải có dạng YYYY-MM.")
            continue
        field = nfc(str(row.get("field") or "")).strip()
        if not field:
            errors.append(f"{where}: thiếu «field» (lĩnh vực).")
            continue
        if (period, field) in seen:
            errors.append(
                f"{where}: {field} tháng {base.month_label(period)} trùng với dòng {seen[(period, field)]}."
            )
            continue
        seen[(period, field)] = number
        values = periods.setdefault(period, {})
        for metric in COUNTS:
            value = row.get(metric)
            if not base.is_count(value):
                errors.append(f"{where}: «{metric}» thiếu hoặc không phải số nguyên.")
            elif value < 0:
                errors.append(f"{where}: «{metric}» không được âm.")
            else:
                values[(metric, field)] = value
    if not payload["rows"] and not errors:
        errors.append("Dữ liệu không có dòng nào.")
    if errors:
        raise base.Rejected(errors)
    return periods


def pull(site, url, token="", *, unit=None, **client_options):
    """One pull from the national portal into ward ``site``; returns the SyncRun. ``unit`` is
    the ward's unit code: the answer must be that unit's."""
    return base.run(site, Source.CASES, lambda: read_url(url, token, unit, **client_options), url)


# --- Export files -------------------------------------------------------------------------------


def import_file(site, path):
    path = Path(path)
    return import_bytes(site, path.read_bytes(), path.name)


def import_bytes(site, data, name):
    """Load an export file's content into ward ``site``; returns the SyncRun."""
    return base.run(site, Source.CASES, lambda: read_bytes(data, name), Path(name).name)


def read_bytes(data, name):
    """The periods of an export file (.xlsx or .csv); raises Rejected naming the rows."""
    suffix = Path(name).suffix.lower()
    if len(data) > FILE_MAX_BYTES:
        raise base.Rejected(["Tệp quá lớn (tối đa 5 MB)."])
    if suffix == ".xlsx":
        rows = _xlsx_rows(data)
    elif suffix == ".csv":
        rows = _csv_rows(data)
    else:
        raise base.Rejected(["Chỉ nhận tệp .xlsx hoặc .csv."])
    header_line, header = _find_header(rows)
    columns = {}
    for position, cell in enumerate(header):
        name_ = COLUMN_BY_FOLDED.get(_fold(cell))
        if name_ and name_ not in columns:
            columns[name_] = position
    missing = [h for h, n in FILE_COLUMNS.items() if n not in columns]
    if missing:
        raise base.Rejected(
            [f"Thiếu cột: {', '.join(missing)} (dòng tiêu đề là dòng {header_line})."]
        )
    errors, periods, seen = [], {}, {}
    for line, cells in rows[header_line:]:

        def cell(name_, cells=cells):
            position = columns[name_]
            return cells[position] if position < len(cells) else None

        if all(value in (None, "") for value in cells):
            continue
        field = nfc(str(cell("field") or "")).strip()
        if _fold(field) in TOTAL_ROWS:
            continue
        try:
            period = _month_cell(cell("period"))
        except ValueError:
            errors.append(
                f"Dòng {line}: kỳ báo cáo «{cell('period') or ''}» không đúng dạng tháng/năm "
                "(ví dụ 07/2025)."
            )
            continue
        if not field:
            errors.append(f"Dòng {line}: thiếu lĩnh vực.")
            continue
        if (period, field) in seen:
            errors.append(
                f"Dòng {line}: {field} tháng {base.month_label(period)} trùng với dòng "
                f"{seen[(period, field)]}."
            )
            continue
        seen[(period, field)] = line
        values = periods.setdefault(period, {})
        for metric in COUNTS:
            raw = cell(metric)
            try:
                value = _count_cell(raw)
            except ValueError:
                errors.append(f"Dòng {line}: {COUNT_NAMES[metric]} «{raw}» không phải số nguyên.")
                continue
            if value < 0:
                errors.append(f"Dòng {line}: {COUNT_NAMES[metric]} không được âm.")
                continue
            values[(metric, field)] = value
    if not seen and not errors:
        errors.append("Tệp không có dòng số liệu nào.")
    if errors:
        raise base.Rejected(errors)
    return periods


def _xlsx_rows(data):
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        return [
            (number, list(values))
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise base.Rejected(["Tệp Excel không đọc được."]) from None


def _csv_rows(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise base.Rejected(["Tệp CSV phải lưu với bảng mã UTF-8."]) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [
        (number, [cell.strip() for cell in cells])
        for number, cells in enumerate(csv.reader(io.StringIO(text), dialect), start=1)
    ]


def _find_header(rows):
    """The header row: the first of the top rows that has a "Lĩnh vực" column (an export often
    starts with the unit's name and the report's title)."""
    for line, cells in rows[:HEADER_SEARCH_ROWS]:
        if any(COLUMN_BY_FOLDED.get(_fold(cell)) == "field" for cell in cells):
            return line, ["" if cell is None else str(cell) for cell in cells]
    return (rows[0][0] if rows else 1), [
        "" if c is None else str(c) for c in (rows[0][1] if rows else [])
    ]


def _month_cell(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return base.month_start(value)
    if value is None or str(value).strip() == "":
        raise ValueError("empty")
    return base.parse_month(value)


def _count_cell(value):
    """A count from a cell: a number, or text such as "1.234" or "1 234"; blank is 0."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != int(value):
            raise ValueError(value)
        return int(value)
    text = str(value).strip().replace(".", "").replace(" ", "").replace("\u00a0", "")
    if text.startswith("-") and text[1:].isdigit():
        return -int(text[1:])
    if not text.isdigit():
        raise ValueError(value)
    return int(text)
