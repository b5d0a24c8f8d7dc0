"""Demo social-welfare policies: the section and four policies, linked to the procedures of
the demo catalogue and to the disclosed beneficiary list when those pillars are seeded."""

from content.ward_pages import structure_page
from governance.models import DisclosurePage
from tthc.models import ProcedurePage

from ..models import WelfarePolicyPage
from .pages import child

CONTACT = "Bộ phận Văn hóa – Xã hội, UBND phường, điện thoại 0243 000 5678 (giờ hành chính)"

# (slug, title, intro, target group, eligibility, benefit, how to apply, source, procedure
# codes, link the beneficiary disclosures)
POLICIES = [
    (
        "tro-cap-xa-hoi-hang-thang",
        "Trợ cấp xã hội hằng tháng",
        "Người cao tuổi, người khuyết tật, trẻ em mồ côi và người đơn thân nghèo nuôi con "
        "được trợ cấp tiền mặt hằng tháng và thẻ bảo hiểm y tế.",
        "Đối tượng bảo trợ xã hội đang cư trú trên địa bàn phường",
        "<ul><li>Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng.</li>"
        "<li>Người khuyết tật nặng, đặc biệt nặng.</li>"
        "<li>Người cao tuổi thuộc hộ nghèo, hộ cận nghèo không có người phụng dưỡng.</li>"
        "<li>Người đơn thân thuộc hộ nghèo đang nuôi con nhỏ.</li></ul>",
        "<p>Mức chuẩn trợ giúp xã hội 500.000 đồng/tháng nhân với hệ số của từng nhóm đối "
        "tượng (từ 1,0 đến 2,5), kèm thẻ bảo hiểm y tế miễn phí.</p>",
        "<ol><li>Nộp tờ khai và giấy tờ kèm theo tại Bộ phận Một cửa hoặc trực tuyến.</li>"
        "<li>Hội đồng xét duyệt của phường xét và niêm yết danh sách 2 ngày làm việc.</li>"
        "<li>Chủ tịch UBND phường quyết định; trợ cấp được chi từ tháng có quyết định.</li></ol>",
        "Nghị định 20/2021/NĐ-CP; Nghị định 76/2024/NĐ-CP",
        ["1.001776", "1.001731"],
        True,
    ),
    (
        "tro-cap-huu-tri-xa-hoi",
        "Trợ cấp hưu trí xã hội",
        "Người từ 75 tuổi không có lương hưu, trợ cấp bảo hiểm xã hội hằng tháng được trợ "
        "cấp hưu trí xã hội.",
        "Người cao tuổi từ 75 tuổi không có lương hưu",
        "<p>Công dân Việt Nam từ đủ 75 tuổi trở lên, không hưởng lương hưu hoặc trợ cấp bảo "
        "hiểm xã hội hằng tháng; người từ 70 đến dưới 75 tuổi thuộc hộ nghèo, hộ cận nghèo. "
        "Người có văn bản đề nghị hưởng.</p>",
        "<p>500.000 đồng/tháng và thẻ bảo hiểm y tế do ngân sách nhà nước đóng.</p>",
        "<ol><li>Nộp tờ khai đề nghị hưởng trợ cấp hưu trí xã hội tại Bộ phận Một cửa hoặc "
        "trên Cổng Dịch vụ công quốc gia.</li><li>Nhận kết quả và trợ cấp hằng tháng qua tài "
        "khoản hoặc tại điểm chi trả của tổ dân phố.</li></ol>",
        "Luật Bảo hiểm xã hội 2024; Nghị định 176/2025/NĐ-CP",
        ["1.014027", "1.014028"],
        True,
    ),
    (
        "ho-tro-ho-ngheo-can-ngheo",
        "Hỗ trợ hộ nghèo, hộ cận nghèo",
        "Hộ nghèo, hộ cận nghèo được hỗ trợ bảo hiểm y tế, học phí, tiền điện, vay vốn ưu đãi "
        "và sửa chữa nhà ở.",
        "Hộ gia đình có tên trong danh sách hộ nghèo, hộ cận nghèo của phường",
        "<p>Hộ được công nhận là hộ nghèo, hộ cận nghèo theo chuẩn nghèo đa chiều qua kỳ rà "
        "soát hằng năm của phường (tháng 10–12).</p>",
        "<ul><li>Thẻ bảo hiểm y tế miễn phí (hộ nghèo) hoặc hỗ trợ mức đóng (hộ cận nghèo).</li>"
        "<li>Miễn, giảm học phí cho học sinh.</li><li>Vay vốn ưu đãi tại Ngân hàng Chính sách "
        "xã hội.</li><li>Quà Tết và hỗ trợ sửa nhà từ Quỹ Vì người nghèo của phường.</li></ul>",
        "<p>Hộ gia đình đăng ký rà soát với Tổ trưởng tổ dân phố hoặc nộp giấy đề nghị tại "
        "Bộ phận Một cửa. Danh sách được niêm yết công khai trước khi phường quyết định.</p>",
        "Quyết định phê duyệt danh sách hộ nghèo, hộ cận nghèo năm 2026 của UBND phường",
        [],
        True,
    ),
    (
        "che-do-nguoi-co-cong",
        "Chế độ đối với người có công với cách mạng",
        "Người có công và thân nhân được trợ cấp, ưu đãi y tế, giáo dục, nhà ở theo Pháp "
        "lệnh ưu đãi người có công.",
        "Người có công với cách mạng và thân nhân",
        "<p>Thương binh, bệnh binh, thân nhân liệt sĩ, người hoạt động kháng chiến bị nhiễm "
        "chất độc hóa học, thanh niên xung phong và các đối tượng khác theo Pháp lệnh.</p>",
        "<p>Trợ cấp hằng tháng hoặc một lần theo mức của từng đối tượng; bảo hiểm y tế; ưu "
        "đãi giáo dục; trợ cấp thờ cúng liệt sĩ.</p>",
        "<p>Nộp hồ sơ tại Bộ phận Một cửa; phường xác nhận và chuyển Sở Nội vụ giải quyết.</p>",
        "Pháp lệnh Ưu đãi người có công với cách mạng 2020; Nghị định 131/2021/NĐ-CP",
        ["1.010833", "1.010803", "2.001396"],
        False,
    ),
]


def seed(pillar, site):
    """The welfare section and its policies. Returns how many pages were made."""
    section = structure_page(pillar, "chinh-sach-xa-hoi")
    made = 0
    root = site.root_page
    procedures = {
        page.procedure.code: page
        for page in ProcedurePage.objects.descendant_of(root).select_related("procedure")
    }
    disclosures = list(
        DisclosurePage.objects.descendant_of(root).filter(category="doi-tuong-thu-huong")
    )
    for (
        slug,
        title,
        intro,
        target,
        eligibility,
        benefit,
        how,
        source,
        codes,
        with_lists,
    ) in POLICIES:
        _, created = child(
            section,
            WelfarePolicyPage,
            slug,
            title=title,
            intro=intro,
            search_description=intro,
            target_group=target,
            eligibility=eligibility,
            benefit=benefit,
            how_to_apply=how,
            source_reference=source,
            contact_point=CONTACT,
            procedures=[("procedure", procedures[c]) for c in codes if c in procedures],
            disclosures=[("disclosure", page) for page in disclosures] if with_lists else [],
        )
        made += int(created)
    return made
