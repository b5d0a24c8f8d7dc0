"""Demo health content: the «Y tế» page and its «Điểm dịch» page, about a month of health
events from the seed date on (one already past, to show that it drops off), and two hot spots
near Từ Liêm (one dengue cluster watched, one hand-foot-mouth outbreak over)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from content.models import Place
from content.ward_pages import structure_page

from ..models import HealthEvent, HotSpot
from ..signal_handlers import reindex_once

STATION = "Trạm Y tế phường, số 2 đường Trung tâm phường"
CONTACT = "Trạm Y tế phường – 0243 000 0115"
VACCINATION_BRING = "Sổ tiêm chủng hoặc ứng dụng VNeID (mục Sổ sức khỏe điện tử) của trẻ."
SPRAYING_NOTES = (
    "Mở cửa cho đội phun vào nhà; che đậy thức ăn, nước uống, bể cá; đưa trẻ nhỏ, người già "
    "và vật nuôi ra ngoài trong 30 phút."
)


def tdp(*numbers):
    return [f"tdp-{n:02d}" for n in numbers]


def next_day_of_month(today, day):
    """The next date on or after ``today`` that falls on ``day`` of a month."""
    candidate = today.replace(day=day) if today.day <= day else None
    if candidate is None:
        month = today.replace(day=1) + datetime.timedelta(days=32)
        candidate = month.replace(day=day)
    return candidate


def vitamin_a_day(today):
    """The national vitamin A days are 1 June and 1 December; outside a month before one of
    them the demo holds a catch-up round a week ahead."""
    for month in (6, 12):
        for year in (today.year, today.year + 1):
            day = datetime.date(year, month, 1)
            if 0 <= (day - today).days <= 30:
                return day, "Ngày vi chất dinh dưỡng"
    return today + datetime.timedelta(days=7), "Đợt uống bổ sung"


def events(today):
    """(offset or date, kind, title, start, end, venue, places, eligible, bring, notes)."""
    ten = next_day_of_month(today, 10)
    vitamin_a, vitamin_label = vitamin_a_day(today)
    K = HealthEvent.Kind
    return [
        (
            today - datetime.timedelta(days=5),
            K.SPRAYING,
            "Phun thuốc diệt muỗi đợt 1 khu vực ổ dịch sốt xuất huyết",
            "07:30",
            "11:00",
            "Từng hộ gia đình trong khu vực",
            tdp(12, 13),
            "",
            "",
            SPRAYING_NOTES,
        ),
        (
            ten,
            K.VACCINATION,
            f"Tiêm chủng mở rộng tháng {ten.month} (ngày thứ nhất)",
            "07:30",
            "11:00",
            STATION,
            [],
            "Trẻ em dưới 5 tuổi theo lịch hẹn trong sổ tiêm chủng; phụ nữ có thai tiêm uốn ván.",
            VACCINATION_BRING,
            "Trẻ đang sốt hoặc mắc bệnh cấp tính được hẹn tiêm lại. Ở lại 30 phút sau tiêm để "
            "theo dõi.",
        ),
        (
            ten + datetime.timedelta(days=1),
            K.VACCINATION,
            f"Tiêm chủng mở rộng tháng {ten.month} (ngày thứ hai)",
            "07:30",
            "11:00",
            STATION,
            [],
            "Trẻ em dưới 5 tuổi chưa tiêm được ngày thứ nhất.",
            VACCINATION_BRING,
            "",
        ),
        (
            vitamin_a,
            K.VITAMIN_A,
            f"{vitamin_label}: uống vitamin A cho trẻ Cụm dân cư số 1–4",
            "07:30",
            "16:30",
            "Nhà văn hóa Cụm dân cư số 1",
            tdp(*range(1, 39)),
            "Trẻ từ 6 đến 36 tháng tuổi; bà mẹ sau sinh trong vòng một tháng.",
            "Sổ tiêm chủng hoặc giấy khai sinh của trẻ.",
            "Trẻ uống tại chỗ dưới sự hướng dẫn của cán bộ y tế; không mang thuốc về nhà.",
        ),
        (
            vitamin_a,
            K.VITAMIN_A,
            f"{vitamin_label}: uống vitamin A cho trẻ Cụm dân cư số 5–8",
            "07:30",
            "16:30",
            "Nhà văn hóa Cụm dân cư số 5",
            tdp(*range(39, 77)),
            "Trẻ từ 6 đến 36 tháng tuổi; bà mẹ sau sinh trong vòng một tháng.",
            "Sổ tiêm chủng hoặc giấy khai sinh của trẻ.",
            "Trẻ uống tại chỗ dưới sự hướng dẫn của cán bộ y tế; không mang thuốc về nhà.",
        ),
        (
            today + datetime.timedelta(days=2),
            K.SPRAYING,
            "Phun thuốc diệt muỗi đợt 2 khu vực ổ dịch sốt xuất huyết",
            "07:30",
            "11:00",
            "Từng hộ gia đình trong khu vực",
            tdp(12, 13, 14),
            "",
            "",
            SPRAYING_NOTES,
        ),
        (
            today + datetime.timedelta(days=4),
            K.CLEAN_UP,
            "Chiến dịch diệt bọ gậy, vệ sinh môi trường phòng sốt xuất huyết",
            "07:00",
            "09:00",
            "Tại từng tổ dân phố, tập trung ở nhà văn hóa tổ",
            [],
            "Tất cả hộ gia đình.",
            "Bao tải, găng tay để thu gom vật dụng đọng nước.",
            "Lật úp, thu gom chai lọ, lốp xe; thả cá vào bể nước; thay nước bình hoa hằng tuần.",
        ),
        (
            today + datetime.timedelta(days=6),
            K.SPRAYING,
            "Phun thuốc diệt muỗi chủ động khu vực có ca sốt xuất huyết tản phát",
            "14:00",
            "17:00",
            "Từng hộ gia đình trong khu vực",
            tdp(30, 31),
            "",
            "",
            SPRAYING_NOTES,
        ),
        (
            today + datetime.timedelta(days=9),
            K.SPRAYING,
            "Phun thuốc diệt muỗi đợt 3 khu vực ổ dịch sốt xuất huyết",
            "07:30",
            "11:00",
            "Từng hộ gia đình trong khu vực",
            tdp(12, 13, 14),
            "",
            "",
            SPRAYING_NOTES,
        ),
        (
            today + datetime.timedelta(days=13),
            K.HEALTH_CHECK,
            "Khám sức khỏe định kỳ cho người cao tuổi Cụm dân cư số 5",
            "07:30",
            "11:30",
            "Nhà văn hóa Cụm dân cư số 5",
            tdp(*range(39, 49)),
            "Người từ 60 tuổi trở lên.",
            "Thẻ bảo hiểm y tế hoặc CCCD; đơn thuốc đang dùng (nếu có).",
            "Nhịn ăn sáng nếu muốn xét nghiệm đường huyết.",
        ),
        (
            today + datetime.timedelta(days=18),
            K.VACCINATION,
            "Tiêm bổ sung vắc xin sởi – rubella cho trẻ 1 đến 5 tuổi",
            "07:30",
            "11:00",
            "Nhà văn hóa Cụm dân cư số 1",
            tdp(*range(1, 21)),
            "Trẻ từ 1 đến 5 tuổi chưa tiêm đủ hai mũi vắc xin có thành phần sởi.",
            VACCINATION_BRING,
            "",
        ),
        (
            today + datetime.timedelta(days=22),
            K.HEALTH_CHECK,
            "Khám sàng lọc tăng huyết áp và đái tháo đường miễn phí",
            "07:30",
            "11:00",
            STATION,
            [],
            "Người từ 40 tuổi trở lên.",
            "Thẻ bảo hiểm y tế hoặc CCCD.",
            "Nhịn ăn sáng để xét nghiệm đường huyết.",
        ),
        (
            today + datetime.timedelta(days=27),
            K.SPRAYING,
            "Phun thuốc diệt muỗi khu vực chợ và trường học",
            "14:00",
            "17:00",
            "Chợ dân sinh và các trường trên địa bàn",
            tdp(20, 21, 22, 55, 56),
            "",
            "",
            SPRAYING_NOTES,
        ),
    ]


def hot_spots(today):
    return [
        {
            "disease": HotSpot.Disease.DENGUE,
            "area": "Ngõ 12 và ngõ 14 khu dân cư tổ dân phố số 12, 13",
            "places": tdp(12, 13),
            "since": today - datetime.timedelta(days=9),
            "status": HotSpot.Status.WATCHED,
            "cases": 7,
            "latitude": Decimal("21.04250"),
            "longitude": Decimal("105.76120"),
            "advice": (
                "Đậy kín dụng cụ chứa nước, lật úp vật dụng đọng nước, ngủ màn cả ban ngày. "
                "Khi sốt cao đột ngột, không tự truyền dịch: đến ngay Trạm Y tế phường hoặc bệnh "
                "viện."
            ),
        },
        {
            "disease": HotSpot.Disease.HAND_FOOT_MOUTH,
            "area": "Nhóm trẻ tư thục khu dân cư tổ dân phố số 33",
            "places": tdp(33),
            "since": today - datetime.timedelta(days=40),
            "status": HotSpot.Status.ENDED,
            "ended_on": today - datetime.timedelta(days=12),
            "cases": 3,
            "latitude": Decimal("21.03680"),
            "longitude": Decimal("105.76940"),
            "advice": (
                "Rửa tay bằng xà phòng cho trẻ và người chăm sóc; lau sàn, đồ chơi bằng "
                "cloramin B. Trẻ sốt, loét miệng, nổi bóng nước ở tay chân: đưa đi khám."
            ),
        },
    ]


def seed(pillar, stdout=None):
    """Idempotent: pages are found by slug; events and hot spots are added once per ward."""
    site = pillar.get_site()
    health = structure_page(pillar, "y-te")
    structure_page(pillar, "y-te/diem-dich")
    if HealthEvent.objects.filter(site=site).exists():
        return health
    with reindex_once(site.pk):
        today = timezone.localdate()
        places = {place.code: place for place in Place.objects.filter(site=site)}
        for date, kind, title, start, end, venue, codes, eligible, bring, notes in events(today):
            event = HealthEvent.objects.create(
                site=site,
                kind=kind,
                title=title,
                date=date,
                start_time=datetime.time.fromisoformat(start),
                end_time=datetime.time.fromisoformat(end),
                venue=venue,
                eligible=eligible,
                bring=bring,
                notes=notes,
                contact=CONTACT,
            )
            event.places.set([places[code] for code in codes if code in places])
        for values in hot_spots(today):
            codes = values.pop("places")
            spot = HotSpot.objects.create(site=site, **values)
            spot.places.set([places[code] for code in codes if code in places])
    if stdout:
        stdout.write(
            f"Health: {HealthEvent.objects.filter(site=site).count()} events, "
            f"{HotSpot.objects.filter(site=site).count()} hot spots."
        )
    return health
