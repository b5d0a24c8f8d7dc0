"""Importing a ward's residential groups and villages from CSV.

The file has a header row with ``code`` and ``name`` and optionally ``kind``, ``area`` and
``sort_order`` (Vietnamese headers ``ma``, ``ten``, ``loai``, ``khu_vuc``, ``thu_tu`` work too).
Every row is checked before anything is written: one bad row rejects the whole file with a
message naming the row, in Vietnamese, so that the ward's staff can fix it.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from .models import Place
from .text import ascii_slug, nfc

HEADER_ALIASES = {
    "ma": "code",
    "mã": "code",
    "code": "code",
    "ten": "name",
    "tên": "name",
    "name": "name",
    "loai": "kind",
    "loại": "kind",
    "kind": "kind",
    "khu_vuc": "area",
    "khu vực": "area",
    "area": "area",
    "thu_tu": "sort_order",
    "thứ tự": "sort_order",
    "sort_order": "sort_order",
}
KIND_ALIASES = {}
for value, label in Place.Kind.choices:
    KIND_ALIASES[value] = value
    KIND_ALIASES[nfc(label).lower()] = value
    KIND_ALIASES[slugify(label).replace("-", "_")] = value

MAX_BYTES = 1024 * 1024
MAX_ROWS = 2000


class PlaceImportError(ValueError):
    """The file was refused; ``errors`` lists what is wrong, one Vietnamese sentence each."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)

    def summary(self):
        return (
            f"{len(self.created)} mới, {len(self.updated)} cập nhật, "
            f"{len(self.unchanged)} không đổi"
        )


def _decode(data):
    if len(data) > MAX_BYTES:
        raise PlaceImportError(["Tệp quá lớn (tối đa 1 MB)."])
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PlaceImportError(["Không đọc được tệp: hãy lưu tệp CSV với bảng mã UTF-8."])


def parse_places(data):
    """Turn CSV bytes into a list of clean row dicts, or raise PlaceImportError."""
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise PlaceImportError(["Tệp trống."]) from None
    columns = [HEADER_ALIASES.get(nfc(h).lower()) for h in header]
    missing = [c for c in ("code", "name") if c not in columns]
    if missing:
        names = {"code": "ma (mã)", "name": "ten (tên)"}
        raise PlaceImportError(
            [f"Thiếu cột {', '.join(names[c] for c in missing)} ở dòng tiêu đề."]
        )

    rows, errors, seen = [], [], {}
    for line_no, raw in enumerate(reader, start=2):
        if not any(cell.strip() for cell in raw):
            continue
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(f"Tệp có quá {MAX_ROWS} dòng.")
            break
        values = {col: nfc(cell) for col, cell in zip(columns, raw, strict=False) if col}
        row_errors = []
        code = ascii_slug(values.get("code", ""))
        name = values.get("name", "")
        if not code:
            row_errors.append("thiếu mã")
        elif len(code) > 32:
            row_errors.append("mã dài quá 32 ký tự")
        elif code in seen:
            row_errors.append(f"mã «{code}» trùng với dòng {seen[code]}")
        if not name:
            row_errors.append("thiếu tên")
        elif len(name) > 120:
            row_errors.append("tên dài quá 120 ký tự")
        kind_text = values.get("kind", "")
        kind = KIND_ALIASES.get(kind_text.lower()) if kind_text else Place.Kind.RESIDENTIAL_GROUP
        if kind is None:
            allowed = ", ".join(label for _, label in Place.Kind.choices)
            row_errors.append(f"loại «{kind_text}» không hợp lệ (chọn: {allowed})")
        order_text = values.get("sort_order", "")
        sort_order = 0
        if order_text:
            if order_text.isdigit():
                sort_order = int(order_text)
            else:
                row_errors.append(f"thứ tự «{order_text}» không phải số")
        if len(values.get("area", "")) > 120:
            row_errors.append("khu vực dài quá 120 ký tự")
        if row_errors:
            errors.append(f"Dòng {line_no}: " + "; ".join(row_errors) + ".")
            continue
        seen[code] = line_no
        rows.append(
            {
                "code": code,
                "name": name,
                "kind": kind,
                "area": values.get("area", ""),
                "sort_order": sort_order or len(rows) + 1,
            }
        )
    if errors:
        raise PlaceImportError(errors)
    if not rows:
        raise PlaceImportError(["Tệp không có dòng dữ liệu nào."])
    return rows


@transaction.atomic
def import_places(site, data):
    """Create or update the places of ``site`` from CSV bytes; all or nothing.

    Places missing from the file are left as they are: retiring one is an explicit edit.
    """
    rows = parse_places(data)
    existing = {p.code: p for p in Place.objects.filter(site=site)}
    result = ImportResult()
    for row in rows:
        place = existing.get(row["code"])
        if place is None:
            result.created.append(Place.objects.create(site=site, **row))
            continue
        changed = [k for k, v in row.items() if getattr(place, k) != v]
        if changed:
            for key in changed:
                setattr(place, key, row[key])
            place.save()
            result.updated.append(place)
        else:
            result.unchanged.append(place)
    return result
