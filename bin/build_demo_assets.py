"""Build the demo ward's binary assets from HTML, in Debian's chromium (through Playwright):

- tthc/demo/forms/*.pdf: each form blank and filled in with a sample, side by side on the
  procedure pages (forms.json lists them and the procedures they serve);
- tthc/demo/guide/buoc-N.png: the pictures of the guide to filing online (guide.json);
- feedback/demo_ihanoi/buoc-N.png: the pictures of the iHanoi guide (guide.json), phone
  screens drawn in HTML (illustrations, not screenshots of the real app), reduced to a palette.

The outputs are committed, so that `make run` needs no browser; run this again after changing
the forms or a guide:  .venv/bin/python bin/build_demo_assets.py [forms] [guide] [ihanoi]
(no argument: all three).
The sample data is invented (the names are the customary placeholders "Nguyễn Văn A"); never
put a real person's details here.
"""

import html
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMS_DIR = ROOT / "tthc" / "demo" / "forms"
GUIDE_DIR = ROOT / "tthc" / "demo" / "guide"
IHANOI_DIR = ROOT / "feedback" / "demo_ihanoi"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

WARD = "Ủy ban nhân dân phường Từ Liêm"
ADDRESS = "Số 12, ngõ 5, Tổ dân phố số 3, phường Từ Liêm, thành phố Hà Nội"
PERSON_ID = "001090xxxxxx (số định danh cá nhân ghi đủ 12 số)"

# Each form: its fields as (label, sample value); a "§ heading" label starts a section, and a
# table field is ("|table", [column titles], [rows of (label, value, value)]).
FORMS = [
    {
        "slug": "to-khai-dang-ky-khai-sinh",
        "title": "Tờ khai đăng ký khai sinh",
        "basis": "Mẫu ban hành kèm theo Thông tư số 04/2020/TT-BTP (đã sửa đổi, bổ sung)",
        "procedures": ["1.001193", "1.004884", "1.004772"],
        "fields": [
            ("Kính gửi", WARD),
            ("Họ, chữ đệm, tên người yêu cầu", "Nguyễn Văn A"),
            ("Số định danh cá nhân", PERSON_ID),
            ("Nơi cư trú", ADDRESS),
            ("Quan hệ với người được khai sinh", "Cha"),
            ("§ Đề nghị cơ quan đăng ký khai sinh cho người dưới đây", ""),
            ("Họ, chữ đệm, tên", "Nguyễn Minh C"),
            (
                "Ngày, tháng, năm sinh",
                "05/11/2026 — ghi bằng chữ: ngày năm tháng mười một năm hai nghìn không trăm hai mươi sáu",
            ),
            ("Giới tính", "Nam"),
            ("Dân tộc / Quốc tịch", "Kinh / Việt Nam"),
            ("Nơi sinh", "Bệnh viện Đa khoa khu vực, thành phố Hà Nội"),
            ("Quê quán", "Xã Đông Anh, thành phố Hà Nội"),
            ("§ Thông tin về cha, mẹ", ""),
            ("Họ, chữ đệm, tên người cha; năm sinh", "Nguyễn Văn A; 1990"),
            ("Họ, chữ đệm, tên người mẹ; năm sinh", "Trần Thị B; 1992"),
            ("Nơi cư trú của cha, mẹ", ADDRESS),
            ("Đề nghị cấp bản sao", "Có — số lượng: 02 bản"),
        ],
    },
    {
        "slug": "to-khai-dang-ky-ket-hon",
        "title": "Tờ khai đăng ký kết hôn",
        "basis": "Mẫu ban hành kèm theo Thông tư số 04/2020/TT-BTP (đã sửa đổi, bổ sung)",
        "procedures": ["1.000894"],
        "fields": [
            ("Kính gửi", WARD),
            (
                "|table",
                ["Thông tin", "Bên nữ", "Bên nam"],
                [
                    ("Họ, chữ đệm, tên", "Trần Thị B", "Nguyễn Văn A"),
                    ("Ngày, tháng, năm sinh", "14/02/1998", "20/08/1996"),
                    ("Dân tộc", "Kinh", "Kinh"),
                    ("Quốc tịch", "Việt Nam", "Việt Nam"),
                    ("Nơi cư trú", ADDRESS, "Số 8, Tổ dân phố số 7, phường Từ Liêm, Hà Nội"),
                    ("Số định danh cá nhân", "001198xxxxxx", "001096xxxxxx"),
                    ("Kết hôn lần thứ mấy", "Thứ nhất", "Thứ nhất"),
                ],
            ),
            (
                "Cam đoan",
                "Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn của chúng tôi là tự nguyện, không vi phạm quy định của Luật Hôn nhân và gia đình.",
            ),
            ("Đề nghị cấp bản sao Trích lục kết hôn", "Có — số lượng: 02 bản"),
        ],
    },
    {
        "slug": "to-khai-dang-ky-khai-tu",
        "title": "Tờ khai đăng ký khai tử",
        "basis": "Mẫu ban hành kèm theo Thông tư số 04/2020/TT-BTP (đã sửa đổi, bổ sung)",
        "procedures": ["1.000656", "1.005461"],
        "fields": [
            ("Kính gửi", WARD),
            ("Họ, chữ đệm, tên người yêu cầu", "Nguyễn Văn A"),
            ("Số định danh cá nhân", PERSON_ID),
            ("Nơi cư trú", ADDRESS),
            ("Quan hệ với người đã chết", "Con đẻ"),
            ("§ Đề nghị cơ quan đăng ký khai tử cho người có tên dưới đây", ""),
            ("Họ, chữ đệm, tên", "Nguyễn Văn D"),
            ("Ngày, tháng, năm sinh", "03/04/1945"),
            ("Dân tộc / Quốc tịch", "Kinh / Việt Nam"),
            ("Số định danh cá nhân", "001045xxxxxx"),
            ("Nơi cư trú cuối cùng", ADDRESS),
            ("Đã chết vào lúc", "09 giờ 30 phút, ngày 10/11/2026"),
            ("Nơi chết", "Tại nhà, " + ADDRESS),
            ("Nguyên nhân chết", "Bệnh già"),
            ("Số Giấy báo tử / giấy tờ thay thế", "Giấy báo tử số 123/GBT do Trạm Y tế phường cấp"),
            ("Đề nghị cấp bản sao Trích lục khai tử", "Có — số lượng: 03 bản"),
        ],
    },
    {
        "slug": "to-khai-cap-ban-sao-trich-luc-ho-tich",
        "title": "Tờ khai cấp bản sao trích lục hộ tịch",
        "basis": "Mẫu ban hành kèm theo Thông tư số 04/2020/TT-BTP (đã sửa đổi, bổ sung)",
        "procedures": ["2.000635"],
        "fields": [
            ("Kính gửi", WARD),
            ("Họ, chữ đệm, tên người yêu cầu", "Nguyễn Văn A"),
            ("Số định danh cá nhân", PERSON_ID),
            ("Nơi cư trú", ADDRESS),
            ("Quan hệ với người được cấp bản sao", "Bản thân"),
            ("§ Đề nghị cấp bản sao trích lục hộ tịch", ""),
            ("Loại việc hộ tịch", "Khai sinh"),
            ("Họ, chữ đệm, tên người được cấp", "Nguyễn Văn A"),
            ("Ngày, tháng, năm sinh", "20/08/1996"),
            ("Đã đăng ký tại", "UBND xã Xuân Phương cũ (nay thuộc phường Từ Liêm), năm 1996"),
            ("Số đăng ký (nếu biết)", "Số 45, quyển số 01/1996"),
            ("Số lượng bản sao đề nghị cấp", "02 bản"),
            ("Mục đích sử dụng", "Bổ sung hồ sơ xin việc"),
        ],
    },
    {
        "slug": "to-khai-xac-nhan-tinh-trang-hon-nhan",
        "title": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
        "basis": "Mẫu ban hành kèm theo Thông tư số 04/2020/TT-BTP (đã sửa đổi, bổ sung)",
        "procedures": ["1.004873"],
        "fields": [
            ("Kính gửi", WARD),
            ("Họ, chữ đệm, tên người yêu cầu", "Trần Thị B"),
            ("Số định danh cá nhân", "001198xxxxxx"),
            ("Nơi cư trú", ADDRESS),
            ("Quan hệ với người được cấp", "Bản thân"),
            ("§ Đề nghị cấp Giấy xác nhận tình trạng hôn nhân cho người có tên dưới đây", ""),
            ("Họ, chữ đệm, tên", "Trần Thị B"),
            ("Ngày, tháng, năm sinh", "14/02/1998"),
            ("Giới tính / Dân tộc / Quốc tịch", "Nữ / Kinh / Việt Nam"),
            ("Nơi cư trú", ADDRESS),
            ("Tình trạng hôn nhân", "Hiện tại chưa đăng ký kết hôn với ai"),
            ("Mục đích sử dụng", "Để đăng ký kết hôn"),
            ("Số lượng Giấy xác nhận đề nghị cấp", "01 bản"),
        ],
    },
    {
        "slug": "giay-de-nghi-dang-ky-ho-kinh-doanh",
        "title": "Giấy đề nghị đăng ký hộ kinh doanh",
        "basis": "Mẫu ban hành kèm theo Thông tư của Bộ Tài chính hướng dẫn về đăng ký doanh nghiệp, hộ kinh doanh",
        "procedures": ["1.001612"],
        "fields": [
            ("Kính gửi", "Cơ quan đăng ký kinh doanh — " + WARD),
            ("Họ, chữ đệm, tên chủ hộ kinh doanh", "Nguyễn Văn A"),
            ("Số định danh cá nhân", PERSON_ID),
            ("Nơi cư trú", ADDRESS),
            ("§ Đăng ký hộ kinh doanh với các nội dung sau", ""),
            ("Tên hộ kinh doanh", "Hộ kinh doanh Quán cơm Bình An"),
            ("Địa chỉ trụ sở", "Số 15, phố Hồ Tùng Mậu, phường Từ Liêm, Hà Nội"),
            ("Điện thoại / Thư điện tử", "09xx xxx xxx / (không bắt buộc)"),
            ("Ngành, nghề kinh doanh", "Dịch vụ ăn uống (cơm bình dân)"),
            ("Vốn kinh doanh", "150.000.000 đồng (Một trăm năm mươi triệu đồng)"),
            ("Số lượng lao động", "03 người"),
            ("Chủ thể thành lập", "Cá nhân"),
            (
                "Cam kết",
                "Tôi cam kết chỉ đăng ký một hộ kinh doanh và chịu trách nhiệm về tính hợp pháp, chính xác của nội dung kê khai.",
            ),
        ],
    },
    {
        "slug": "to-khai-thay-doi-thong-tin-cu-tru-ct01",
        "title": "Tờ khai thay đổi thông tin cư trú (mẫu CT01)",
        "basis": "Mẫu CT01 ban hành kèm theo Thông tư số 66/2023/TT-BCA",
        "procedures": ["1.004194", "1.004222", "1.002755", "1.010038"],
        "fields": [
            ("Kính gửi", "Công an phường Từ Liêm"),
            ("Họ, chữ đệm và tên", "Lê Văn E"),
            ("Ngày, tháng, năm sinh / Giới tính", "12/06/2003 / Nam"),
            ("Số định danh cá nhân", "001203xxxxxx"),
            ("Số điện thoại liên hệ", "09xx xxx xxx"),
            ("Họ, chữ đệm và tên chủ hộ; quan hệ với chủ hộ", "Phạm Thị F; người thuê nhà"),
            ("Số định danh cá nhân của chủ hộ", "001070xxxxxx"),
            (
                "Nội dung đề nghị",
                "Đăng ký tạm trú tại "
                + ADDRESS
                + " từ ngày 01/12/2026 đến ngày 30/11/2027 (thuê nhà để đi học)",
            ),
            ("Những thành viên trong hộ gia đình cùng thay đổi", "Không có"),
            (
                "Ý kiến của chủ hộ / chủ sở hữu chỗ ở",
                "Đồng ý cho đăng ký tạm trú (ký, ghi rõ họ tên)",
            ),
        ],
    },
]

GUIDE = [
    {
        "image": "buoc-1.png",
        "title": "Đăng nhập bằng tài khoản VNeID",
        "text": "Mở trang dichvucong.gov.vn trên điện thoại, bấm «Đăng nhập» rồi chọn «Tài khoản định danh điện tử (VNeID)». Mở ứng dụng VNeID để quét mã hoặc nhập số định danh và mật khẩu.",
        "alt": "Màn hình đăng nhập Cổng Dịch vụ công quốc gia, nút «Đăng nhập bằng VNeID» được khoanh đỏ.",
        "screen": "login",
    },
    {
        "image": "buoc-2.png",
        "title": "Tìm thủ tục cần làm",
        "text": "Gõ tên thủ tục vào ô tìm kiếm, ví dụ «khai sinh», rồi chọn đúng thủ tục có tên «Đăng ký khai sinh». Có thể quét mã QR ở trang thủ tục của phường để đến thẳng thủ tục.",
        "alt": "Ô tìm kiếm có chữ «khai sinh» và danh sách kết quả, dòng «Thủ tục đăng ký khai sinh» được khoanh đỏ.",
        "screen": "search",
    },
    {
        "image": "buoc-3.png",
        "title": "Chọn nơi nộp là phường Từ Liêm",
        "text": "Chọn Tỉnh/Thành phố là «Thành phố Hà Nội», Phường/Xã là «Phường Từ Liêm», rồi bấm «Nộp hồ sơ».",
        "alt": "Hai ô chọn thành phố và phường, đã chọn Hà Nội và Phường Từ Liêm; nút «Nộp hồ sơ» được khoanh đỏ.",
        "screen": "agency",
    },
    {
        "image": "buoc-4.png",
        "title": "Điền tờ khai và đính kèm giấy tờ",
        "text": "Điền tờ khai theo hướng dẫn (mẫu đã điền sẵn ở trang thủ tục giúp tránh sai). Chụp rõ từng giấy tờ bằng điện thoại và đính kèm vào đúng mục.",
        "alt": "Tờ khai điện tử với các ô họ tên, ngày sinh và nút «Đính kèm ảnh giấy tờ» được khoanh đỏ.",
        "screen": "form",
    },
    {
        "image": "buoc-5.png",
        "title": "Nộp, ghi lại mã hồ sơ và theo dõi",
        "text": "Kiểm tra lại rồi bấm «Nộp hồ sơ». Ghi lại mã hồ sơ để tra cứu; phường báo kết quả qua tin nhắn và trên tài khoản. Nếu cần bổ sung, phường báo một lần, đầy đủ.",
        "alt": "Thông báo «Nộp hồ sơ thành công» kèm mã hồ sơ được khoanh đỏ.",
        "screen": "done",
    },
]

FORM_CSS = """
@page { size: A4; margin: 18mm 18mm 16mm 22mm; }
body { font-family: "Times New Roman", "DejaVu Serif", serif; font-size: 13pt; color: #000; }
.nation { text-align: center; font-weight: bold; line-height: 1.4; }
.nation span { display: block; font-weight: bold; text-decoration: underline; }
h1 { text-align: center; font-size: 15pt; margin: 18pt 0 4pt; text-transform: uppercase; }
.basis { text-align: center; font-style: italic; font-size: 10.5pt; margin: 0 0 14pt; }
.row { display: flex; gap: 6pt; margin: 7pt 0; align-items: flex-end; break-inside: avoid; }
.label { white-space: nowrap; }
.value { flex: 1; border-bottom: 1px dotted #444; min-height: 17pt; }
.filled .value { color: #0b3d91; font-family: "DejaVu Sans", sans-serif; font-size: 11.5pt; }
h2 { font-size: 13pt; margin: 14pt 0 4pt; }
table { width: 100%; border-collapse: collapse; margin: 8pt 0; }
th, td { border: 1px solid #000; padding: 4pt 6pt; vertical-align: top; font-size: 12pt; }
.filled td.v { color: #0b3d91; font-family: "DejaVu Sans", sans-serif; font-size: 11pt; }
td.v { height: 22pt; }
.sign { display: flex; justify-content: flex-end; margin-top: 22pt; text-align: center; }
.sign div { width: 60%; }
.stamp { width: fit-content; margin: 0 auto 12pt; border: 2px solid #b00020; color: #b00020;
  padding: 3pt 10pt; font: bold 10pt "DejaVu Sans", sans-serif; }
th:first-child { width: 28%; }
"""


def form_html(form, filled):
    e = html.escape
    parts = [
        f"<!doctype html><html lang='vi'><meta charset='utf-8'><title>{e(form['title'])}</title>",
        f"<style>{FORM_CSS}</style><body class='{'filled' if filled else 'blank'}'>",
    ]
    parts.append(
        "<div class='nation'>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        "<span>Độc lập - Tự do - Hạnh phúc</span></div>"
        f"<h1>{e(form['title'])}</h1><p class='basis'>{e(form['basis'])}</p>"
    )
    if filled:
        parts.append("<div class='stamp'>MẪU THAM KHẢO ĐÃ ĐIỀN — THÔNG TIN GIẢ ĐỊNH</div>")
    for field in form["fields"]:
        label = field[0]
        if label == "|table":
            columns, rows = field[1], field[2]
            head = "".join(f"<th>{e(c)}</th>" for c in columns)
            body = "".join(
                f"<tr><td>{e(r[0])}</td>"
                + "".join(f"<td class='v'>{e(v) if filled else ''}</td>" for v in r[1:])
                + "</tr>"
                for r in rows
            )
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        elif label.startswith("§ "):
            parts.append(f"<h2>{e(label[2:])}:</h2>")
        else:
            value = e(field[1]) if filled else ""
            parts.append(
                f"<div class='row'><span class='label'>{e(label)}:</span>"
                f"<span class='value'>{value}</span></div>"
            )
    date = "Từ Liêm, ngày 20 tháng 11 năm 2026" if filled else "…………, ngày …… tháng …… năm ……"
    signer = "(đã ký)<br><br>Nguyễn Văn A" if filled else "<br><br><br>"
    parts.append(
        f"<div class='sign'><div><i>{date}</i><br><b>Người yêu cầu</b><br>"
        f"<i>(Ký, ghi rõ họ, chữ đệm, tên)</i><br>{signer}</div></div></body></html>"
    )
    return "".join(parts)


# --- The guide's pictures: a phone screen drawn in HTML, an illustration of each step -------

PHONE_CSS = """
* { box-sizing: border-box; }
body { margin: 0; width: 360px; height: 560px; font: 15px/1.4 "DejaVu Sans", sans-serif;
  background: #eef2f7; color: #1b1b1b; }
.bar { background: #b3261e; color: #fff; padding: 12px 14px; font-weight: bold; font-size: 15px; }
.bar small { display: block; font-weight: normal; font-size: 12px; opacity: .9; }
.url { background: #fff; margin: 8px 10px; border-radius: 18px; padding: 6px 14px; font-size: 12px;
  color: #555; border: 1px solid #ccd; }
.card { background: #fff; margin: 10px; border-radius: 10px; padding: 14px; box-shadow: 0 1px 3px #0002; }
.btn { display: block; text-align: center; background: #b3261e; color: #fff; padding: 11px;
  border-radius: 8px; font-weight: bold; margin-top: 10px; }
.btn.alt { background: #fff; color: #b3261e; border: 2px solid #b3261e; }
.ring { outline: 4px solid #e53935; outline-offset: 4px; border-radius: 8px; }
.input { border: 1px solid #99a; border-radius: 6px; padding: 9px 10px; margin: 6px 0; background: #fff; }
.label { font-size: 12px; color: #555; margin-top: 8px; }
.result { border-bottom: 1px solid #dde; padding: 9px 2px; font-size: 14px; }
.step { position: absolute; left: 10px; bottom: 10px; right: 10px; background: #0b3d91; color: #fff;
  border-radius: 10px; padding: 10px 12px; font-weight: bold; font-size: 15px; }
.ok { font-size: 40px; color: #2e7d32; text-align: center; }
"""

SCREENS = {
    "login": """
<div class='card'><b>Đăng nhập</b>
<div class='btn ring'>Đăng nhập bằng tài khoản định danh điện tử VNeID</div>
<div class='btn alt'>Tài khoản Cổng Dịch vụ công</div>
<p style='font-size:13px;color:#555'>Chưa có tài khoản VNeID mức 2? Đăng ký tại Công an phường.</p></div>""",
    "search": """
<div class='card'><div class='input'>khai sinh</div>
<div class='result ring'>Thủ tục đăng ký khai sinh<br><small>Mã 1.001193 · Hộ tịch · Toàn trình</small></div>
<div class='result'>Đăng ký lại khai sinh<br><small>Mã 1.004884 · Hộ tịch</small></div>
<div class='result'>Đăng ký khai sinh có yếu tố nước ngoài<br><small>Cấp tỉnh</small></div></div>""",
    "agency": """
<div class='card'><b>Thủ tục đăng ký khai sinh</b>
<div class='label'>Tỉnh/Thành phố</div><div class='input'>Thành phố Hà Nội ▾</div>
<div class='label'>Phường/Xã</div><div class='input'>Phường Từ Liêm ▾</div>
<div class='btn ring'>Nộp hồ sơ</div></div>""",
    "form": """
<div class='card'><b>Tờ khai đăng ký khai sinh</b>
<div class='label'>Họ, chữ đệm, tên người được khai sinh</div><div class='input'>Nguyễn Minh C</div>
<div class='label'>Ngày sinh</div><div class='input'>05/11/2026</div>
<div class='label'>Giấy chứng sinh</div>
<div class='btn alt ring'>＋ Đính kèm ảnh giấy tờ</div></div>""",
    "done": """
<div class='card'><div class='ok'>✔</div><p style='text-align:center'><b>Nộp hồ sơ thành công</b></p>
<div class='input ring' style='text-align:center'>Mã hồ sơ: <b>H01.xx-261120-0001</b></div>
<p style='font-size:13px;color:#555'>Theo dõi tại mục «Quản lý hồ sơ đã nộp».</p></div>""",
}


def guide_html(number, step):
    return (
        f"<!doctype html><html lang='vi'><meta charset='utf-8'><style>{PHONE_CSS}</style><body>"
        "<div class='bar'>CỔNG DỊCH VỤ CÔNG QUỐC GIA<small>Hình minh họa, không phải ảnh chụp màn hình</small></div>"
        "<div class='url'>dichvucong.gov.vn</div>"
        f"{SCREENS[step['screen']]}"
        f"<div class='step'>Bước {number}: {html.escape(step['title'])}</div></body></html>"
    )


# --- The iHanoi guide's pictures: a generic phone app drawn in HTML (no real logo) ----------

IHANOI_GUIDE = [
    {
        "image": "buoc-1.png",
        "title": "Cài ứng dụng iHanoi",
        "text": "Trên điện thoại, mở cửa hàng ứng dụng: «CH Play» nếu là điện thoại Android, "
        "«App Store» nếu là iPhone. Gõ chữ «iHanoi» vào ô tìm kiếm, chọn ứng dụng iHanoi của "
        "UBND thành phố Hà Nội rồi bấm «Cài đặt». Ứng dụng miễn phí.",
        "alt": "Cửa hàng ứng dụng trên điện thoại, ô tìm kiếm có chữ «iHanoi»; ứng dụng iHanoi "
        "của UBND thành phố Hà Nội hiện ra, nút «Cài đặt» được khoanh đỏ.",
        "screen": "store",
    },
    {
        "image": "buoc-2.png",
        "title": "Đăng nhập",
        "text": "Mở iHanoi. Nếu đã có tài khoản định danh điện tử VNeID, bấm «Đăng nhập bằng "
        "VNeID». Nếu chưa có, nhập số điện thoại của mình rồi nhập mã số được gửi về qua tin "
        "nhắn. Chỉ cần đăng nhập một lần.",
        "alt": "Màn hình đăng nhập của iHanoi: nút «Đăng nhập bằng VNeID» được khoanh đỏ, bên "
        "dưới là ô nhập số điện thoại và nút «Nhận mã qua tin nhắn».",
        "screen": "login",
    },
    {
        "image": "buoc-3.png",
        "title": "Chụp ảnh và chọn nơi xảy ra sự việc",
        "text": "Bấm «Phản ánh hiện trường». Chọn lĩnh vực, ví dụ «Vệ sinh môi trường». Bấm vào "
        "ô ảnh để chụp ảnh nơi có sự việc. Khi điện thoại hỏi, bấm «Cho phép» để ứng dụng biết "
        "vị trí, rồi xem địa chỉ hiện ra có đúng chỗ không.",
        "alt": "Màn hình «Phản ánh hiện trường»: lĩnh vực «Vệ sinh môi trường», một ảnh chụp "
        "đống rác ở đầu ngõ và ô vị trí «Ngõ 12, phường Từ Liêm», ảnh và vị trí được khoanh đỏ.",
        "screen": "capture",
    },
    {
        "image": "buoc-4.png",
        "title": "Viết vài dòng rồi bấm «Gửi»",
        "text": "Viết ngắn gọn: việc gì, ở đâu, từ bao giờ, ví dụ «Rác dồn ứ ở đầu ngõ 12 đã ba "
        "ngày». Không cần viết dài. Đọc lại rồi bấm «Gửi phản ánh». Phản ánh được chuyển tới "
        "phường nơi xảy ra sự việc.",
        "alt": "Ô «Nội dung phản ánh» đã viết «Rác dồn ứ ở đầu ngõ 12 đã ba ngày, bốc mùi», "
        "nút «Gửi phản ánh» được khoanh đỏ.",
        "screen": "send",
    },
    {
        "image": "buoc-5.png",
        "title": "Theo dõi phản ánh",
        "text": "Vào mục «Phản ánh của tôi». Bên cạnh mỗi phản ánh có ghi phường đã làm đến đâu: "
        "«Đã tiếp nhận», «Đang xử lý» hay «Đã xử lý». Mở mục này vài ngày một lần để xem.",
        "alt": "Danh sách «Phản ánh của tôi» có ba phản ánh với trạng thái «Đang xử lý», «Đã "
        "tiếp nhận» và «Đã xử lý»; trạng thái «Đang xử lý» được khoanh đỏ.",
        "screen": "status",
    },
    {
        "image": "buoc-6.png",
        "title": "Đánh giá kết quả",
        "text": "Khi phản ánh «Đã xử lý», bấm vào để xem phường đã làm gì, có ảnh trước và sau "
        "khi xử lý. Chọn số sao (năm sao là rất hài lòng) rồi bấm «Gửi đánh giá». Nếu việc "
        "chưa xong, hãy ghi rõ để phường làm tiếp.",
        "alt": "Kết quả xử lý với ảnh trước và sau khi thu gom rác; hàng năm ngôi sao đánh giá "
        "được khoanh đỏ và nút «Gửi đánh giá».",
        "screen": "rate",
    },
]

APP_CSS = """
* { box-sizing: border-box; }
body { margin: 0; width: 360px; height: 640px; position: relative; overflow: hidden;
  font: 17px/1.4 "DejaVu Sans", sans-serif; background: #eef3f2; color: #1b1b1b; }
.note { background: #fff4c2; color: #5a4300; font-size: 12px; text-align: center; padding: 4px; }
.bar { display: flex; align-items: center; gap: 10px; background: #00695c; color: #fff;
  padding: 10px 14px; font-weight: bold; font-size: 17px; }
.bar.store { background: #37474f; }
.bar small { display: block; font-weight: normal; font-size: 12px; opacity: .9; }
.icon { width: 34px; height: 34px; border-radius: 9px; background: #fff; flex: none;
  display: flex; align-items: center; justify-content: center; }
.icon.big { width: 56px; height: 56px; border-radius: 14px; background: #00695c; }
.pin { width: 16px; height: 16px; border-radius: 50% 50% 50% 0; background: #00695c;
  transform: rotate(-45deg); position: relative; }
.pin::after { content: ""; position: absolute; width: 6px; height: 6px; border-radius: 50%;
  background: #fff; left: 5px; top: 5px; }
.icon.big .pin { width: 24px; height: 24px; background: #fff; }
.icon.big .pin::after { width: 9px; height: 9px; left: 7.5px; top: 7.5px; background: #00695c; }
.card { background: #fff; margin: 10px; border-radius: 10px; padding: 12px 14px;
  box-shadow: 0 1px 3px #0002; }
h1 { font-size: 17px; margin: 0 0 6px; }
.btn { display: block; text-align: center; background: #00695c; color: #fff; padding: 11px;
  border-radius: 8px; font-weight: bold; margin-top: 10px; }
.btn.alt { background: #fff; color: #00695c; border: 2px solid #00695c; }
.ring { outline: 4px solid #e53935; outline-offset: 3px; border-radius: 8px; }
div.ring { margin-top: 12px; margin-bottom: 12px; }
.input { border: 1px solid #99a; border-radius: 6px; padding: 8px 10px; margin: 4px 0;
  background: #fff; }
.input.tall { min-height: 96px; }
.label { font-size: 15px; color: #444; margin-top: 10px; }
.or { text-align: center; color: #555; font-size: 15px; margin: 12px 0 2px; }
.row { display: flex; align-items: center; gap: 12px; }
.muted { color: #555; font-size: 15px; }
.photo { width: 150px; height: 110px; border-radius: 6px; position: relative; overflow: hidden;
  background: linear-gradient(#bfe3f5 0 45%, #9e9e9e 45%); }
.photo.after { background: linear-gradient(#bfe3f5 0 45%, #b0b0b0 45%); }
.photo i { position: absolute; bottom: 14px; width: 30px; height: 26px; border-radius: 40% 40% 8px 8px;
  background: #37474f; }
.photo span { position: absolute; left: 6px; top: 4px; font-size: 11px; background: #fffd;
  padding: 0 4px; border-radius: 3px; }
.add { width: 100px; height: 110px; border: 2px dashed #00695c; border-radius: 6px; color: #00695c;
  display: flex; align-items: center; justify-content: center; text-align: center; font-size: 15px; }
.item { border-bottom: 1px solid #dde; padding: 14px 0; }
.item:last-child { border-bottom: 0; }
.badge { display: inline-block; font-size: 15px; font-weight: bold; padding: 3px 9px;
  border-radius: 12px; margin-top: 4px; }
.b-doing { background: #fff0d6; color: #8a4b00; }
.b-new { background: #dde8ff; color: #1c3f94; }
.b-done { background: #dcf3e0; color: #1b5e20; }
.stars { font-size: 34px; color: #f5a300; letter-spacing: 6px; text-align: center; padding: 2px 0; }
.step { position: absolute; left: 10px; bottom: 10px; right: 10px; background: #0b3d91;
  color: #fff; border-radius: 10px; padding: 10px 12px; font-weight: bold; font-size: 18px; }
"""

PIN = "<span class='pin'></span>"
RUBBISH = "<i style='left:30px'></i><i style='left:52px;height:32px'></i><i style='left:76px'></i>"

APP_SCREENS = {
    "store": f"""
<div class='bar store'>Cửa hàng ứng dụng</div>
<div class='card'><div class='input'>iHanoi</div>
<div class='row' style='margin-top:12px'><div class='icon big'>{PIN}</div>
<div><b>iHanoi</b><div class='muted'>UBND Thành phố Hà Nội</div><div class='muted'>Miễn phí</div></div></div>
<div class='btn ring'>Cài đặt</div></div>
<p class='muted' style='margin:6px 14px'>Điện thoại Android: mở «CH Play».<br>iPhone: mở «App Store».</p>""",
    "login": f"""
<div class='bar'><span class='icon'>{PIN}</span>iHanoi</div>
<div class='card'><h1>Đăng nhập</h1>
<div class='btn ring'>Đăng nhập bằng VNeID</div>
<div class='or'>hoặc dùng số điện thoại</div>
<div class='label'>Số điện thoại</div><div class='input'>09xx xxx xxx</div>
<div class='btn alt'>Nhận mã qua tin nhắn</div></div>""",
    "capture": f"""
<div class='bar'><span class='icon'>{PIN}</span>Phản ánh hiện trường</div>
<div class='card'><div class='label' style='margin-top:0'>Lĩnh vực</div>
<div class='input'>Vệ sinh môi trường ▾</div>
<div class='label'>Ảnh hiện trường</div>
<div class='row' style='margin:6px 0 4px'><div class='photo ring'>{RUBBISH}</div>
<div class='add'>+ Chụp<br>thêm ảnh</div></div>
<div class='label'>Vị trí</div>
<div class='input ring row' style='gap:10px'>{PIN}Ngõ 12, phường Từ Liêm</div>
<div class='muted'>Vị trí lấy từ điện thoại (minh họa)</div></div>""",
    "send": f"""
<div class='bar'><span class='icon'>{PIN}</span>Phản ánh hiện trường</div>
<div class='card'><div class='label' style='margin-top:0'>Nội dung phản ánh</div>
<div class='input tall'>Rác dồn ứ ở đầu ngõ 12 đã ba ngày, bốc mùi.</div>
<div class='label'>Địa chỉ</div><div class='input'>Ngõ 12, phường Từ Liêm</div>
<div class='row muted' style='margin-top:8px'><div class='photo' style='width:70px;height:46px'></div>1 ảnh đã chụp</div>
<div class='btn ring'>Gửi phản ánh</div></div>""",
    "status": f"""
<div class='bar'><span class='icon'>{PIN}</span>Phản ánh của tôi</div>
<div class='card'>
<div class='item'><b>Rác dồn ứ ở đầu ngõ 12</b><div class='muted'>Gửi ngày 02/12</div>
<span class='badge b-doing ring'>Đang xử lý</span></div>
<div class='item'><b>Đèn đường ngõ 5 không sáng</b><div class='muted'>Gửi ngày 03/12</div>
<span class='badge b-new'>Đã tiếp nhận</span></div>
<div class='item'><b>Ổ gà trước cổng trường</b><div class='muted'>Gửi ngày 20/11</div>
<span class='badge b-done'>Đã xử lý</span></div></div>""",
    "rate": f"""
<div class='bar'><span class='icon'>{PIN}</span>Kết quả xử lý</div>
<div class='card'><span class='badge b-done' style='margin:0'>Đã xử lý</span>
<p style='margin:6px 0'>Phường đã thu gom rác và phun khử mùi.</p>
<div class='row'><div class='photo' style='width:146px;height:80px'>{RUBBISH}<span>Trước</span></div>
<div class='photo after' style='width:146px;height:80px'><span>Sau</span></div></div>
<div class='label'>Bạn có hài lòng với kết quả?</div>
<div class='stars ring'>★★★★★</div>
<div class='btn'>Gửi đánh giá</div></div>""",
}


def ihanoi_html(number, step):
    return (
        f"<!doctype html><html lang='vi'><meta charset='utf-8'><style>{APP_CSS}</style><body>"
        "<div class='note'>Hình minh họa, không phải ảnh chụp ứng dụng thật</div>"
        f"{APP_SCREENS[step['screen']]}"
        f"<div class='step'>Bước {number}: {html.escape(step['title'])}</div></body></html>"
    )


def shrink_png(path, colours=96):
    """Reduce a screenshot to a palette: a flat drawing keeps its look at a fraction of the size."""
    from PIL import Image

    with Image.open(path) as picture:
        small = picture.convert("RGB").quantize(colours, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def write_guide_json(directory, steps):
    (directory / "guide.json").write_text(
        json.dumps(
            [{k: s[k] for k in ("image", "title", "text", "alt")} for s in steps],
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )


PARTS = ("forms", "guide", "ihanoi")


def main(parts):
    from playwright.sync_api import sync_playwright

    unknown = set(parts) - set(PARTS)
    if unknown:
        sys.exit(f"Unknown part(s) {sorted(unknown)}; choose among {', '.join(PARTS)}.")
    parts = parts or PARTS
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium not found at {CHROMIUM}; run `make chromium` first.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        if "forms" in parts:
            build_forms(browser.new_page())
        if "guide" in parts:
            GUIDE_DIR.mkdir(parents=True, exist_ok=True)
            phone = browser.new_page(viewport={"width": 360, "height": 560})
            for number, step in enumerate(GUIDE, start=1):
                phone.set_content(guide_html(number, step))
                phone.screenshot(path=str(GUIDE_DIR / step["image"]))
            write_guide_json(GUIDE_DIR, GUIDE)
            print(f"{len(GUIDE)} guide pictures in {GUIDE_DIR.relative_to(ROOT)}")
        if "ihanoi" in parts:
            IHANOI_DIR.mkdir(parents=True, exist_ok=True)
            phone = browser.new_page(viewport={"width": 360, "height": 640})
            for number, step in enumerate(IHANOI_GUIDE, start=1):
                path = IHANOI_DIR / step["image"]
                phone.set_content(ihanoi_html(number, step))
                phone.screenshot(path=str(path))
                shrink_png(path)
                print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")
            write_guide_json(IHANOI_DIR, IHANOI_GUIDE)
        browser.close()


def build_forms(page):
    FORMS_DIR.mkdir(parents=True, exist_ok=True)
    manifest = []
    for form in FORMS:
        files = {}
        for filled, name in (
            (False, f"{form['slug']}.pdf"),
            (True, f"{form['slug']}-mau-dien-san.pdf"),
        ):
            page.set_content(form_html(form, filled))
            page.pdf(path=str(FORMS_DIR / name), format="A4", print_background=True)
            files["sample" if filled else "blank"] = name
        manifest.append(
            {
                "slug": form["slug"],
                "title": form["title"],
                "procedures": form["procedures"],
                **files,
            }
        )
    (FORMS_DIR / "forms.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"{len(FORMS) * 2} form PDFs in {FORMS_DIR.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
