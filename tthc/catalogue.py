"""Reading the procedure catalogue: over HTTP in the JSON format of docs/integrations.md, or
from a JSON, CSV or XLSX file. Everything read is validated whole before anything is written:
``read_*`` return items, ``validate`` returns the problems in Vietnamese, one per line."""

import csv
import datetime
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from jsonschema import Draft202012Validator

from content.text import nfc
from content.upstream import UpstreamClient

SCHEMA_PATH = Path(__file__).with_name("schemas") / "procedures-v1.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
# Columns of the CSV/XLSX export; list cells hold one entry per line, parts split by "|".
FILE_COLUMNS = [
    "code",
    "name",
    "field",
    "level",
    "processing_days",
    "processing_note",
    "fees",
    "documents",
    "steps",
    "legal_basis",
    "agency",
    "result",
    "online_url",
    "updated_at",
]
FILE_MAX_BYTES = 20 * 1024 * 1024
ONLINE_LEVELS = {"toan_trinh", "mot_phan"}


@dataclass
class Catalogue:
    """What one read brought: the items, where they came from, and what was wrong."""

    items: list
    origin: str
    errors: list = field(default_factory=list)
    rejected: int = 0


def read_url(url, token="", **client_options):
    client = UpstreamClient(url, token=token, **client_options)
    pages = client.get_pages()
    origin = url.split("?")[0]
    items, errors = [], []
    for number, page in enumerate(pages, start=1):
        if not isinstance(page, dict) or not isinstance(page.get("items"), list):
            return Catalogue([], origin, [f"Trang {number}: không có danh sách «items»."], 1)
        errors.extend(_message(error, page) for error in VALIDATOR.iter_errors(page))
        items.extend(page["items"])
    return _checked(items, origin, errors)


def read_file(path):
    path = Path(path)
    return read_bytes(path.read_bytes(), path.name)


def read_bytes(data, name):
    """Read a catalogue file's content; ``name`` (its file name) tells the format."""
    path = Path(name)
    if len(data) > FILE_MAX_BYTES:
        return Catalogue([], path.name, ["Tệp quá lớn (tối đa 20 MB)."], 1)
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            payload = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            return Catalogue([], path.name, ["Tệp JSON không đọc được."], 1)
        errors = [_message(error, payload) for error in VALIDATOR.iter_errors(payload)]
        if not isinstance(payload, dict) or not isinstance(payload.get("items"), list):
            return Catalogue([], path.name, errors or ["Tệp JSON không có «items»."], 1)
        return _checked(payload["items"], path.name, errors)
    if suffix == ".csv":
        rows = _csv_rows(data)
    elif suffix == ".xlsx":
        rows = _xlsx_rows(data)
    else:
        return Catalogue([], path.name, ["Chỉ nhận tệp .json, .csv hoặc .xlsx."], 1)
    if isinstance(rows, str):
        return Catalogue([], path.name, [rows], 1)
    items, errors = [], []
    for line, row in rows:
        try:
            items.append(_item_from_row(row))
        except ValueError as error:
            errors.append(f"Dòng {line}: {error}")
            items.append(None)
    payload = {"items": [item for item in items if item is not None]}
    errors.extend(_message(error, payload) for error in VALIDATOR.iter_errors(payload))
    return _checked(payload["items"], path.name, errors, extra_rejected=items.count(None))


def _checked(items, origin, errors, extra_rejected=0):
    """Cross-item checks the schema cannot express, then normalisation."""
    seen = {}
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            continue
        code = item.get("code")
        if code in seen:
            errors.append(f"Mục {position}: mã {code} trùng với mục {seen[code]}.")
        seen.setdefault(code, position)
        if item.get("level") in ONLINE_LEVELS and not item.get("online_url"):
            errors.append(f"Mục {position} (mã {code}): thủ tục trực tuyến thiếu «online_url».")
        if item.get("updated_at"):
            try:
                datetime.datetime.fromisoformat(str(item["updated_at"]))
            except ValueError:
                errors.append(f"Mục {position} (mã {code}): «updated_at» không phải ngày giờ.")
    if not items and not errors:
        errors.append("Danh mục rỗng: không có thủ tục nào; không đồng bộ để tránh xóa nhầm.")
    rejected = len({line.split(":")[0] for line in errors}) + extra_rejected
    if errors:
        return Catalogue([], origin, errors, rejected)
    return Catalogue([normalise(item) for item in items], origin)


def _message(error, payload):
    """One schema error in Vietnamese, naming the item (position and code) and the field."""
    path = list(error.absolute_path)
    where = "Danh mục"
    if len(path) >= 2 and path[0] == "items" and isinstance(path[1], int):
        item = payload["items"][path[1]]
        code = item.get("code") if isinstance(item, dict) else None
        where = f"Mục {path[1] + 1}" + (f" (mã {code})" if isinstance(code, str) else "")
        path = path[2:]
    name = ".".join(str(part) for part in path) or "bản ghi"
    kind = error.validator
    if kind == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        text = f"thiếu trường «{missing[0] if missing else '?'}»"
    elif kind == "type":
        text = f"«{name}» sai kiểu dữ liệu"
    elif kind == "enum":
        text = f"«{name}» phải là một trong: " + ", ".join(map(str, error.validator_value))
    elif kind == "pattern":
        text = f"«{name}» không đúng định dạng"
    elif kind in {"minLength", "minItems"}:
        text = f"«{name}» bị trống"
    elif kind in {"maxLength", "maxItems", "maximum"}:
        text = f"«{name}» quá dài hoặc quá lớn"
    elif kind in {"minimum", "multipleOf"}:
        text = f"«{name}» không hợp lệ"
    else:
        text = f"«{name}» không hợp lệ ({kind})"
    return f"{where}: {text}."


def normalise(item):
    """The canonical form of an item: NFC text, every known key present, nothing unknown."""

    def text(value):
        return nfc(value) if value is not None else ""

    return {
        "code": text(item["code"]),
        "name": text(item["name"]),
        "field": text(item["field"]),
        "level": item["level"],
        "processing_days": str(Decimal(str(item["processing_days"])).normalize()),
        "processing_note": text(item.get("processing_note")),
        "fees": [
            {"label": text(f["label"]), "amount_vnd": f["amount_vnd"], "note": text(f.get("note"))}
            for f in item["fees"]
        ],
        "documents": [
            {
                "name": text(d["name"]),
                "copies": d.get("copies", 1),
                "note": text(d.get("note")),
                "form_url": text(d.get("form_url")),
            }
            for d in item["documents"]
        ],
        "steps": [
            {"title": text(s["title"]), "detail": text(s.get("detail"))} for s in item["steps"]
        ],
        "legal_basis": [text(line) for line in item.get("legal_basis") or []],
        "agency": text(item["agency"]),
        "result": text(item["result"]),
        "online_url": text(item.get("online_url")),
        "updated_at": item.get("updated_at") or None,
    }


def fingerprint(item):
    """Equal catalogue content gives an equal fingerprint, whatever its timestamp says."""
    content = {key: value for key, value in item.items() if key != "updated_at"}
    encoded = json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


# --- CSV / XLSX exports ----------------------------------------------------------------------


def _csv_rows(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "Tệp CSV phải lưu với bảng mã UTF-8."
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    missing = [c for c in ("code", "name", "field", "level") if c not in (reader.fieldnames or [])]
    if missing:
        return "Thiếu cột: " + ", ".join(missing) + "."
    return [(number, row) for number, row in enumerate(reader, start=2)]


def _xlsx_rows(data):
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    except Exception:  # openpyxl raises many kinds for a damaged file
        return "Tệp Excel không đọc được."
    rows = sheet.iter_rows(values_only=True)
    header = [str(cell).strip() if cell is not None else "" for cell in next(rows, [])]
    missing = [c for c in ("code", "name", "field", "level") if c not in header]
    if missing:
        return "Thiếu cột: " + ", ".join(missing) + "."
    result = []
    for number, values in enumerate(rows, start=2):
        if all(value in (None, "") for value in values):
            continue
        cells = ["" if value is None else value for value in values]
        result.append((number, dict(zip(header, cells, strict=False))))
    return result


def _lines(cell):
    return [line.strip() for line in str(cell or "").splitlines() if line.strip()]


def _parts(line, size):
    parts = [part.strip() for part in line.split("|")]
    return parts + [""] * (size - len(parts))


def _integer(value, what):
    digits = re.sub(r"[.\s,đ]|đồng|VND", "", str(value), flags=re.IGNORECASE)
    if not digits.isdigit():
        raise ValueError(f"{what} «{value}» không phải số.")
    return int(digits)


def _item_from_row(row):
    def cell(name):
        value = row.get(name, "")
        return "" if value is None else str(value).strip()

    days = cell("processing_days").replace(",", ".")
    try:
        processing_days = float(days) if days else None
    except ValueError:
        raise ValueError(f"thời hạn «{days}» không phải số.") from None
    fees = []
    for line in _lines(cell("fees")):
        label, amount, note = _parts(line, 3)[:3]
        fees.append(
            {"label": label, "amount_vnd": _integer(amount, "Lệ phí"), "note": note or None}
        )
    documents = []
    for line in _lines(cell("documents")):
        name, count, note = _parts(line, 3)[:3]
        documents.append(
            {
                "name": name,
                "copies": _integer(count, "Số bản") if count else None,
                "note": note or None,
            }
        )
    steps = [
        {"title": title, "detail": detail or None}
        for title, detail in (_parts(line, 2)[:2] for line in _lines(cell("steps")))
    ]
    updated = row.get("updated_at")
    if isinstance(updated, datetime.datetime):
        updated = updated.isoformat()
    return {
        "code": cell("code"),
        "name": cell("name"),
        "field": cell("field"),
        "level": cell("level"),
        "processing_days": processing_days,
        "processing_note": cell("processing_note") or None,
        "fees": fees,
        "documents": documents,
        "steps": steps,
        "legal_basis": _lines(cell("legal_basis")),
        "agency": cell("agency"),
        "result": cell("result"),
        "online_url": cell("online_url") or None,
        "updated_at": str(updated).strip() if updated else None,
    }


def row_from_item(item):
    """One CSV/XLSX row for a catalogue item: the inverse of reading a row, so that a file
    exported from the admin, edited and uploaded again reads back as the same catalogue."""

    def joined(parts):
        return " | ".join("" if part is None else str(part) for part in parts).rstrip(" |")

    days = item["processing_days"]
    return {
        "code": item["code"],
        "name": item["name"],
        "field": item["field"],
        "level": item["level"],
        "processing_days": f"{Decimal(str(days)).normalize():f}" if days is not None else "",
        "processing_note": item.get("processing_note") or "",
        "fees": "\n".join(
            joined([f["label"], f["amount_vnd"], f.get("note")]) for f in item["fees"]
        ),
        "documents": "\n".join(
            joined([d["name"], d.get("copies"), d.get("note")]) for d in item["documents"]
        ),
        "steps": "\n".join(joined([s["title"], s.get("detail")]) for s in item["steps"]),
        "legal_basis": "\n".join(item.get("legal_basis") or []),
        "agency": item["agency"],
        "result": item["result"],
        "online_url": item.get("online_url") or "",
        "updated_at": item.get("updated_at") or "",
    }


def xlsx_bytes(items):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Danh mục thủ tục"
    sheet.append(FILE_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in items:
        row = row_from_item(item)
        sheet.append([str(row[column]) for column in FILE_COLUMNS])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
