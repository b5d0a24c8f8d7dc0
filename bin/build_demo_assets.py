"""Build the demo ward's binary assets from HTML, in Debian's chromium (through Playwright):

- tthc/demo/forms/*.pdf: each form blank and filled in with a sample, side by side on the
  procedure pages (forms.json lists them and the procedures they serve);
- tthc/demo/guide/buoc-N.png: the pictures of the guide to filing online (guide.json).

The outputs are committed, so that `make run` needs no browser; run this again after changing
the forms or the guide:  .venv/bin/python bin/build_demo_assets.py
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


def main():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium not found at {CHROMIUM}; run `make chromium` first.")
    FORMS_DIR.mkdir(parents=True, exist_ok=True)
    GUIDE_DIR.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
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
        phone = browser.new_page(viewport={"width": 360, "height": 560})
        for number, step in enumerate(GUIDE, start=1):
            phone.set_content(guide_html(number, step))
            phone.screenshot(path=str(GUIDE_DIR / step["image"]))
        (GUIDE_DIR / "guide.json").write_text(
            json.dumps(
                [{k: s[k] for k in ("image", "title", "text", "alt")} for s in GUIDE],
                ensure_ascii=False,
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        browser.close()
    print(f"{len(FORMS) * 2} form PDFs in {FORMS_DIR.relative_to(ROOT)}")
    print(f"{len(GUIDE)} guide pictures in {GUIDE_DIR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
