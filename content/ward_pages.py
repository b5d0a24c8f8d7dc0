"""The pages every ward has: its home, the six pillars with their own page types, the lists
under them (document register, schedule, health, emergency section…) and the standard pages
(about, English, the desk's satisfaction vote). One builder for `add_ward` and `seed_demo`.

Pages are found by slug: building again changes nothing that is already there. Texts name the
ward's kind ("phường" or "xã") through ``{unit}``; nothing here is any ward's own content.
"""

from django.apps import apps

# (slug, page type, title, icon, intro, body paragraphs)
PILLARS = [
    (
        "thu-tuc-hanh-chinh",
        "tthc.ProcedureIndexPage",
        "Thủ tục hành chính",
        "procedures",
        "Hướng dẫn từng thủ tục: cần mang giấy tờ gì, mất bao lâu, lệ phí bao nhiêu, "
        "nộp ở đâu và cách nộp trực tuyến.",
        [
            "Mỗi thủ tục có một trang hướng dẫn đầy đủ: thành phần hồ sơ, mẫu đơn (mẫu trắng và "
            "mẫu đã điền), lệ phí, thời hạn giải quyết tính theo ngày làm việc và đường dẫn nộp "
            "hồ sơ trên Cổng Dịch vụ công quốc gia.",
            "Bộ phận Một cửa của {unit} tiếp nhận hồ sơ trực tiếp trong giờ hành chính. "
            "Người dân nên nộp trực tuyến để không phải chờ đợi và theo dõi hồ sơ ngay trên điện thoại.",
        ],
    ),
    (
        "phan-anh-kien-nghi",
        "feedback.FeedbackIndexPage",
        "Phản ánh – kiến nghị",
        "feedback",
        "Gửi phản ánh về trật tự đô thị, vệ sinh môi trường, hạ tầng, an ninh trật tự; "
        "theo dõi tiến độ và xem kết quả xử lý công khai.",
        [
            "Người dân có thể gửi phản ánh qua ứng dụng iHanoi, qua Cổng thông tin này hoặc trực "
            "tiếp tại trụ sở UBND {unit}. Mỗi phản ánh được cấp mã để tra cứu tiến độ.",
            "{Unit} tiếp nhận trong vòng 8 giờ làm việc và phản hồi người dân trong vòng 24 giờ; "
            "kết quả xử lý kèm ảnh trước và sau được công khai để cả cộng đồng cùng giám sát.",
        ],
    ),
    (
        "dieu-hanh-cong-khai",
        "governance.GovernancePage",
        "Điều hành – công khai",
        "governance",
        "Lịch công tác của lãnh đạo, kế hoạch, thông báo, văn bản và các thông tin công khai "
        "theo quy định: ngân sách, quy hoạch, các khoản đóng góp.",
        [
            "Chuyên mục đăng lịch công tác tuần của Lãnh đạo UBND {unit}, các thông báo và kế "
            "hoạch, hệ thống văn bản do {unit} ban hành kèm tình trạng hiệu lực.",
            "Thông tin công khai gồm dự toán và quyết toán ngân sách, quy hoạch sử dụng đất, "
            "các khoản huy động đóng góp của nhân dân và danh sách đối tượng thụ hưởng chính sách.",
        ],
    ),
    (
        "van-hoa-xa-hoi",
        "society.SocietyPage",
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
    ),
    (
        "doanh-nghiep",
        "business.BusinessPage",
        "Doanh nghiệp – hộ kinh doanh",
        "business",
        "Cẩm nang pháp lý cho doanh nghiệp và hộ kinh doanh: đăng ký kinh doanh, an toàn thực "
        "phẩm, phòng cháy chữa cháy, biển quảng cáo, thuế.",
        [
            "Chuyên mục tổng hợp các quy định và thủ tục doanh nghiệp, hộ kinh doanh trên địa bàn "
            "{unit} cần biết, gắn với trang hướng dẫn từng thủ tục.",
        ],
    ),
    (
        "so-lieu",
        "dashboard.DashboardPage",
        "Số liệu",
        "dashboard",
        "Kết quả phục vụ người dân bằng số liệu: tỷ lệ hồ sơ trực tuyến, giải quyết đúng hạn, "
        "phản ánh đã xử lý và mức độ hài lòng.",
        [
            "Số liệu được lấy tự động từ Cổng Dịch vụ công quốc gia, ứng dụng iHanoi và chính "
            "Cổng thông tin này; mỗi chỉ số ghi rõ kỳ số liệu, nguồn và thời điểm cập nhật.",
        ],
    ),
]

# The lists under a pillar, by pillar slug: (path below the pillar, page type, fields). A
# path with a slash is a child of the page named before the slash.
STRUCTURE = {
    "thu-tuc-hanh-chinh": [
        (
            "cau-hoi-thuong-gap",
            "tthc.FaqLibraryPage",
            {
                "title": "Thư viện câu hỏi thường gặp",
                "intro": "Những câu người dân hỏi hằng ngày ở Bộ phận Một cửa, đã có câu trả lời.",
                "search_description": "Hỏi đáp về thủ tục hành chính tại {unit}.",
            },
        ),
        (
            "su-kien-cuoc-doi",
            "tthc.LifeEventIndexPage",
            {
                "title": "Sự kiện cuộc đời",
                "intro": "Những việc cần làm, theo thứ tự, khi gia đình có việc lớn: sinh con, "
                "kết hôn, có người mất, mở cửa hàng, xây nhà.",
                "search_description": "Hướng dẫn từng bước các thủ tục theo sự kiện cuộc đời.",
            },
        ),
    ],
    "dieu-hanh-cong-khai": [
        (
            "van-ban",
            "governance.DocumentRegisterPage",
            {
                "title": "Hệ thống văn bản",
                "intro": "Văn bản do HĐND, UBND {unit} ban hành: tra cứu theo số, loại, năm và "
                "tình trạng hiệu lực; tải bản PDF.",
                "search_description": "Tra cứu văn bản của {unit} theo số, ký hiệu, loại, năm "
                "ban hành.",
            },
        ),
        (
            "lich-cong-tac",
            "governance.ScheduleIndexPage",
            {
                "title": "Lịch công tác tuần của Lãnh đạo",
                "intro": "Lịch làm việc của Thường trực HĐND và Lãnh đạo UBND {unit} tuần này và "
                "tuần sau.",
                "search_description": "Lịch công tác tuần của Lãnh đạo {unit}.",
            },
        ),
        (
            "cong-khai",
            "governance.DisclosureIndexPage",
            {
                "title": "Thông tin công khai",
                "intro": "Ngân sách, quy hoạch và kế hoạch sử dụng đất, các khoản đóng góp, danh "
                "sách đối tượng thụ hưởng chính sách.",
                "search_description": "Công khai ngân sách, quy hoạch, đóng góp và chính sách "
                "của {unit}.",
            },
        ),
        (
            "thong-bao-ke-hoach",
            "governance.AnnouncementIndexPage",
            {
                "title": "Thông báo – kế hoạch",
                "intro": "Thông báo và kế hoạch mới của UBND {unit}.",
                "search_description": "Thông báo, kế hoạch của UBND {unit}.",
            },
        ),
    ],
    "van-hoa-xa-hoi": [
        (
            "thong-bao-khan-cap",
            "society.EmergencyIndexPage",
            {
                "title": "Thông báo khẩn cấp",
                "intro": "Cảnh báo thiên tai, dịch bệnh, sự cố: chỉ cần Lãnh đạo phê duyệt là "
                "đăng ngay.",
            },
        ),
        (
            "y-te",
            "society.HealthPage",
            {
                "title": "Y tế",
                "intro": "Lịch tiêm chủng, uống vitamin A, phun thuốc diệt muỗi, khám sức khỏe "
                "theo tổ dân phố, và các điểm dịch trên địa bàn {unit}.",
                "search_description": "Lịch y tế theo tổ dân phố và bản đồ điểm dịch của {unit}.",
            },
        ),
        (
            "y-te/diem-dich",
            "society.HotSpotPage",
            {
                "title": "Điểm dịch",
                "intro": "Các ổ dịch Trạm Y tế {unit} đang theo dõi, khu vực, từ ngày nào, tình "
                "trạng và khuyến cáo cho người dân.",
                "search_description": "Danh sách và bản đồ các điểm dịch trên địa bàn {unit}.",
            },
        ),
        (
            "giao-duc",
            "society.EducationPage",
            {
                "title": "Giáo dục",
                "intro": "Con tôi học trường nào? Chọn tổ dân phố để biết trường mầm non, tiểu "
                "học, THCS năm học này; danh sách trường và nhóm trẻ tư thục được cấp phép.",
                "search_description": "Tra cứu trường mầm non, tiểu học, THCS theo tổ dân phố.",
            },
        ),
        (
            "chinh-sach-xa-hoi",
            "society.WelfareIndexPage",
            {
                "title": "Chính sách an sinh xã hội",
                "intro": "Ai được hưởng, mức hưởng và cách đăng ký các chính sách trợ cấp, hỗ "
                "trợ của {unit}; danh sách đối tượng thụ hưởng được công khai.",
                "search_description": "Chính sách trợ cấp xã hội, hưu trí xã hội, hộ nghèo, "
                "người có công.",
                "icon": "info",
            },
        ),
    ],
}

# The standard pages under the home page: (slug, page type, fields).
SATISFACTION_PAGE = (
    "danh-gia-mot-cua",
    "content.SatisfactionPage",
    {
        "title": "Đánh giá sự hài lòng tại Bộ phận Một cửa",
        "intro": "Sau khi nhận kết quả hồ sơ, xin ông/bà cho biết mức độ hài lòng. "
        "Phiếu không ghi tên.",
    },
)
ABOUT_SLUG = "gioi-thieu"
ABOUT_PAGE = {
    "title": "Giới thiệu {unit}",
    "intro": "Chức năng, nhiệm vụ, cơ cấu tổ chức và thông tin liên hệ của UBND {unit}.",
    "paragraphs": [
        "Ủy ban nhân dân {unit} là cơ quan hành chính nhà nước ở địa phương, chịu trách nhiệm "
        "tổ chức thi hành Hiến pháp, pháp luật trên địa bàn; giải quyết thủ tục hành chính, "
        "tiếp nhận và xử lý phản ánh, kiến nghị của người dân và doanh nghiệp.",
        "Cơ cấu tổ chức gồm: Chủ tịch và các Phó Chủ tịch UBND {unit}; Văn phòng HĐND và UBND; "
        "Phòng Kinh tế, Hạ tầng và Đô thị; Phòng Văn hóa – Xã hội; Trung tâm Phục vụ hành chính "
        "công.",
    ],
}
ENGLISH_SLUG = "en"
ENGLISH_PAGE = {
    "title": "About the {english_unit} (English)",
    "intro": "The People's Committee of the {english_unit}: functions, organisation and how to "
    "contact us.",
    "paragraphs": [
        "The People's Committee of the {english_unit} is the state administrative body closest to "
        "citizens. Since 1 July 2025 it handles administrative procedures for residents and "
        "businesses, receives and answers their feedback, and carries out the law in the "
        "{english_unit}.",
        "Organisation: the Chair and Vice-Chairs of the People's Committee; the Office of the "
        "People's Council and People's Committee; the Division of Economy, Infrastructure and "
        "Urban Affairs; the Division of Culture and Society; the Public Administrative Service "
        "Centre (one-stop desk).",
        "Applications can be filed online on the National Public Service Portal "
        "(dichvucong.gov.vn) or in person at the one-stop desk during working hours. "
        "The address, hotline and e-mail are at the foot of every page.",
    ],
}

WARD = "phuong"
COMMUNE = "xa"
CITY = "thanh-pho"
UNIT_WORDS = {WARD: ("phường", "ward"), COMMUNE: ("xã", "commune"), CITY: ("thành phố", "city")}

# The city's own site (issue 20): its figures of every ward, its news, its about page. Not a
# ward's six pillars: procedures, feedback and the rest live on each ward's site.
CITY_SECTIONS = [
    (
        "so-lieu",
        "dashboard.DashboardPage",
        "Số liệu các phường, xã",
        "dashboard",
        "Kết quả phục vụ người dân của mọi phường, xã trên cùng một trang: số liệu toàn thành "
        "phố, từng phường, xã đứng ở đâu và ai còn xa mục tiêu.",
        [
            "Số liệu toàn thành phố được tính từ tổng số đếm của các phường, xã (không lấy "
            "trung bình các tỷ lệ), nên phường, xã lớn có trọng số theo đúng số hồ sơ, phản "
            "ánh của mình. Mỗi chỉ số ghi rõ kỳ số liệu, nguồn và thời điểm cập nhật.",
        ],
    ),
    (
        "tin-tuc",
        "content.SectionPage",
        "Tin tức – thông báo",
        "governance",
        "Tin tức, thông báo và hướng dẫn chung của thành phố cho các phường, xã và người dân.",
        [
            "Các bài đăng ở đây đi qua cùng quy trình 5 bước như trên Cổng của mỗi phường, xã: "
            "soạn thảo, Văn phòng kiểm tra, Tư pháp thẩm định, Lãnh đạo phê duyệt, đăng.",
        ],
    ),
]
CITY_ABOUT_PAGE = {
    "title": "Giới thiệu",
    "intro": "Cổng số liệu và thông tin chung của thành phố về các phường, xã.",
    "paragraphs": [
        "Trang này tổng hợp kết quả giải quyết thủ tục hành chính, xử lý phản ánh, kiến nghị và "
        "mức độ hài lòng của người dân tại mọi phường, xã của thành phố, lấy từ cùng nguồn số "
        "liệu với Cổng thông tin của từng phường, xã.",
        "Mỗi phường, xã có Cổng thông tin riêng; thủ tục, phản ánh, văn bản và lịch công tác "
        "của phường, xã nào đăng trên Cổng của phường, xã đó.",
    ],
}


def kind_of(home):
    """A ward's kind from its home page's title («Xã …» is a commune, «Thành phố …» the
    city)."""
    title = home.title.strip().lower()
    if title.startswith("thành phố"):
        return CITY
    return COMMUNE if title.startswith("xã") else WARD


def _texts(value, kind):
    unit, english = UNIT_WORDS[kind]
    words = {"unit": unit, "Unit": unit.capitalize(), "english_unit": english}
    if isinstance(value, str):
        return value.format(**words)
    if isinstance(value, list):
        return [_texts(item, kind) for item in value]
    return value


def body(paragraphs):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]


def ensure_child(parent, model, slug, **fields):
    """The child of ``parent`` with ``slug``, made and published when missing."""
    if isinstance(model, str):
        model = apps.get_model(model)
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
        page.save_revision().publish(skip_permission_checks=True)
    return page


def structure_page(pillar, path, kind=None):
    """One of the lists of ``STRUCTURE`` under ``pillar`` (e.g. "van-ban", "y-te/diem-dich"),
    made when missing, with the page before it in the path."""
    kind = kind or kind_of(pillar.get_parent())
    entries = {entry[0]: entry for entry in STRUCTURE[pillar.slug]}
    parent = pillar
    if "/" in path:
        parent = structure_page(pillar, path.rsplit("/", 1)[0], kind)
    _, model, fields = entries[path]
    return ensure_child(
        parent, model, path.rsplit("/", 1)[-1], **{k: _texts(v, kind) for k, v in fields.items()}
    )


def ensure_structure(pillar, kind=None):
    """Every list under ``pillar``; returns them by path."""
    return {
        path: structure_page(pillar, path, kind) for path, _, _ in STRUCTURE.get(pillar.slug, [])
    }


def ensure_ward_pages(home, *, kind=None, with_structure=True, about_extra=()):
    """Give the ward of ``home`` its six pillars, their lists (unless ``with_structure`` is
    False: the demo's pillars make theirs with their content) and its standard pages.
    ``about_extra`` adds paragraphs to the about page. Returns (pillars by slug, about, english)."""
    kind = kind or kind_of(home)
    pillars = {}
    for slug, model, title, icon, intro, paragraphs in PILLARS:
        pillars[slug] = ensure_child(
            home,
            model,
            slug,
            title=title,
            icon=icon,
            intro=_texts(intro, kind),
            body=body(_texts(paragraphs, kind)),
            show_in_menus=True,
        ).specific
    # The emergency section has its own workflow (setup_ward): every ward has it.
    structure_page(pillars["van-hoa-xa-hoi"], "thong-bao-khan-cap", kind)
    if with_structure:
        for pillar in pillars.values():
            ensure_structure(pillar, kind)
    slug, model, fields = SATISFACTION_PAGE
    ensure_child(home, model, slug, **_texts(fields, kind))
    about_page = ensure_child(
        home,
        "content.StandardPage",
        ABOUT_SLUG,
        title=_texts(ABOUT_PAGE["title"], kind),
        intro=_texts(ABOUT_PAGE["intro"], kind),
        body=body([*_texts(ABOUT_PAGE["paragraphs"], kind), *about_extra]),
    )
    english_model = apps.get_model("content.StandardPage")
    english = ensure_child(
        home,
        english_model,
        ENGLISH_SLUG,
        title=_texts(ENGLISH_PAGE["title"], kind),
        intro=_texts(ENGLISH_PAGE["intro"], kind),
        body=body(_texts(ENGLISH_PAGE["paragraphs"], kind)),
        language=english_model.Language.ENGLISH,
    )
    return pillars, about_page, english


def ensure_city_pages(home):
    """The city's site: its dashboard of every ward at /so-lieu/, its news section and its
    about page. Returns (sections by slug, about page)."""
    sections = {}
    for slug, model, title, icon, intro, paragraphs in CITY_SECTIONS:
        sections[slug] = ensure_child(
            home,
            model,
            slug,
            title=title,
            icon=icon,
            intro=intro,
            body=body(paragraphs),
            show_in_menus=True,
        ).specific
    about_page = ensure_child(
        home,
        "content.StandardPage",
        ABOUT_SLUG,
        title=CITY_ABOUT_PAGE["title"],
        intro=CITY_ABOUT_PAGE["intro"],
        body=body(CITY_ABOUT_PAGE["paragraphs"]),
    )
    return sections, about_page
