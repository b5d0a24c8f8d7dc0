"""Demo emergency notices: one that has ended (a typhoon in the autumn), so the emergency
page has something to show and the site has no banner by default (a live banner on a demo
would confuse visitors). Docs: docs/society.md, "Emergency notices". Phone numbers are
invented."""

import datetime

from django.utils import timezone

from content.models import Place

from ..models import EmergencyIndexPage, EmergencyNoticePage

STORM_SLUG = "ung-pho-bao-so-3"


def _place(site, code):
    """The id of a residential group for a chooser block, or None."""
    return Place.objects.filter(site=site, code=code).values_list("pk", flat=True).first()


def seed(pillar, stdout=None):
    """Add the demo notices under the emergency section of ``pillar`` (a SocietyPage)."""
    index = EmergencyIndexPage.objects.child_of(pillar).first()
    if index is None or EmergencyNoticePage.objects.child_of(index).filter(slug=STORM_SLUG):
        return []
    site = pillar.get_site()
    ends = timezone.now().replace(minute=0, second=0, microsecond=0) - datetime.timedelta(days=80)
    starts = ends - datetime.timedelta(days=3)
    points = [
        {
            "kind": "so-tan",
            "name": "Trường Tiểu học Phú Diễn (điểm sơ tán chính)",
            "address": "Số 12 đường Phú Diễn",
            "place": _place(site, "tdp-03"),
            "capacity": 300,
            "phone": "0243 000 7101",
            "provides": "Chỗ ngủ, nước uống, suất ăn ba bữa, sạc điện thoại",
            "map_url": "",
        },
        {
            "kind": "so-tan",
            "name": "Nhà văn hóa tổ dân phố số 9",
            "address": "Ngõ 45 phố Văn Tiến Dũng",
            "place": _place(site, "tdp-09"),
            "capacity": 80,
            "phone": "0243 000 7102",
            "provides": "Chỗ ngủ, nước uống, chăn màn",
            "map_url": "",
        },
        {
            "kind": "cuu-tro",
            "name": "Điểm cứu trợ tại trụ sở UBND phường",
            "address": "Sân trụ sở UBND phường",
            "place": None,
            "capacity": None,
            "phone": "0243 000 7100",
            "provides": "Nhận và phát hàng cứu trợ, áo mưa, đèn pin, lương thực",
            "map_url": "",
        },
        {
            "kind": "y-te",
            "name": "Trạm Y tế phường",
            "address": "Số 2 phố Kiều Mai",
            "place": None,
            "capacity": None,
            "phone": "0243 000 7103",
            "provides": "Sơ cứu, thuốc thông thường, trực 24/24 giờ trong thời gian bão",
            "map_url": "",
        },
    ]
    notice = EmergencyNoticePage(
        slug=STORM_SLUG,
        title="Ứng phó bão số 3: sơ tán dân ở khu vực trũng và nhà yếu",
        intro="Bão số 3 gây mưa rất to; UBND phường sơ tán các hộ ở nhà tạm, nhà yếu và khu "
        "vực trũng ven sông Pheo đến các điểm an toàn.",
        search_description="Điểm sơ tán, cứu trợ của phường trong thời gian bão số 3.",
        level="khan-cap",
        banner_message="Bão số 3: các hộ ở nhà tạm, nhà yếu, khu vực trũng di chuyển đến điểm "
        "sơ tán trước 18:00 hôm nay. Hạn chế ra đường khi mưa to, gió mạnh.",
        starts_at=starts,
        ends_at=ends,
        body=[
            {
                "type": "paragraph",
                "value": "<p>Người dân theo dõi loa truyền thanh của tổ dân phố; chằng chống "
                "nhà cửa, cắt điện khi nước vào nhà; không trú dưới cây to, cột điện, biển "
                "quảng cáo.</p>",
            },
            {
                "type": "callout",
                "value": {
                    "kind": "warning",
                    "title": "Cần hỗ trợ khẩn cấp",
                    "text": "<p>Gọi Ban Chỉ huy phòng thủ dân sự phường 0243 000 7100 (trực "
                    "24/24 giờ) hoặc tổ trưởng tổ dân phố.</p>",
                },
            },
        ],
        relief_points=[{"type": "point", "value": point} for point in points],
    )
    index.add_child(instance=notice)
    notice.save_revision().publish(skip_permission_checks=True)
    if stdout:
        stdout.write("Emergency notices: 1 new (ended).")
    return [notice]
