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
    "responsible_person_note": "Chánh Văn phòng HĐND và UBND phường",
    "is_demo": True,
}

HOME_INTRO = (
    "Cửa ngõ số của chính quyền phường: tra cứu thủ tục để nộp hồ sơ đúng ngay lần đầu, "
    "gửi phản ánh và theo dõi kết quả, xem văn bản, lịch công tác và số liệu phục vụ người dân."
)

# (slug, title, icon, intro, body paragraphs, child pages [(slug, title, intro, paragraphs)])
PILLARS = [
    (
        "thu-tuc-hanh-chinh",
        "Thủ tục hành chính",
        "procedures",
        "Hướng dẫn từng thủ tục: cần mang giấy tờ gì, mất bao lâu, lệ phí bao nhiêu, "
        "nộp ở đâu và cách nộp trực tuyến.",
        [
            "Mỗi thủ tục có một trang hướng dẫn đầy đủ: thành phần hồ sơ, mẫu đơn (mẫu trắng và "
            "mẫu đã điền), lệ phí, thời hạn giải quyết tính theo ngày làm việc và đường dẫn nộp "
            "hồ sơ trên Cổng Dịch vụ công quốc gia.",
            "Bộ phận Một cửa của phường tiếp nhận hồ sơ trực tiếp trong giờ hành chính. "
            "Người dân nên nộp trực tuyến để không phải chờ đợi và theo dõi hồ sơ ngay trên điện thoại.",
        ],
        [
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
    ),
    (
        "phan-anh-kien-nghi",
        "Phản ánh – kiến nghị",
        "feedback",
        "Gửi phản ánh về trật tự đô thị, vệ sinh môi trường, hạ tầng, an ninh trật tự; "
        "theo dõi tiến độ và xem kết quả xử lý công khai.",
        [
            "Người dân có thể gửi phản ánh qua ứng dụng iHanoi, qua Cổng thông tin này hoặc trực "
            "tiếp tại trụ sở UBND phường. Mỗi phản ánh được cấp mã để tra cứu tiến độ.",
            "Phường tiếp nhận trong vòng 8 giờ làm việc và phản hồi người dân trong vòng 24 giờ; "
            "kết quả xử lý kèm ảnh trước và sau được công khai để cả cộng đồng cùng giám sát.",
        ],
        [],
    ),
    (
        "dieu-hanh-cong-khai",
        "Điều hành – công khai",
        "governance",
        "Lịch công tác của lãnh đạo, kế hoạch, thông báo, văn bản và các thông tin công khai "
        "theo quy định: ngân sách, quy hoạch, các khoản đóng góp.",
        [
            "Chuyên mục đăng lịch công tác tuần của Lãnh đạo UBND phường, các thông báo và kế "
            "hoạch, hệ thống văn bản do phường ban hành kèm tình trạng hiệu lực.",
            "Thông tin công khai gồm dự toán và quyết toán ngân sách, quy hoạch sử dụng đất, "
            "các khoản huy động đóng góp của nhân dân và danh sách đối tượng thụ hưởng chính sách.",
        ],
        [
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
    ),
    (
        "van-hoa-xa-hoi",
        "Văn hóa – xã hội",
        "society",
        "Giáo dục, y tế, an sinh xã hội: trường theo tuyến tuyển sinh, lịch tiêm chủng, "
        "chính sách hỗ trợ và các thông báo khẩn cấp.",
        [
            "Phụ huynh chọn tổ dân phố nơi mình sinh sống để biết con em được phân tuyến vào "
            "trường mầm non, tiểu học, trung học cơ sở nào.",
            "Lịch tiêm chủng, uống vitamin A, phun thuốc diệt muỗi được đăng theo từng tổ dân phố "
            "để người dân chủ động sắp xếp thời gian.",
        ],
        [
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
    ),
    (
        "doanh-nghiep",
        "Doanh nghiệp – hộ kinh doanh",
        "business",
        "Cẩm nang pháp lý cho doanh nghiệp và hộ kinh doanh: đăng ký kinh doanh, an toàn thực "
        "phẩm, phòng cháy chữa cháy, biển quảng cáo, thuế.",
        [
            "Trên địa bàn phường có hơn 8.500 doanh nghiệp và 9.700 hộ kinh doanh. Chuyên mục "
            "tổng hợp các quy định và thủ tục cần thiết, gắn với trang hướng dẫn từng thủ tục.",
        ],
        [
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
    ),
    (
        "so-lieu",
        "Số liệu",
        "dashboard",
        "Kết quả phục vụ người dân bằng số liệu: tỷ lệ hồ sơ trực tuyến, giải quyết đúng hạn, "
        "phản ánh đã xử lý và mức độ hài lòng.",
        [
            "Số liệu được lấy tự động từ Cổng Dịch vụ công quốc gia, ứng dụng iHanoi và chính "
            "Cổng thông tin này; mỗi chỉ số ghi rõ kỳ số liệu, nguồn và thời điểm cập nhật.",
        ],
        [],
    ),
]

EMERGENCY_SECTION = (
    "thong-bao-khan-cap",
    "Thông báo khẩn cấp",
    "Cảnh báo thiên tai, dịch bệnh, sự cố: chỉ cần Lãnh đạo phê duyệt là đăng ngay.",
)

# The one-stop desk's satisfaction vote: its QR poster stands on the desk (docs/qr-codes.md).
SATISFACTION_PAGE = (
    "danh-gia-mot-cua",
    "Đánh giá sự hài lòng tại Bộ phận Một cửa",
    "Sau khi nhận kết quả hồ sơ, xin ông/bà cho biết mức độ hài lòng. Phiếu không ghi tên.",
)

ABOUT_PAGE = (
    "gioi-thieu",
    "Giới thiệu phường",
    "Chức năng, nhiệm vụ, cơ cấu tổ chức và thông tin liên hệ của UBND phường.",
    [
        "Ủy ban nhân dân phường là cơ quan hành chính nhà nước ở địa phương, chịu trách nhiệm "
        "tổ chức thi hành Hiến pháp, pháp luật trên địa bàn; giải quyết thủ tục hành chính, "
        "tiếp nhận và xử lý phản ánh, kiến nghị của người dân và doanh nghiệp.",
        "Cơ cấu tổ chức gồm: Chủ tịch và các Phó Chủ tịch UBND phường; Văn phòng HĐND và UBND; "
        "Phòng Kinh tế, Hạ tầng và Đô thị; Phòng Văn hóa – Xã hội; Trung tâm Phục vụ hành chính công.",
        "Phường có diện tích 10,18 km², gần 120.000 người dân sinh sống tại 76 tổ dân phố, "
        "hơn 8.500 doanh nghiệp và 9.700 hộ kinh doanh.",
    ],
)

ENGLISH_PAGE = (
    "en",
    "About the ward (English)",
    "The People's Committee of the ward: functions, organisation and how to contact us.",
    [
        "The People's Committee of the ward is the state administrative body closest to citizens. "
        "Since 1 July 2025 it handles administrative procedures for residents and businesses, "
        "receives and answers their feedback, and carries out the law in the ward.",
        "Organisation: the Chair and Vice-Chairs of the People's Committee; the Office of the "
        "People's Council and People's Committee; the Division of Economy, Infrastructure and "
        "Urban Affairs; the Division of Culture and Society; the Public Administrative Service "
        "Centre (one-stop desk).",
        "Applications can be filed online on the National Public Service Portal "
        "(dichvucong.gov.vn) or in person at the one-stop desk during working hours. "
        "The address, hotline and e-mail are at the foot of every page.",
    ],
)
