"""The usual categories of ward feedback, with deadlines in working hours (Hanoi's rules for
iHanoi reports: urgent within 4 working hours; DESIGN.md §4). Wards change them in the admin."""

from django.db import migrations

CATEGORIES = [
    ("trat-tu-do-thi", "Trật tự đô thị", "Lấn chiếm vỉa hè, lòng đường; xây dựng không phép; quảng cáo sai quy định.", False, 40, 4, 80),
    ("ve-sinh-moi-truong", "Vệ sinh môi trường", "Rác thải, nước thải, khói bụi, tiếng ồn.", False, 24, 4, 56),
    ("ha-tang-chieu-sang", "Hạ tầng, giao thông, chiếu sáng", "Đèn đường hỏng, ổ gà, nắp cống, biển báo.", False, 40, 4, 80),
    ("cap-thoat-nuoc", "Cấp thoát nước, ngập úng", "Mất nước, vỡ ống, cống tắc, ngập sau mưa.", False, 24, 4, 56),
    ("an-ninh-trat-tu", "An ninh trật tự", "Tụ tập gây rối, đánh bạc, mất trộm. Việc khẩn cấp xin gọi 113.", False, 24, 4, 56),
    ("cay-xanh", "Cây xanh", "Cây đổ, cành gãy, cây cần cắt tỉa.", False, 40, 4, 80),
    ("thu-tuc-phuc-vu", "Thủ tục hành chính, thái độ phục vụ", "Hồ sơ chậm, yêu cầu giấy tờ không đúng quy định, thái độ cán bộ.", True, 40, 8, 80),
    ("khac", "Khác", "Những việc khác thuộc trách nhiệm của phường.", False, 40, 8, 80),
]


def add_categories(apps, schema_editor):
    FeedbackCategory = apps.get_model("feedback", "FeedbackCategory")
    for order, (slug, name, description, contact, normal, urgent, complex_) in enumerate(CATEGORIES):
        FeedbackCategory.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "requires_contact": contact,
                "hours_normal": normal,
                "hours_urgent": urgent,
                "hours_complex": complex_,
                "sort_order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
