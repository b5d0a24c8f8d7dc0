"""The demo ward's five business guides, one per topic. Procedure codes and document numbers
are those of the demo catalogue (tthc/demo) and register (governance/demo); the ones missing
from a database are skipped. Contact numbers are invented."""

CONTACT = (
    "Bộ phận Kinh tế – Hạ tầng – Đô thị, UBND phường, điện thoại 0243 000 6120 (giờ hành chính)"
)

# (slug, topic, title, summary, checklist [(title, text)], body paragraphs, procedure codes,
#  document numbers, source reference)
GUIDES = [
    (
        "dang-ky-kinh-doanh",
        "dang-ky-kinh-doanh",
        "Mở hộ kinh doanh: đăng ký, tạm ngừng, chấm dứt",
        "Hộ kinh doanh đăng ký tại UBND phường nơi đặt địa điểm kinh doanh; kết quả trong 3 ngày "
        "làm việc, có thể nộp trực tuyến.",
        [
            (
                "Chọn tên và địa điểm kinh doanh",
                "Tên hộ kinh doanh không trùng với hộ khác trong phường; địa điểm phải có giấy tờ "
                "hợp pháp (sổ đỏ, hợp đồng thuê). Bán hàng trên vỉa hè chỉ ở tuyến phố được phép.",
            ),
            (
                "Chuẩn bị hồ sơ đăng ký",
                "Giấy đề nghị đăng ký hộ kinh doanh theo mẫu; bản sao biên bản họp thành viên hộ "
                "gia đình nếu cả nhà cùng góp vốn.",
            ),
            (
                "Nộp hồ sơ trực tuyến hoặc tại Bộ phận Một cửa",
                "Nộp trên Cổng Dịch vụ công quốc gia (đăng nhập bằng VNeID) hoặc tại Trung tâm "
                "phục vụ hành chính công phường.",
            ),
            (
                "Nhận Giấy chứng nhận và treo biển hiệu",
                "Sau khi có Giấy chứng nhận đăng ký hộ kinh doanh, treo biển hiệu ghi đúng tên hộ "
                "và địa chỉ (xem hướng dẫn về biển hiệu).",
            ),
            (
                "Báo khi tạm ngừng hoặc thôi kinh doanh",
                "Thông báo trước ít nhất 3 ngày làm việc khi tạm ngừng; làm thủ tục chấm dứt khi "
                "không kinh doanh nữa để không phát sinh nghĩa vụ thuế.",
            ),
        ],
        [
            "Cá nhân, thành viên hộ gia đình là công dân Việt Nam có năng lực hành vi dân sự đầy "
            "đủ được đăng ký hộ kinh doanh. Mỗi người chỉ được đăng ký một hộ kinh doanh trên "
            "phạm vi toàn quốc.",
            "Hộ kinh doanh sử dụng thường xuyên từ 10 lao động trở lên phải chuyển sang thành lập "
            "doanh nghiệp. Người bán hàng rong, quà vặt, dịch vụ thu nhập thấp không phải đăng "
            "ký, trừ ngành nghề kinh doanh có điều kiện.",
        ],
        ["1.001612", "1.001570", "1.001266"],
        ["03/2025/QĐ-UBND", "301/TB-UBND"],
        "Luật Doanh nghiệp 2020; quy định của Chính phủ về đăng ký hộ kinh doanh",
    ),
    (
        "an-toan-thuc-pham",
        "an-toan-thuc-pham",
        "Kinh doanh ăn uống an toàn thực phẩm",
        "Quán ăn, cửa hàng thực phẩm: giấy tờ cần có, tập huấn và khám sức khỏe cho người chế "
        "biến, những lỗi hay bị nhắc khi kiểm tra.",
        [
            (
                "Đăng ký hộ kinh doanh trước",
                "Cơ sở ăn uống nhỏ lẻ của hộ kinh doanh không cần Giấy chứng nhận cơ sở đủ điều "
                "kiện an toàn thực phẩm, nhưng phải ký cam kết bảo đảm an toàn thực phẩm với UBND "
                "phường.",
            ),
            (
                "Tập huấn kiến thức an toàn thực phẩm",
                "Chủ cơ sở và người trực tiếp chế biến có giấy xác nhận kiến thức an toàn thực "
                "phẩm; phường tổ chức tập huấn miễn phí hằng quý.",
            ),
            (
                "Khám sức khỏe cho người chế biến",
                "Người trực tiếp chế biến, bán thức ăn không mắc bệnh truyền nhiễm; giữ giấy khám "
                "sức khỏe tại cơ sở.",
            ),
            (
                "Giữ hóa đơn, nguồn gốc nguyên liệu",
                "Ghi chép nhập hàng, giữ hóa đơn của nơi cung cấp thịt, rau, gia vị; lưu mẫu thức "
                "ăn 24 giờ khi nấu cho đám cưới, hội nghị từ 30 suất trở lên.",
            ),
            (
                "Bố trí bếp một chiều, thu gom rác đúng giờ",
                "Khu sơ chế, nấu, chia thức ăn tách nhau; rác thải đựng trong thùng có nắp, không "
                "đổ nước thải ra vỉa hè, cống.",
            ),
        ],
        [
            "Đoàn kiểm tra liên ngành của phường kiểm tra định kỳ trước Tết Nguyên đán, Tết "
            "Trung thu và trong Tháng hành động vì an toàn thực phẩm (tháng 4 – 5). Cơ sở được "
            "báo trước lịch kiểm tra, trừ khi có phản ánh ngộ độc.",
        ],
        ["1.001612"],
        ["03/CT-UBND", "102/KH-UBND"],
        "Luật An toàn thực phẩm 2010; Nghị định số 15/2018/NĐ-CP",
    ),
    (
        "phong-chay-chua-chay",
        "phong-chay-chua-chay",
        "Phòng cháy, chữa cháy cho nhà ở kết hợp kinh doanh",
        "Nhà ống vừa ở vừa kinh doanh là nơi dễ xảy ra cháy nhất: bình chữa cháy, lối thoát thứ "
        "hai, điện an toàn và ai cần báo cáo với Công an phường.",
        [
            (
                "Trang bị bình chữa cháy và báo cháy",
                "Ít nhất một bình chữa cháy xách tay ở mỗi tầng, đặt nơi dễ lấy; nên lắp thiết bị "
                "báo cháy độc lập ở khu bếp và khu để xe.",
            ),
            (
                "Mở lối thoát nạn thứ hai",
                "Không bịt kín ban công, cửa sổ bằng khung sắt, chuồng cọp; nếu có thì làm ô cửa "
                "mở được từ bên trong, chìa khóa treo ở chỗ dễ thấy.",
            ),
            (
                "Tách khu kinh doanh khỏi chỗ ngủ",
                "Hàng hóa dễ cháy (vải, xốp, gas, sơn) không để ở lối đi, cầu thang; không sạc xe "
                "điện qua đêm ở tầng một.",
            ),
            (
                "Kiểm tra hệ thống điện",
                "Mỗi tầng có aptomat riêng; thay dây điện cũ, không câu móc, không dùng ổ cắm "
                "nối dài cho thiết bị công suất lớn.",
            ),
            (
                "Hỏi Công an phường nếu cơ sở thuộc diện quản lý",
                "Nhà trọ, karaoke, cửa hàng xăng dầu, gas và cơ sở đông người phải có hồ sơ phòng "
                "cháy và được Công an phường kiểm tra định kỳ.",
            ),
        ],
        [
            "Khi có cháy: gọi 114, ngắt điện, thoát ra ngoài theo lối đã định; không quay lại "
            "lấy tài sản. Ban chỉ huy phòng cháy của phường tập huấn miễn phí cho hộ kinh doanh "
            "tại nhà văn hóa tổ dân phố theo lịch đăng trên Cổng.",
        ],
        [],
        ["01/CT-UBND"],
        "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ 2024",
    ),
    (
        "bien-hieu-quang-cao",
        "bien-quang-cao",
        "Biển hiệu, biển quảng cáo của cửa hàng",
        "Biển hiệu ghi đúng tên trên giấy đăng ký, treo sát mặt tiền, không che lối thoát nạn; "
        "biển quảng cáo lớn cần giấy phép xây dựng.",
        [
            (
                "Ghi đủ nội dung bắt buộc",
                "Tên hộ kinh doanh hoặc doanh nghiệp như trên giấy đăng ký, địa chỉ, điện thoại; "
                "chữ tiếng Việt ở trên, chữ nước ngoài (nếu có) nhỏ hơn và ở dưới.",
            ),
            (
                "Đúng kích thước và vị trí",
                "Biển ngang cao tối đa 2 m, không vượt quá chiều ngang mặt tiền; biển dọc không "
                "che cửa sổ, lối thoát nạn, không nhô ra vỉa hè quá 20 cm.",
            ),
            (
                "Không dựng biển trên vỉa hè, cây xanh, cột điện",
                "Biển đứng, biển di động đặt trên vỉa hè và băng rôn treo ở cây, cột điện sẽ bị "
                "tháo dỡ khi đoàn kiểm tra trật tự đô thị đi qua.",
            ),
            (
                "Xin phép khi làm biển quảng cáo lớn",
                "Màn hình quảng cáo, biển quảng cáo có diện tích một mặt trên 20 m² gắn vào công "
                "trình phải có giấy phép xây dựng trước khi lắp.",
            ),
        ],
        [
            "Biển hiệu treo sai quy định thường bị nhắc nhở trong các đợt ra quân chỉnh trang đô "
            "thị; hộ kinh doanh có 15 ngày để tự sửa trước khi bị xử phạt.",
        ],
        ["1.001612"],
        ["03/CT-UBND", "03/2025/QĐ-UBND"],
        "Luật Quảng cáo 2012 (sửa đổi, bổ sung 2025)",
    ),
    (
        "thue-ho-kinh-doanh",
        "thue-ho-kinh-doanh",
        "Thuế của hộ kinh doanh từ năm 2026",
        "Từ năm 2026 hộ kinh doanh không còn nộp thuế khoán mà tự kê khai doanh thu; doanh thu "
        "dưới ngưỡng chịu thuế thì không phải nộp thuế giá trị gia tăng, thu nhập cá nhân.",
        [
            (
                "Xác định doanh thu cả năm",
                "Cộng tiền bán hàng, dịch vụ của cả năm; doanh thu dưới ngưỡng chịu thuế thì chỉ "
                "cần khai báo, không phải nộp thuế.",
            ),
            (
                "Dùng hóa đơn điện tử nếu thuộc diện phải dùng",
                "Hộ có doanh thu lớn dùng hóa đơn điện tử khởi tạo từ máy tính tiền; Chi cục "
                "Thuế hướng dẫn cài đặt miễn phí.",
            ),
            (
                "Kê khai và nộp thuế đúng hạn",
                "Khai trên ứng dụng eTax Mobile hoặc Cổng thuế điện tử; nộp thuế bằng tài khoản "
                "ngân hàng hoặc ví điện tử, không cần đến cơ quan thuế.",
            ),
            (
                "Báo khi tạm ngừng, thôi kinh doanh",
                "Làm thủ tục tạm ngừng hoặc chấm dứt hộ kinh doanh tại phường; thông tin được "
                "chuyển sang cơ quan thuế để dừng tính thuế.",
            ),
        ],
        [
            "Thuế do cơ quan thuế quản lý; UBND phường phối hợp tuyên truyền và chuyển thông tin "
            "đăng ký hộ kinh doanh. Mọi thắc mắc về số thuế, xin liên hệ Đội thuế liên phường "
            "theo số điện thoại trên thông báo của cơ quan thuế.",
        ],
        ["1.001570", "1.001266"],
        ["1024/UBND-VP", "301/TB-UBND"],
        "Luật Quản lý thuế 2019 và các văn bản hướng dẫn về thuế đối với hộ kinh doanh",
    ),
]

# Changes of the demo register that the guides have not caught up with yet: the demo shows
# them flagged «cần rà soát» and listed under «Quy định mới».
CHANGED_DOCUMENTS = ["03/2025/QĐ-UBND", "01/CT-UBND"]
