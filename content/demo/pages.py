"""Demo content of the demo ward: site settings, the six pillars and the pages under them.

Everything here is realistic content a ward would publish; no real person's name or phone
number is used. Each later capability adds its own demo content next to this module.
"""

WARD_SETTINGS = {
    "ward_name": "Phường Từ Liêm",
    "authority_name": "Ủy ban nhân dân phường Từ Liêm",
    "parent_authority": "Thành phố Hà Nội",
    "english_name": "People's Committee of Tu Liem Ward",
    "address": "Số 1 đường Trung tâm hành chính, phường Từ Liêm, thành phố Hà Nội",
    "hotline": "0243 000 1234",
    "phone": "0243 000 5678",
    "email": "ubnd-tuliem@example.gov.vn",
    "working_hours": (
        "Thứ Hai – Thứ Sáu: sáng 7:30 – 11:30, chiều 13:30 – 17:00\n"
        "Sáng thứ Bảy: 8:00 – 11:30 (chỉ tiếp nhận hồ sơ hộ tịch, chứng thực)"
    ),
    "online_service_url": "https://dichvucong.gov.vn",
    # Made-up units at the upstreams (the light demo wards have DEMO.001…, DEMO-001…).
    "dvc_unit_code": "DEMO.000",
    "ihanoi_unit": "DEMO-000",
    "responsible_person_note": "Chánh Văn phòng HĐND và UBND phường",
    "is_demo": True,
}

# The demo's own pages under the pillars (the pillars themselves are every ward's:
# content/ward_pages.py): {pillar slug: [(slug, title, intro, paragraphs)]}.
PILLAR_CHILDREN = {
    "thu-tuc-hanh-chinh": [
        (
            "nop-ho-so-truc-tuyen",
            "Cách nộp hồ sơ trực tuyến",
            "Ba bước để nộp hồ sơ trên Cổng Dịch vụ công quốc gia bằng tài khoản VNeID.",
            [
                "Bước 1: Đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản định danh điện tử "
                "VNeID mức độ 2.",
                "Bước 2: Tìm tên thủ tục, chọn cơ quan thực hiện là UBND phường, điền tờ khai "
                "và đính kèm ảnh chụp hoặc bản điện tử của giấy tờ.",
                "Bước 3: Nộp lệ phí trực tuyến (nếu có) và theo dõi trạng thái hồ sơ. "
                "Kết quả được trả qua bưu điện, bản điện tử hoặc tại Bộ phận Một cửa.",
            ],
        ),
    ],
    "dieu-hanh-cong-khai": [
        (
            "thong-bao-lich-tiep-cong-dan",
            "Thông báo lịch tiếp công dân định kỳ",
            "Chủ tịch UBND phường tiếp công dân định kỳ vào ngày 15 hằng tháng tại trụ sở.",
            [
                "Thực hiện Luật Tiếp công dân, Chủ tịch UBND phường tiếp công dân định kỳ vào "
                "ngày 15 hằng tháng (nếu trùng ngày nghỉ thì chuyển sang ngày làm việc tiếp theo) "
                "tại Phòng tiếp công dân, trụ sở UBND phường.",
                "Công dân đến tiếp xúc mang theo căn cước và các giấy tờ liên quan đến nội dung "
                "khiếu nại, tố cáo, kiến nghị, phản ánh.",
            ],
        ),
    ],
    "van-hoa-xa-hoi": [
        (
            "lich-tiem-chung-mo-rong",
            "Lịch tiêm chủng mở rộng hằng tháng",
            "Trạm Y tế phường tổ chức tiêm chủng mở rộng vào ngày 10 và 11 hằng tháng.",
            [
                "Trạm Y tế phường tổ chức tiêm chủng mở rộng miễn phí cho trẻ em dưới 5 tuổi "
                "vào ngày 10 và 11 hằng tháng, buổi sáng từ 7:30 đến 11:00.",
                "Cha mẹ mang theo sổ tiêm chủng hoặc mở ứng dụng VNeID để tra cứu lịch sử tiêm "
                "của trẻ. Trẻ đang sốt hoặc mắc bệnh cấp tính sẽ được hẹn tiêm lại.",
            ],
        ),
    ],
    "doanh-nghiep": [
        (
            "dang-ky-ho-kinh-doanh",
            "Đăng ký hộ kinh doanh: những điều cần biết",
            "Hộ kinh doanh đăng ký tại UBND phường nơi đặt địa điểm kinh doanh.",
            [
                "Hồ sơ gồm giấy đề nghị đăng ký hộ kinh doanh và bản sao biên bản họp thành viên "
                "hộ gia đình (nếu các thành viên cùng góp vốn).",
                "Trong thời hạn 3 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ, UBND phường cấp "
                "Giấy chứng nhận đăng ký hộ kinh doanh.",
            ],
        ),
    ],
}

# The demo ward's figures, after every ward's paragraphs on its about page (content/ward_pages.py).
ABOUT_FIGURES = [
    "Phường có diện tích 10,18 km², gần 120.000 người dân sinh sống tại 76 tổ dân phố, "
    "hơn 8.500 doanh nghiệp và 9.700 hộ kinh doanh.",
]
