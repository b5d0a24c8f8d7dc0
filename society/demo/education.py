"""Demo education data of a ward: ten schools, this school year's enrolment zones for every
residential group, the licensed private pre-school groups (and one whose licence was revoked,
which the public list leaves out), and the education page. Names are those of the area's
schools in style only; phone numbers are neutral 0243 000 xxxx numbers."""

import datetime

from django.utils import timezone

from content.models import Place

from ..models import (
    EducationPage,
    EnrolmentZone,
    Ownership,
    PrivatePreschool,
    School,
    SchoolLevel,
    SchoolYear,
)
from .pages import child

PRE, PRI, SEC = SchoolLevel.PRESCHOOL, SchoolLevel.PRIMARY, SchoolLevel.LOWER_SECONDARY
PUBLIC, PRIVATE = Ownership.PUBLIC, Ownership.PRIVATE

# (name, level, ownership, address, phone, licence decision)
SCHOOLS = [
    (
        "Trường Mầm non Cầu Diễn",
        PRE,
        PUBLIC,
        "Số 5 ngõ 80 phố Cầu Diễn",
        "0243 000 2101",
        "1520/QĐ-UBND ngày 20/8/2015",
    ),
    (
        "Trường Mầm non Mỹ Đình",
        PRE,
        PUBLIC,
        "Số 12 đường Mỹ Đình",
        "0243 000 2102",
        "1521/QĐ-UBND ngày 20/8/2015",
    ),
    (
        "Trường Mầm non Phú Đô",
        PRE,
        PUBLIC,
        "Số 3 ngõ 15 đường Phú Đô",
        "0243 000 2103",
        "1522/QĐ-UBND ngày 20/8/2015",
    ),
    (
        "Trường Mầm non tư thục Hoa Sen",
        PRE,
        PRIVATE,
        "Số 27 ngõ 102 đường Mỹ Đình",
        "0243 000 2104",
        "2087/QĐ-UBND ngày 05/9/2019",
    ),
    (
        "Trường Tiểu học Cầu Diễn",
        PRI,
        PUBLIC,
        "Số 9 phố Cầu Diễn",
        "0243 000 2201",
        "1530/QĐ-UBND ngày 20/8/2015",
    ),
    (
        "Trường Tiểu học Mỹ Đình",
        PRI,
        PUBLIC,
        "Số 40 đường Mỹ Đình",
        "0243 000 2202",
        "1531/QĐ-UBND ngày 20/8/2015",
    ),
    (
        "Trường Tiểu học Phú Đô",
        PRI,
        PUBLIC,
        "Số 18 đường Phú Đô",
        "0243 000 2203",
        "1532/QĐ-UBND ngày 20/8/2015",
    ),
    (
        "Trường THCS Cầu Diễn",
        SEC,
        PUBLIC,
        "Số 21 phố Cầu Diễn",
        "0243 000 2301",
        "1540/QĐ-UBND ngày 20/8/2015",
    ),
    (
        "Trường THCS Mỹ Đình",
        SEC,
        PUBLIC,
        "Số 64 đường Mỹ Đình",
        "0243 000 2302",
        "1541/QĐ-UBND ngày 20/8/2015",
    ),
    (
        "Trường THCS tư thục Minh Trí",
        SEC,
        PRIVATE,
        "Số 7 ngõ 33 đường Phú Đô",
        "0243 000 2303",
        "3015/QĐ-UBND ngày 28/7/2021",
    ),
]

# Residential groups 1–31 go to the Cầu Diễn schools, 32–62 to Mỹ Đình, 63–76 to Phú Đô (pre-
# school and primary) and Mỹ Đình (lower secondary).
ZONES = [
    (range(1, 32), "Trường Mầm non Cầu Diễn", "Trường Tiểu học Cầu Diễn", "Trường THCS Cầu Diễn"),
    (range(32, 63), "Trường Mầm non Mỹ Đình", "Trường Tiểu học Mỹ Đình", "Trường THCS Mỹ Đình"),
    (range(63, 77), "Trường Mầm non Phú Đô", "Trường Tiểu học Phú Đô", "Trường THCS Mỹ Đình"),
]

# (name, address, residential group number, hotline, decision number, licensed on, status)
PRESCHOOL_GROUPS = [
    (
        "Nhóm trẻ độc lập tư thục Ban Mai",
        "Số 14 ngõ 25 phố Cầu Diễn",
        4,
        "0243 000 3101",
        "812/QĐ-UBND",
        datetime.date(2024, 8, 12),
        PrivatePreschool.Status.LICENSED,
    ),
    (
        "Nhóm trẻ độc lập tư thục Sóc Nâu",
        "Số 6 ngõ 57 phố Cầu Diễn",
        17,
        "0243 000 3102",
        "905/QĐ-UBND",
        datetime.date(2025, 7, 30),
        PrivatePreschool.Status.LICENSED,
    ),
    (
        "Lớp mẫu giáo độc lập tư thục Hướng Dương",
        "Số 31 ngõ 102 đường Mỹ Đình",
        38,
        "0243 000 3103",
        "1146/QĐ-UBND",
        datetime.date(2025, 9, 8),
        PrivatePreschool.Status.LICENSED,
    ),
    (
        "Nhóm trẻ độc lập tư thục Ong Vàng",
        "Số 2 ngõ 68 đường Mỹ Đình",
        51,
        "0243 000 3104",
        "377/QĐ-UBND",
        datetime.date(2026, 3, 16),
        PrivatePreschool.Status.LICENSED,
    ),
    (
        "Nhóm trẻ độc lập tư thục Cầu Vồng",
        "Số 19 ngõ 15 đường Phú Đô",
        70,
        "0243 000 3105",
        "1288/QĐ-UBND",
        datetime.date(2026, 8, 21),
        PrivatePreschool.Status.LICENSED,
    ),
    (
        "Nhóm trẻ độc lập tư thục Thỏ Trắng",
        "Số 40 ngõ 9 đường Phú Đô",
        66,
        "0243 000 3106",
        "640/QĐ-UBND",
        datetime.date(2023, 6, 2),
        PrivatePreschool.Status.REVOKED,
    ),
]

PAGE_BODY = [
    {
        "type": "paragraph",
        "value": "<p>Tuyến tuyển sinh do UBND phường giao theo nơi cư trú của trẻ. Trẻ vào lớp 1 "
        "và lớp 6 đăng ký tuyển sinh trực tuyến theo hướng dẫn của Sở Giáo dục và Đào tạo; "
        "trẻ mầm non đăng ký tại trường được phân tuyến. Phụ huynh cần hỗ trợ xin liên hệ "
        "bộ phận Văn hóa – Xã hội, điện thoại 0243 000 5678.</p>",
    }
]


def current_start_year(today=None):
    """A school year starts in August: in December 2026 it is 2026–2027."""
    today = today or timezone.localdate()
    return today.year if today.month >= 8 else today.year - 1


def seed(pillar, site):
    """Schools, this year's zones, pre-school groups and the page. Returns new page count."""
    schools = {}
    for order, (name, level, ownership, address, phone, decision) in enumerate(SCHOOLS):
        schools[name], _ = School.objects.get_or_create(
            site=site,
            name=name,
            defaults={
                "level": level,
                "ownership": ownership,
                "address": f"{address}, phường Từ Liêm",
                "phone": phone,
                "licence_reference": f"Quyết định {decision}",
                "sort_order": order,
            },
        )
    year, _ = SchoolYear.objects.get_or_create(
        site=site,
        start_year=current_start_year(),
        defaults={
            "is_published": True,
            "decision": "Quyết định số 1065/QĐ-UBND ngày 15/5/2026 về giao chỉ tiêu và phân "
            "tuyến tuyển sinh",
        },
    )
    places = {p.code: p for p in Place.objects.filter(site=site)}
    have = set(year.zones.values_list("place_id", flat=True))
    new = []
    for numbers, preschool, primary, secondary in ZONES:
        for number in numbers:
            place = places.get(f"tdp-{number:02d}")
            if place is None or place.pk in have:
                continue
            new.append(
                EnrolmentZone(
                    year=year,
                    place=place,
                    preschool=schools[preschool],
                    primary=schools[primary],
                    lower_secondary=schools[secondary],
                )
            )
    EnrolmentZone.objects.bulk_create(new)
    for name, address, group, hotline, number, licensed_on, status in PRESCHOOL_GROUPS:
        PrivatePreschool.objects.get_or_create(
            site=site,
            name=name,
            defaults={
                "address": f"{address}, phường Từ Liêm",
                "place": places.get(f"tdp-{group:02d}"),
                "hotline": hotline,
                "licence_number": number,
                "licence_date": licensed_on,
                "status": status,
                "capacity": 40,
            },
        )
    _, created = child(
        pillar,
        EducationPage,
        "giao-duc",
        title="Giáo dục",
        intro="Con tôi học trường nào? Chọn tổ dân phố để biết trường mầm non, tiểu học, THCS "
        "năm học này; danh sách trường và nhóm trẻ tư thục được cấp phép.",
        search_description="Tra cứu trường mầm non, tiểu học, THCS theo tổ dân phố.",
        body=PAGE_BODY,
    )
    return int(created)
