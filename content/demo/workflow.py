"""Demo pages left at every step of the five-step workflow, so that a newcomer can walk it
with the demo accounts (README: "Walk the workflow")."""

import datetime

from django.utils import timezone
from wagtail.models import Page

from content.models import SectionPage, StandardPage

SECTION = "van-hoa-xa-hoi"
CONTACT = "Phòng Văn hóa – Xã hội, điện thoại Bộ phận Một cửa"
SHARE_TEXT = "Thông tin chính thức của UBND phường gửi người dân."

# (slug, title, intro, source reference, step reached, tags). A page without tags also lacks
# its share text: step 4 (the portal admins) must add both before it can publish.
PAGES = [
    (
        "ke-hoach-kham-suc-khoe-nguoi-cao-tuoi-2027",
        "Kế hoạch khám sức khỏe định kỳ cho người cao tuổi năm 2027",
        "Trạm Y tế phường khám sức khỏe miễn phí cho người từ 60 tuổi trở lên theo lịch của từng tổ dân phố.",
        "Kế hoạch số 12/KH-TYT",
        1,
        ["y tế", "người cao tuổi"],
    ),
    (
        "phun-thuoc-diet-muoi-dot-1-thang-12",
        "Thông báo lịch phun thuốc diệt muỗi phòng sốt xuất huyết, đợt 1 tháng 12",
        "Phun thuốc tại 20 tổ dân phố có nguy cơ cao; người dân đóng kín thức ăn, nước uống khi phun.",
        "Thông báo số 215/TB-UBND",
        2,
        ["y tế", "sốt xuất huyết"],
    ),
    (
        "ho-tro-tien-dien-ho-ngheo",
        "Hướng dẫn đăng ký hỗ trợ tiền điện cho hộ nghèo, hộ chính sách xã hội",
        "Hộ nghèo, hộ chính sách xã hội được hỗ trợ tiền điện hằng tháng; đăng ký tại Bộ phận Một cửa.",
        "Quyết định số 28/2014/QĐ-TTg",
        3,
        ["an sinh xã hội"],
    ),
    (
        "tiem-bo-sung-vac-xin-soi-rubella",
        "Thông báo tiêm bổ sung vắc xin sởi – rubella cho trẻ từ 1 đến 5 tuổi",
        "Trẻ chưa tiêm đủ mũi sởi – rubella được tiêm miễn phí tại Trạm Y tế phường.",
        "Kế hoạch số 140/KH-UBND",
        4,
        ["y tế", "tiêm chủng"],
    ),
    (
        "diem-tiem-chung-dich-vu",
        "Danh sách điểm tiêm chủng dịch vụ được cấp phép trên địa bàn phường",
        "Các cơ sở tiêm chủng dịch vụ đủ điều kiện hoạt động, cập nhật theo công bố của Sở Y tế.",
        "Công bố của Sở Y tế ngày 05/11/2026",
        4,
        [],
    ),
]


def _user_for_step(users, step):
    return {2: users["tuphap"], 3: users["lanhdao"], 4: users["quantri"]}[step]


def ensure_pages_at_every_step(home, workflow, users):
    section = SectionPage.objects.child_of(home).get(slug=SECTION)
    author = users["chuyenmon"]
    for slug, title, intro, source, reached, tags in PAGES:
        if Page.objects.child_of(section).filter(slug=slug).exists():
            continue
        page = StandardPage(
            title=title,
            slug=slug,
            intro=intro,
            live=False,
            source_reference=source,
            contact_point=CONTACT,
            search_description=SHARE_TEXT if tags else "",
            body=[{"type": "paragraph", "value": f"<p>{intro}</p>"}],
        )
        section.add_child(instance=page)
        page.tags.set(tags)
        page.save_revision(user=author)
        if reached == 1:
            continue
        state = workflow.start(page, author)
        for step in range(2, reached):
            task_state = state.current_task_state
            task_state.task.specific.on_action(
                task_state,
                _user_for_step(users, step),
                "approve",
                comment="Đồng ý." if step == 2 else "",
            )
            state.refresh_from_db()

    # A published page with a public history: updated once after its first publication.
    updated = StandardPage.objects.child_of(section).filter(slug="lich-tiem-chung-mo-rong").first()
    if updated and not updated.change_notes.exists():
        updated.change_note = "Bổ sung lịch tiêm buổi chiều ngày 11 hằng tháng."
        updated.save_revision().publish()
    # A page past its review-by date, for the follow-up panel and the reminder job.
    overdue = StandardPage.objects.descendant_of(home).filter(slug="thong-bao-lich-tiep-cong-dan")
    overdue.update(review_by=timezone.localdate() - datetime.timedelta(days=10))
