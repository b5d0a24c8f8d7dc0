"""Texts of the demo schedule, disclosures and announcements. Names are invented."""

CHAIR = "Chủ tịch UBND phường Trần Minh Quang"
VICE_1 = "Phó Chủ tịch UBND phường Lê Thị Thu Hà"
VICE_2 = "Phó Chủ tịch UBND phường Phạm Đức Long"
COUNCIL = "Chủ tịch HĐND phường Đỗ Hồng Nhung"

# (weekday 0 = Monday, start, end, leader, content (one, or three that rotate by week), place,
#  participants, confidential)
WEEK_ENTRIES = [
    (
        0,
        (8, 0),
        (9, 30),
        CHAIR,
        "Giao ban Lãnh đạo UBND phường đầu tuần",
        "Phòng họp số 1, trụ sở UBND phường",
        "Thường trực Đảng ủy, HĐND; Lãnh đạo UBND phường; Chánh Văn phòng",
        False,
    ),
    (
        0,
        (14, 0),
        (16, 30),
        VICE_1,
        (
            "Kiểm tra Bộ phận Một cửa: tiến độ giải quyết hồ sơ đất đai",
            "Làm việc với Trạm Y tế phường về kế hoạch tiêm chủng mở rộng",
            "Dự họp trực tuyến với UBND Thành phố về chuyển đổi số",
        ),
        "Bộ phận Một cửa phường",
        "Công chức Địa chính – Xây dựng, Văn phòng",
        False,
    ),
    (
        1,
        (8, 30),
        (11, 0),
        CHAIR,
        "Tiếp công dân định kỳ",
        "Phòng tiếp công dân, trụ sở UBND phường",
        "Công chức Tư pháp; Thanh tra nhân dân; Công an phường",
        False,
    ),
    (
        1,
        (14, 0),
        (17, 0),
        VICE_2,
        (
            "Kiểm tra trật tự xây dựng tại tổ dân phố số 12 và số 15",
            "Kiểm tra công tác phòng cháy, chữa cháy tại các nhà trọ",
            "Kiểm tra vệ sinh an toàn thực phẩm tại chợ dân sinh",
        ),
        "Tổ dân phố số 12, 15",
        "Đội trật tự đô thị; Công chức Địa chính – Xây dựng",
        False,
    ),
    (
        2,
        (8, 0),
        (11, 30),
        COUNCIL,
        "Giám sát việc giải quyết kiến nghị của cử tri",
        "Phòng họp số 2",
        "Các Ban HĐND phường; đại diện Ủy ban MTTQ phường",
        False,
    ),
    (
        2,
        (9, 0),
        (10, 30),
        CHAIR,
        "Làm việc với Công an phường về bảo đảm an ninh trật tự (nội dung mật)",
        "Trụ sở Công an phường",
        "Trưởng Công an phường",
        True,
    ),
    (
        3,
        (8, 0),
        (11, 30),
        VICE_1,
        "Họp Hội đồng xét duyệt trợ cấp xã hội hằng tháng",
        "Phòng họp số 1",
        "Công chức Văn hóa – Xã hội; đại diện các đoàn thể; tổ trưởng tổ dân phố liên quan",
        False,
    ),
    (
        3,
        (14, 0),
        None,
        CHAIR,
        "Dự hội nghị trực tuyến của UBND Thành phố",
        "Điểm cầu trực tuyến UBND phường",
        "Lãnh đạo UBND phường; Văn phòng",
        False,
    ),
    (
        4,
        (8, 0),
        (10, 0),
        VICE_2,
        "Đối thoại với hộ kinh doanh về biển hiệu và vỉa hè",
        "Hội trường UBND phường",
        "Đại diện hộ kinh doanh các tuyến phố; Đội trật tự đô thị; Đội thuế",
        False,
    ),
    (
        4,
        (15, 0),
        (16, 30),
        CHAIR,
        "Họp Lãnh đạo UBND phường cho ý kiến các nội dung trình HĐND",
        "Phòng họp số 1",
        "Lãnh đạo UBND phường; Chánh Văn phòng; công chức chuyên môn",
        False,
    ),
]

# Invented people, for the beneficiary list.
BENEFICIARIES = [
    ("Nguyễn Thị Hoa", 1941, "Tổ dân phố số 3", "Trợ cấp xã hội người cao tuổi", 500000),
    ("Trần Văn Bình", 1938, "Tổ dân phố số 7", "Trợ cấp xã hội người cao tuổi", 500000),
    ("Lê Thị Mai", 1952, "Tổ dân phố số 12", "Trợ cấp người khuyết tật nặng", 750000),
    ("Phạm Minh Khôi", 2015, "Tổ dân phố số 21", "Trợ cấp trẻ em mồ côi", 1000000),
    ("Hoàng Văn Tư", 1960, "Tổ dân phố số 30", "Trợ cấp người khuyết tật nặng", 750000),
    ("Vũ Thị Lan", 1939, "Tổ dân phố số 44", "Trợ cấp xã hội người cao tuổi", 500000),
    ("Đặng Quốc Việt", 1975, "Tổ dân phố số 52", "Trợ cấp người khuyết tật đặc biệt nặng", 1000000),
    ("Bùi Thị Ngọc Anh", 2012, "Tổ dân phố số 68", "Trợ cấp trẻ em mồ côi", 1000000),
]

DISCLOSURES = [
    {
        "slug": "du-toan-ngan-sach-2026",
        "title": "Công khai dự toán ngân sách phường năm 2026",
        "category": "du-toan-ngan-sach",
        "period": "Năm 2026",
        "intro": "Tổng thu, tổng chi ngân sách phường năm 2026 đã được HĐND phường quyết định tại Nghị quyết số 05/NQ-HĐND.",
        "days": {"posted_from": -330},
        "paragraphs": [
            "Tổng thu ngân sách phường được hưởng: 28.450 triệu đồng, trong đó thu bổ sung từ ngân sách thành phố 21.300 triệu đồng.",
            "Tổng chi ngân sách phường: 28.450 triệu đồng, gồm chi đầu tư phát triển 6.200 triệu đồng, chi thường xuyên 21.680 triệu đồng, dự phòng 570 triệu đồng.",
        ],
        "file_lines": [
            "UBND PHUONG TU LIEM",
            "CONG KHAI DU TOAN NGAN SACH NAM 2026",
            "Bieu so 01, 02, 03 kem theo",
        ],
    },
    {
        "slug": "quyet-toan-ngan-sach-6-thang-cuoi-2025",
        "title": "Công khai quyết toán ngân sách phường 6 tháng cuối năm 2025",
        "category": "quyet-toan-ngan-sach",
        "period": "01/7 – 31/12/2025",
        "intro": "Quyết toán thu, chi ngân sách phường từ khi thành lập đến hết năm 2025, đã được HĐND phường phê chuẩn.",
        "days": {"posted_from": -150},
        "paragraphs": [
            "Tổng thu ngân sách phường: 13.870 triệu đồng, đạt 102% dự toán.",
            "Tổng chi ngân sách phường: 13.120 triệu đồng; kết dư chuyển sang năm 2026: 750 triệu đồng.",
        ],
        "file_lines": [
            "UBND PHUONG TU LIEM",
            "CONG KHAI QUYET TOAN NGAN SACH",
            "6 thang cuoi nam 2025",
        ],
    },
    {
        "slug": "ke-hoach-su-dung-dat-2026",
        "title": "Công khai kế hoạch sử dụng đất năm 2026 trên địa bàn phường",
        "category": "ke-hoach-su-dung-dat",
        "period": "Năm 2026",
        "intro": "Danh mục công trình, dự án thu hồi đất, chuyển mục đích sử dụng đất năm 2026 trên địa bàn phường, kèm bản đồ.",
        "days": {"posted_from": -300},
        "paragraphs": [
            "Kế hoạch gồm 6 công trình: mở rộng trường tiểu học, xây nhà văn hóa tổ dân phố số 21 và 44, cải tạo ngõ 120, bãi đỗ xe công cộng và vườn hoa tổ dân phố số 9.",
            "Bản đồ kế hoạch sử dụng đất được niêm yết tại trụ sở UBND phường và nhà văn hóa các tổ dân phố.",
        ],
        "file_lines": [
            "UBND PHUONG TU LIEM",
            "KE HOACH SU DUNG DAT NAM 2026",
            "Danh muc cong trinh, du an",
        ],
    },
    {
        "slug": "lay-y-kien-quy-hoach-vuon-hoa-to-9",
        "title": "Lấy ý kiến về đồ án quy hoạch chi tiết tỷ lệ 1/500 vườn hoa, sân chơi tổ dân phố số 9",
        "category": "lay-y-kien-quy-hoach",
        "period": "Năm 2026",
        "intro": "Mời người dân xem bản vẽ và góp ý về bố trí vườn hoa, sân chơi trẻ em và chỗ tập thể dục trước khi trình phê duyệt.",
        "days": {"posted_from": -10, "comment_from": -10, "comment_until": 20},
        "comment_how": "Góp ý bằng phiếu tại nhà văn hóa tổ dân phố số 9, tại Bộ phận Một cửa phường, hoặc gửi thư điện tử tới ubnd-tuliem@example.gov.vn.",
        "paragraphs": [
            "Khu đất khoảng 4.200 m² thuộc tổ dân phố số 9, hiện là bãi đất trống do phường quản lý.",
            "Dự thảo bố trí: vườn hoa và cây xanh 60%, sân chơi trẻ em 15%, sân tập thể dục 15%, lối đi 10%.",
        ],
        "file_lines": [
            "UBND PHUONG TU LIEM",
            "DU THAO QUY HOACH CHI TIET TY LE 1/500",
            "Vuon hoa, san choi to dan pho so 9",
        ],
    },
    {
        "slug": "dong-gop-quy-vi-nguoi-ngheo-2026",
        "title": "Công khai kết quả vận động, sử dụng Quỹ Vì người nghèo năm 2026",
        "category": "dong-gop",
        "period": "Đến 30/11/2026",
        "intro": "Số tiền các tổ dân phố, cơ quan, doanh nghiệp ủng hộ Quỹ Vì người nghèo và cách phường đã sử dụng.",
        "days": {"posted_from": -5},
        "paragraphs": [
            "Tổng số tiền vận động được: 412.500.000 đồng từ 76 tổ dân phố, 18 cơ quan và 35 doanh nghiệp.",
            "Đã chi: hỗ trợ sửa chữa 4 nhà ở cho hộ nghèo (240.000.000 đồng), tặng quà Tết 120 hộ (96.000.000 đồng); còn lại 76.500.000 đồng.",
        ],
        "file_lines": ["UY BAN MTTQ PHUONG TU LIEM", "CONG KHAI QUY VI NGUOI NGHEO NAM 2026"],
    },
    {
        "slug": "danh-sach-tro-cap-xa-hoi-thang-12-2026",
        "title": "Danh sách đối tượng đề nghị hưởng trợ cấp xã hội hằng tháng (đợt tháng 12/2026)",
        "category": "doi-tuong-thu-huong",
        "period": "Tháng 12/2026",
        "intro": "Niêm yết công khai để người dân cho ý kiến trước khi Chủ tịch UBND phường quyết định trợ cấp.",
        "days": {"posted_from": -3, "posted_until": 4},
        "paragraphs": [
            "Danh sách được niêm yết 7 ngày làm việc tại trụ sở UBND phường và nhà văn hóa các tổ dân phố có người trong danh sách.",
            "Ý kiến về danh sách xin gửi Công chức Văn hóa – Xã hội, Bộ phận Một cửa phường.",
        ],
    },
]

ANNOUNCEMENTS = [
    {
        "slug": "ke-hoach-tong-ve-sinh-moi-truong-thang-12",
        "kind": "ke-hoach",
        "title": "Kế hoạch tổng vệ sinh môi trường chào mừng năm mới 2027",
        "intro": "Sáng Chủ nhật các tuần trong tháng 12, mỗi tổ dân phố ra quân dọn vệ sinh ngõ xóm, khơi thông cống rãnh.",
        "paragraphs": [
            "Thời gian: 7 giờ 30 sáng Chủ nhật các tuần trong tháng 12/2026.",
            "Mỗi hộ gia đình cử ít nhất một người tham gia, mang theo dụng cụ cá nhân. Rác cồng kềnh được tập kết tại điểm do tổ trưởng thông báo.",
        ],
        "source": "Kế hoạch số 102/KH-UBND ngày 12/5/2026 của UBND phường",
        "image_alt": "Tranh minh họa hàng cây xanh trên đường phố sạch sẽ",
        "tags": ["môi trường"],
    },
    {
        "slug": "thong-bao-thu-gom-rac-cong-kenh",
        "kind": "thong-bao",
        "title": "Thông báo lịch thu gom rác cồng kềnh tháng 12/2026",
        "intro": "Xe thu gom rác cồng kềnh (tủ, giường, đệm cũ) đến từng tổ dân phố theo lịch; miễn phí.",
        "paragraphs": [
            "Các hộ đặt đồ cần bỏ tại điểm tập kết của tổ dân phố từ 17 giờ đến 19 giờ ngày thu gom; không để ra lòng đường.",
            "Lịch theo tổ dân phố được niêm yết tại nhà văn hóa và gửi qua nhóm Zalo của tổ.",
        ],
        "source": "Công văn số 1024/UBND-VP ngày 20/10/2026",
        "tags": ["môi trường"],
    },
    {
        "slug": "thong-bao-tam-dung-tiep-nhan-ho-so-truc-tiep",
        "kind": "thong-bao",
        "title": "Thông báo tạm dừng tiếp nhận hồ sơ trực tiếp chiều thứ Sáu để nâng cấp hệ thống",
        "intro": "Bộ phận Một cửa không tiếp nhận hồ sơ trực tiếp chiều thứ Sáu tuần này; hồ sơ trực tuyến vẫn được tiếp nhận bình thường.",
        "paragraphs": [
            "Để nâng cấp hệ thống một cửa điện tử, Bộ phận Một cửa phường tạm dừng tiếp nhận hồ sơ trực tiếp từ 13 giờ 30 đến 17 giờ chiều thứ Sáu.",
            "Người dân có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia; hồ sơ vẫn được xử lý theo thời hạn.",
        ],
        "source": "Thông báo của Văn phòng HĐND và UBND phường",
        "tags": ["thủ tục hành chính"],
    },
    {
        "slug": "ke-hoach-ngay-hoi-dai-doan-ket",
        "kind": "ke-hoach",
        "title": "Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư",
        "intro": "Các tổ dân phố tổ chức Ngày hội từ 10/11 đến 18/11, kết hợp biểu dương gia đình văn hóa tiêu biểu.",
        "paragraphs": [
            "Mỗi tổ dân phố tổ chức phần lễ ngắn gọn và phần hội với văn nghệ, thể thao, bữa cơm đoàn kết.",
            "Ban công tác Mặt trận tổ dân phố báo cáo kết quả về Ủy ban MTTQ phường trước ngày 25/11.",
        ],
        "source": "Kế hoạch số 95/KH-UBND ngày 15/10/2026",
        "tags": ["văn hóa"],
    },
]
