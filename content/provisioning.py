"""Provisioning wards: `manage.py add_ward` (docs/operations.md, «Adding a ward»).

A ward is given by a row: its name, kind (phường/xã), host name, unit codes at the national
public-service portal and at iHanoi, address, hotline and a residential groups file. Rows come
from the command's arguments or from a CSV of many. ``provision_ward`` makes (or completes) one
ward in one transaction: its Wagtail site, home page, the pages every ward has
(content/ward_pages.py), *Thông tin phường/xã*, its residential groups, and its groups,
collections and workflows (``setup_ward``). It is idempotent: a ward is found by its host name,
pages by their slug, places by their code, and nothing already made is changed.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from wagtail.models import Page, Site

from . import ward_pages
from .models import HomePage, Place, WardSettings
from .places import PlaceImportError, parse_places
from .text import ascii_slug, nfc
from .wards import setup_ward

HEADER_ALIASES = {
    "ten": "name",
    "tên": "name",
    "name": "name",
    "loai": "kind",
    "loại": "kind",
    "kind": "kind",
    "ten_mien": "hostname",
    "tên miền": "hostname",
    "host": "hostname",
    "hostname": "hostname",
    "ma_dvc": "dvc_unit_code",
    "mã dvc": "dvc_unit_code",
    "dvc_unit_code": "dvc_unit_code",
    "ma_ihanoi": "ihanoi_unit",
    "mã ihanoi": "ihanoi_unit",
    "ihanoi_unit": "ihanoi_unit",
    "dia_chi": "address",
    "địa chỉ": "address",
    "address": "address",
    "duong_day_nong": "hotline",
    "đường dây nóng": "hotline",
    "hotline": "hotline",
    "to_dan_pho": "places",
    "tổ dân phố": "places",
    "places": "places",
}
KINDS = {
    "phuong": ward_pages.WARD,
    "ward": ward_pages.WARD,
    "xa": ward_pages.COMMUNE,
    "commune": ward_pages.COMMUNE,
    # The city's own site (one per install): its dashboard of every ward, news, about.
    "thanh-pho": ward_pages.CITY,
    "city": ward_pages.CITY,
}
KIND_PREFIX = {ward_pages.WARD: "Phường", ward_pages.COMMUNE: "Xã", ward_pages.CITY: "Thành phố"}
HOST_PATTERN = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$"
)
MAX_CSV_BYTES = 1024 * 1024
HOME_INTRO = (
    "Cửa ngõ số của chính quyền {unit}: tra cứu thủ tục để nộp hồ sơ đúng ngay lần đầu, "
    "gửi phản ánh và theo dõi kết quả, xem văn bản, lịch công tác và số liệu phục vụ người dân."
)
CITY_HOME_INTRO = (
    "Các phường, xã phục vụ người dân ra sao: số liệu toàn thành phố và của từng phường, xã, "
    "cùng tin tức, thông báo chung của thành phố."
)


class WardError(ValueError):
    """A ward was refused; ``errors`` lists why, one Vietnamese sentence each."""

    def __init__(self, errors):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        super().__init__("; ".join(self.errors))


@dataclass
class WardRow:
    """One ward to provision. ``line`` is its line in the CSV (None for arguments)."""

    name: str
    kind: str
    hostname: str
    line: int | None = None
    port: int = 443
    dvc_unit_code: str = ""
    ihanoi_unit: str = ""
    address: str = ""
    hotline: str = ""
    places: list = field(default_factory=list)  # clean rows of content.places.parse_places

    @property
    def ward_name(self):
        return f"{KIND_PREFIX[self.kind]} {self.name}"

    @property
    def unit(self):
        return ward_pages.UNIT_WORDS[self.kind][0]

    @property
    def is_city(self):
        return self.kind == ward_pages.CITY

    @property
    def label(self):
        return f"Dòng {self.line}" if self.line else "Phường/xã"


@dataclass
class WardResult:
    row: WardRow
    site: Site
    created: bool
    new_pages: int
    new_places: int

    def summary(self):
        state = "tạo mới" if self.created else "đã có"
        return (
            f"{self.row.ward_name} ({self.site.hostname}): {state}, {self.new_pages} trang mới, "
            f"{self.new_places} tổ dân phố/thôn mới."
        )


def parse_kind(text):
    return KINDS.get(ascii_slug(text)) if text else None


def clean_row(values, *, line=None, base_dir=None, port=443):
    """A WardRow from raw values (strings by column), or WardError naming what is wrong."""
    values = {key: nfc(value or "") for key, value in values.items()}
    errors = []
    name, kind_text = values.get("name", ""), values.get("kind", "")
    kind = parse_kind(kind_text)
    # «Phường Cửa Nam» in the name column gives the kind too.
    for prefix_kind, prefix in KIND_PREFIX.items():
        if ascii_slug(name).startswith(ascii_slug(prefix) + "-"):
            name = name[len(prefix) :].strip()
            kind = kind or prefix_kind
    if not name:
        errors.append("thiếu tên phường/xã")
    elif len(name) > 100:
        errors.append("tên dài quá 100 ký tự")
    if kind is None:
        errors.append(
            f"loại «{kind_text}» không hợp lệ (chọn: phường, xã, thành phố)"
            if kind_text
            else "thiếu loại (phường, xã hoặc thành phố)"
        )
    hostname = values.get("hostname", "").strip().lower().rstrip(".")
    if not hostname:
        errors.append("thiếu tên miền")
    elif not HOST_PATTERN.match(hostname):
        errors.append(
            f"tên miền «{hostname}» không hợp lệ (chỉ ghi tên, ví dụ phuong-cua-nam.hanoi.gov.vn; "
            "không có https:// hay dấu /)"
        )
    for key, label, limit in (
        ("dvc_unit_code", "mã đơn vị trên Cổng Dịch vụ công", 40),
        ("ihanoi_unit", "mã đơn vị trên iHanoi", 40),
        ("address", "địa chỉ", 255),
        ("hotline", "đường dây nóng", 40),
    ):
        if len(values.get(key, "")) > limit:
            errors.append(f"{label} dài quá {limit} ký tự")
    places = []
    places_file = values.get("places", "")
    if places_file:
        path = Path(places_file)
        if base_dir is not None and not path.is_absolute():
            path = Path(base_dir) / path
        try:
            places = parse_places(path.read_bytes())
        except OSError:
            errors.append(f"không đọc được tệp tổ dân phố «{places_file}»")
        except PlaceImportError as exc:
            errors.append(f"tệp tổ dân phố «{places_file}» có lỗi: {' '.join(exc.errors)}")
    if errors:
        prefix = f"Dòng {line}: " if line else ""
        raise WardError([prefix + "; ".join(errors) + "."])
    return WardRow(
        name=name,
        kind=kind,
        hostname=hostname,
        line=line,
        port=port,
        dvc_unit_code=values.get("dvc_unit_code", ""),
        ihanoi_unit=values.get("ihanoi_unit", ""),
        address=values.get("address", ""),
        hotline=values.get("hotline", ""),
        places=places,
    )


def read_csv(data, *, base_dir=None, port=443):
    """The rows of a wards CSV: (good rows, errors). A bad row is reported by its line and left
    out; the others stand. A host name or a name given twice is an error of its second row."""
    if len(data) > MAX_CSV_BYTES:
        raise WardError("Tệp quá lớn (tối đa 1 MB).")
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise WardError("Không đọc được tệp: hãy lưu tệp CSV với bảng mã UTF-8.")
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        raise WardError("Tệp trống.")
    columns = [HEADER_ALIASES.get(nfc(h).strip().lower()) for h in header]
    missing = [c for c, label in (("name", "ten"), ("hostname", "ten_mien")) if c not in columns]
    if missing:
        names = {"name": "ten (tên)", "hostname": "ten_mien (tên miền)"}
        raise WardError(f"Thiếu cột {', '.join(names[c] for c in missing)} ở dòng tiêu đề.")
    rows, errors, hosts, names = [], [], {}, {}
    for line, raw in enumerate(reader, start=2):
        if not any(cell.strip() for cell in raw):
            continue
        values = {col: cell for col, cell in zip(columns, raw, strict=False) if col}
        try:
            row = clean_row(values, line=line, base_dir=base_dir, port=port)
        except WardError as exc:
            errors.extend(exc.errors)
            continue
        if row.hostname in hosts:
            errors.append(
                f"Dòng {line}: tên miền «{row.hostname}» trùng với dòng {hosts[row.hostname]}."
            )
            continue
        if row.ward_name in names:
            errors.append(f"Dòng {line}: «{row.ward_name}» trùng với dòng {names[row.ward_name]}.")
            continue
        hosts[row.hostname], names[row.ward_name] = line, line
        rows.append(row)
    if not rows and not errors:
        raise WardError("Tệp không có dòng dữ liệu nào.")
    return rows, errors


def _welcome_site():
    """The default site while it still shows Wagtail's welcome page (a fresh install)."""
    return Site.objects.filter(is_default_site=True, root_page__content_type__model="page").first()


@transaction.atomic
def provision_ward(row):
    """Make or complete the ward of ``row``; all or nothing. Returns a WardResult."""
    pages_before = Page.objects.count()
    site = Site.objects.filter(hostname=row.hostname).select_related("root_page").first()
    same_name = WardSettings.objects.filter(ward_name=row.ward_name).select_related("site").first()
    created = site is None
    if site is not None:
        existing = (
            WardSettings.objects.filter(site=site).values_list("ward_name", flat=True).first()
        )
        if existing and existing != row.ward_name:
            raise WardError(f"{row.label}: tên miền «{row.hostname}» đã dùng cho «{existing}».")
        home = site.root_page.specific
        if not isinstance(home, HomePage):
            raise WardError(
                f"{row.label}: trang gốc của tên miền «{row.hostname}» không phải trang chủ "
                "phường/xã."
            )
    else:
        if row.is_city:
            city = WardSettings.objects.filter(is_city=True).select_related("site").first()
            if city is not None:
                raise WardError(
                    f"{row.label}: đã có trang của thành phố «{city.ward_name}» "
                    f"({city.site.hostname}); mỗi hệ thống chỉ có một."
                )
        if same_name is not None:
            raise WardError(
                f"{row.label}: «{row.ward_name}» đã có, với tên miền «{same_name.site.hostname}»."
            )
        slug = ascii_slug(row.ward_name)
        if Page.objects.filter(depth=2, slug=slug).exists():
            raise WardError(
                f"{row.label}: đã có trang chủ «{slug}» không gắn với tên miền nào; "
                "hãy gắn nó trong Cài đặt → Trang web hoặc xóa nó."
            )
        home = Page.get_first_root_node().add_child(
            instance=HomePage(
                title=row.ward_name,
                slug=slug,
                intro=CITY_HOME_INTRO if row.is_city else HOME_INTRO.format(unit=row.unit),
            )
        )
        home.save_revision().publish(skip_permission_checks=True)
        site = _welcome_site()
        welcome = site.root_page_id if site else None
        site = site or Site(is_default_site=not Site.objects.exists())
        site.hostname, site.port, site.site_name, site.root_page = (
            row.hostname,
            row.port,
            row.ward_name,
            home,
        )
        site.save()
        if welcome:
            # Wagtail's "Welcome to your new Wagtail site!" page has nothing to say to citizens.
            Page.objects.filter(pk=welcome, content_type__model="page").delete()
    if row.is_city:
        _, about = ward_pages.ensure_city_pages(home)
        english = None
    else:
        _, about, english = ward_pages.ensure_ward_pages(home, kind=row.kind)
    WardSettings.objects.get_or_create(
        site=site,
        defaults={
            "ward_name": row.ward_name,
            "is_city": row.is_city,
            "authority_name": f"Ủy ban nhân dân {row.unit} {row.name}",
            "address": row.address,
            "hotline": row.hotline,
            "dvc_unit_code": row.dvc_unit_code,
            "ihanoi_unit": row.ihanoi_unit,
            "about_page": about,
            "english_page": english,
        },
    )
    known = set(Place.objects.filter(site=site).values_list("code", flat=True))
    new_places = [Place(site=site, **place) for place in row.places if place["code"] not in known]
    for place in new_places:
        place.save()  # one by one: the search index follows each save
    setup_ward(site)
    return WardResult(
        row=row,
        site=site,
        created=created,
        new_pages=Page.objects.count() - pages_before,
        new_places=len(new_places),
    )
