"""Demo reports for the demo ward: every status, several places and categories, published
results with before/after photos. Names and phones are invented and clearly fake (0900 000 0xx).
Idempotent: each demo report has a fixed form token and is made once."""

import datetime
import json
from pathlib import Path

from django.core.files import File
from django.utils import timezone
from django.utils.html import escape
from PIL import Image, ImageDraw

from content.models import Place

from .models import (
    CLOSED_STATUSES,
    FeedbackCategory,
    FeedbackPhoto,
    FeedbackReport,
    FeedbackStatusEntry,
    InternalNote,
    Status,
    create_report,
)
from .photos import reencode

# token, category slug, place index, days ago, description, public title, steps, published
# steps: (status, hours after receipt, public note)
REPORTS = [
    (
        "demo-01",
        "ve-sinh-moi-truong",
        0,
        20,
        "Điểm tập kết rác đầu ngõ 12 bị dồn ứ nhiều ngày, bốc mùi, tràn ra lòng đường.",
        "Rác dồn ứ ở điểm tập kết đầu ngõ",
        [
            (Status.IN_PROGRESS, 2, "Đã giao tổ vệ sinh môi trường kiểm tra."),
            (
                Status.RESOLVED,
                20,
                "Công ty môi trường đã thu gom, phun khử mùi; tăng một chuyến thu gom buổi tối.",
            ),
        ],
        True,
    ),
    (
        "demo-02",
        "ha-tang-chieu-sang",
        1,
        15,
        "Ba cột đèn đường liền nhau không sáng, buổi tối đi lại rất tối.",
        "Đèn đường không sáng trên đường nội bộ",
        [
            (Status.IN_PROGRESS, 3, "Đã báo đơn vị quản lý chiếu sáng."),
            (Status.RESOLVED, 30, "Đã thay bóng và sửa dây nguồn cho ba cột đèn."),
        ],
        True,
    ),
    (
        "demo-03",
        "trat-tu-do-thi",
        2,
        10,
        "Quán ăn bày bàn ghế kín vỉa hè, người đi bộ phải xuống lòng đường.",
        "Lấn chiếm vỉa hè trước quán ăn",
        [
            (Status.IN_PROGRESS, 4, "Tổ trật tự đô thị đã kiểm tra, nhắc nhở."),
            (
                Status.RESOLVED,
                26,
                "Đã lập biên bản, hộ kinh doanh cam kết dọn vỉa hè; sẽ kiểm tra lại.",
            ),
        ],
        True,
    ),
    (
        "demo-04",
        "cap-thoat-nuoc",
        3,
        6,
        "Nắp cống bị vỡ giữa ngõ, rất nguy hiểm cho xe máy.",
        "Nắp cống vỡ giữa ngõ",
        [
            (Status.IN_PROGRESS, 1, "Đã rào chắn tạm thời."),
            (Status.PAUSED, 5, "Chờ công ty thoát nước cung cấp nắp cống mới."),
            (Status.IN_PROGRESS, 29, "Đã có vật tư, đang thay nắp cống."),
        ],
        False,
    ),
    (
        "demo-05",
        "cay-xanh",
        4,
        3,
        "Cành cây lớn gãy treo lơ lửng sau mưa bão.",
        "Cành cây gãy sau mưa",
        [
            (Status.IN_PROGRESS, 1, "Đã báo đội cây xanh."),
            (Status.PAUSED, 3, "Chờ xe thang của công ty cây xanh thành phố."),
        ],
        False,
    ),
    (
        "demo-06",
        "an-ninh-trat-tu",
        5,
        1,
        "Nhóm thanh niên tụ tập nẹt pô vào đêm khuya.",
        "Tụ tập gây ồn ào ban đêm",
        [],
        False,
    ),
    (
        "demo-07",
        "khac",
        6,
        12,
        "Đề nghị lắp thêm gương cầu lồi ở khúc cua.",
        "Đề nghị lắp gương cầu lồi",
        [(Status.FORWARDED, 6, "Thuộc thẩm quyền Ban quản lý dự án quận; đã chuyển văn bản.")],
        False,
    ),
    (
        "demo-08",
        "trat-tu-do-thi",
        7,
        9,
        "Phản ánh việc xây dựng của hàng xóm.",
        "",
        [(Status.REJECTED, 8, "Công trình đã có giấy phép xây dựng hợp lệ; không có vi phạm.")],
        False,
    ),
    (
        "demo-09",
        "ve-sinh-moi-truong",
        0,
        0,
        "Có người đổ trộm phế thải xây dựng ở bãi đất trống.",
        "",
        [],
        False,
    ),
    # Issue 21: the closings beyond "resolved", and a report the citizen reopened.
    (
        "demo-10",
        "ha-tang-chieu-sang",
        2,
        15,
        "Mặt đường ngõ 8 lún sâu, mưa là đọng nước.",
        "Mặt đường ngõ lún, đọng nước",
        [
            (Status.IN_PROGRESS, 3, "Đã khảo sát hiện trường."),
            (
                Status.UNFIXED,
                30,
                "Cần cải tạo cả tuyến ngõ, vượt kinh phí của phường; đã đưa vào kế hoạch năm sau.",
            ),
        ],
        False,
    ),
    (
        "demo-11",
        "khac",
        3,
        9,
        "Cột điện cao thế nghiêng sau bão.",
        "Cột điện nghiêng sau bão",
        [
            (
                Status.OUT_OF_SCOPE,
                2,
                "Lưới điện cao thế do Công ty Điện lực quản lý; đã báo Điện lực khu vực.",
            )
        ],
        False,
    ),
    (
        "demo-12",
        "ha-tang-chieu-sang",
        4,
        6,
        "Đèn đường trước nhà văn hóa tổ 4 lại tắt.",
        "Đèn đường trước nhà văn hóa tắt",
        [
            (Status.IN_PROGRESS, 2, "Đã giao đội điện chiếu sáng."),
            (Status.RESOLVED, 10, "Đã thay bóng đèn."),
            (
                Status.REOPENED,
                40,
                "Người phản ánh báo sự việc chưa được khắc phục; phản ánh được mở lại.",
            ),
        ],
        False,
    ),
]
FORWARD_TO = {"demo-07": "Ban quản lý dự án đầu tư xây dựng khu vực"}


# iHanoi items as the sync would bring them (feedback/ihanoi.py), marked "iHanoi" in lists.
IHANOI_ITEMS = [
    {
        "id": "IH-DEMO-001",
        "title": "Ổ gà lớn trên đường nội bộ khu đô thị",
        "category": "Hạ tầng, giao thông, chiếu sáng",
        "days": 8,
        "status": "da_xu_ly",
        "response": "Đã vá ổ gà bằng bê tông nhựa.",
        "rating": 5,
    },
    {
        "id": "IH-DEMO-002",
        "title": "Nước thải chảy tràn ra đường sau mưa",
        "category": "Cấp thoát nước, ngập úng",
        "days": 4,
        "status": "dang_xu_ly",
        "response": "",
        "rating": None,
    },
    {
        "id": "IH-DEMO-003",
        "title": "Biển quảng cáo che khuất biển báo giao thông",
        "category": "Trật tự đô thị",
        "days": 2,
        "status": "moi",
        "response": "",
        "rating": None,
    },
]
GUIDE_SLUG = "huong-dan-dung-ihanoi"
GUIDE_TITLE = "Hướng dẫn gửi phản ánh qua ứng dụng iHanoi"
GUIDE_INTRO = "Cài ứng dụng iHanoi trên điện thoại và gửi phản ánh tới phường trong sáu bước."
# The steps and their pictures (illustrations drawn by bin/build_demo_assets.py, committed).
GUIDE_DIR = Path(__file__).parent / "demo_ihanoi"
GUIDE_OPENING = (
    "iHanoi là ứng dụng của UBND thành phố Hà Nội để người dân gửi phản ánh về những việc "
    "thấy ở nơi mình sống: rác thải, đèn đường hỏng, ổ gà, lấn chiếm vỉa hè… Phản ánh được "
    "chuyển tới phường, và bạn xem được phường xử lý đến đâu. Các hình dưới đây là hình minh "
    "họa, có thể khác đôi chút với ứng dụng trên điện thoại của bạn."
)
GUIDE_CLOSING = (
    "Không dùng điện thoại thông minh? Bạn có thể gửi phản ánh ngay trên Cổng thông tin này "
    "(mục «Gửi phản ánh mới») hoặc đến trụ sở UBND phường; con cháu hoặc tổ trưởng tổ dân phố "
    "cũng có thể gửi giúp."
)


def _picture(colour, label, size=(640, 480)):
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle([20, size[1] - 120, size[0] - 20, size[1] - 20], fill=(255, 255, 255))
    draw.text((40, size[1] - 90), label, fill=(0, 0, 0))
    return reencode(image)


def seed(page, stdout=None):
    site = page.get_site()
    places = list(Place.objects.filter(site=site).order_by("sort_order")[:8])
    categories = {c.slug: c for c in FeedbackCategory.objects.all()}
    made = 0
    now = timezone.now()
    for number, (token, slug, place_i, days, text, title, steps, published) in enumerate(REPORTS):
        if FeedbackReport.objects.filter(site=site, submission_token=token).exists():
            continue
        received = now - datetime.timedelta(days=days, hours=number)
        photos = [_picture((150, 120, 90), "Truoc xu ly")] if steps and published else []
        report, created = create_report(
            site=site,
            token=token,
            photos=photos,
            category=categories[slug],
            place=places[place_i % len(places)] if places else None,
            description=text,
            public_title=title,
            address=f"Số {10 + number} ngõ {number + 3} (địa chỉ minh họa)",
            contact_name="Người dân Minh Họa",
            contact_phone=f"0900000{number:03d}",
            consent_at=received,
            consent_version="2026-01",
            received_at=received,
        )
        if not created:
            continue
        FeedbackReport.objects.filter(pk=report.pk).update(notified_at=received)
        for status, hours, note in steps:
            entry = FeedbackStatusEntry.objects.create(
                report=report,
                status=status,
                note=note,
                created_at=received + datetime.timedelta(hours=hours),
            )
            report.status = status
            report.closed_at = entry.created_at if status in CLOSED_STATUSES else None
            if status == Status.REOPENED:
                report.reopen_count += 1
        pauses = report.pauses()
        if report.status != Status.PAUSED:
            report.due_at = report.compute_due_at(pauses)
        report.forwarded_to = FORWARD_TO.get(token, "")
        report.publish_result = published
        if published:
            report.public_answer = steps[-1][2]
            # Staff chose the before and after pictures for the published result.
            report.photos.update(is_public=True)
            after = _picture((90, 150, 110), "Sau xu ly")
            photo = FeedbackPhoto(
                report=report,
                kind=FeedbackPhoto.Kind.AFTER,
                width=after.width,
                height=after.height,
                is_public=True,
            )
            photo.file.save("anh.jpg", after.content_file(), save=False)
            photo.save()
        if report.status == Status.RESOLVED:
            report.rating = 5 if number % 2 == 0 else 4
        report.save()
        if steps:
            InternalNote.objects.create(report=report, text="Đã gọi điện xác minh với tổ trưởng.")
        made += 1
    made += _seed_ihanoi(site, now)
    _seed_guide(page)
    if stdout:
        stdout.write(f"Feedback reports: {made} created.")
    return made


def _seed_ihanoi(site, now):
    from content.models import SyncRun

    from .ihanoi import apply, check_items

    raw = [
        {
            "id": entry["id"],
            "title": entry["title"],
            "category": entry["category"],
            "address": "Địa chỉ minh họa",
            "created_at": (now - datetime.timedelta(days=entry["days"])).isoformat(),
            "status": entry["status"],
            "resolved_at": (
                (now - datetime.timedelta(days=entry["days"] - 1)).isoformat()
                if entry["status"] == "da_xu_ly"
                else None
            ),
            "response": entry["response"],
            "rating": entry["rating"],
        }
        for entry in IHANOI_ITEMS
    ]
    if FeedbackReport.objects.filter(external_id=IHANOI_ITEMS[0]["id"]).exists():
        return 0
    items, errors = check_items(raw)
    assert not errors, errors
    # Not logged as a sync run: the log is for real upstreams, and tests count its rows.
    run = SyncRun(source="feedback.ihanoi")
    apply(site, items, run)
    return run.created


def _seed_guide(page):
    """The iHanoi guide under the pillar: a step per picture, each with its alt text. Idempotent:
    the images are made once (found again by title), and a guide page that already has its
    pictures is left alone (an older one without pictures gets them)."""
    from content.models import StandardPage

    guide = StandardPage.objects.child_of(page).filter(slug=GUIDE_SLUG).first()
    if guide is not None and any(block.block_type == "image" for block in guide.body):
        return
    steps = json.loads((GUIDE_DIR / "guide.json").read_text(encoding="utf-8"))
    collection = _collection(page)
    body = [{"type": "paragraph", "value": f"<p>{GUIDE_OPENING}</p>"}]
    for number, step in enumerate(steps, start=1):
        title = f"Bước {number}: {step['title']}"
        body += [
            {"type": "heading", "value": {"text": title}},
            {"type": "paragraph", "value": f"<p>{escape(step['text'])}</p>"},
            {
                "type": "image",
                "value": {
                    "image": _guide_image(f"iHanoi – {title}", step["image"], collection).pk,
                    "alt_text": step["alt"],
                    "decorative": False,
                },
            },
        ]
    body.append({"type": "paragraph", "value": f"<p>{GUIDE_CLOSING}</p>"})
    if guide is None:
        guide = page.add_child(
            instance=StandardPage(slug=GUIDE_SLUG, title=GUIDE_TITLE, intro=GUIDE_INTRO, body=body)
        )
    else:
        guide.intro, guide.body = GUIDE_INTRO, body
    guide.save_revision().publish(skip_permission_checks=True)


def _collection(page):
    """The ward's collection for the pillar (made by setup_ward), or the root collection."""
    from wagtail.models import Collection

    return (
        Collection.objects.filter(name=page.title).order_by("-depth").first()
        or Collection.get_first_root_node()
    )


def _guide_image(title, filename, collection):
    from wagtail.images import get_image_model

    model = get_image_model()
    image = model.objects.filter(title=title, collection=collection).first()
    if image is None:
        with (GUIDE_DIR / filename).open("rb") as handle:
            image = model(title=title, collection=collection)
            image.file.save(filename, File(handle), save=False)
            image.save()
    return image
