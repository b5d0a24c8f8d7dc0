"""The citizen's report form. Every message is Vietnamese; text arrives in NFC."""

import hashlib
import re
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from content.models import Place
from content.text import nfc

from . import photos as photo_checks
from .models import Channel, FeedbackCategory, Urgency, normalise_code

PHONE_RE = re.compile(r"^(\+84|0)[0-9]{8,10}$")
TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
# The fields that tell two reports sent from the same cached form apart.
SUBMISSION_FIELDS = ("category", "place", "address", "description", "contact_name", "contact_phone")
MAX_DESCRIPTION = 5000
CONSENT_TEXT = (
    "Tôi đồng ý để Ủy ban nhân dân phường dùng họ tên, số điện thoại, thư điện tử, địa chỉ và "
    "ảnh tôi gửi chỉ để xử lý và trả lời phản ánh này. Thông tin cá nhân không được công khai "
    "và được xóa sau khi phản ánh kết thúc theo thời hạn lưu trữ."
)

NOTIFY_CONSENT_TEXT = (
    "Tôi muốn nhận tin báo khi phản ánh này được tiếp nhận, xử lý và kết thúc, qua các kênh "
    "tôi chọn. Số điện thoại và thư điện tử chỉ dùng để gửi các tin báo đó."
)
NOTIFY_LABELS = {
    Channel.EMAIL: "Thư điện tử",
    Channel.SMS: "Tin nhắn SMS",
    Channel.ZALO: "Zalo (tin nhắn ZNS tới số điện thoại)",
}


def new_token():
    return secrets.token_hex(16)


def submission_key(data):
    """What makes two sendings of the report form the same report: the form's token (one per
    rendering of the page, shared by the visitors of a cached copy) and what was written.
    Empty without a well-formed token."""
    token = data.get("token", "")
    if not TOKEN_RE.match(token):
        return ""
    parts = [token] + [nfc(data.get(name, "")).strip() for name in SUBMISSION_FIELDS]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class NfcCharField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return nfc(value) if value else value


class ReportForm(forms.Form):
    category = forms.ModelChoiceField(
        label="Lĩnh vực",
        queryset=FeedbackCategory.objects.none(),
        empty_label="— Chọn lĩnh vực —",
        error_messages={"required": "Vui lòng chọn lĩnh vực phản ánh."},
    )
    urgency = forms.ChoiceField(
        label="Mức độ",
        choices=[
            (Urgency.NORMAL, "Thông thường"),
            (Urgency.URGENT, "Khẩn cấp (nguy hiểm, cần xử lý ngay)"),
        ],
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
    )
    place = forms.ModelChoiceField(
        label="Tổ dân phố / thôn",
        queryset=Place.objects.none(),
        required=False,
        empty_label="— Không rõ —",
    )
    address = NfcCharField(
        label="Địa chỉ hoặc vị trí cụ thể",
        required=False,
        max_length=255,
        help_text="Ví dụ: trước số nhà, đầu ngõ, gần cột điện số… Không hiện công khai.",
    )
    description = NfcCharField(
        label="Nội dung phản ánh",
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Vui lòng mô tả sự việc.",
            "max_length": "Nội dung quá dài: tối đa %(limit_value)d ký tự (hiện có %(show_value)d).",
        },
    )
    lat = forms.DecimalField(
        label="Vĩ độ", required=False, min_value=-90, max_value=90, decimal_places=6
    )
    lng = forms.DecimalField(
        label="Kinh độ", required=False, min_value=-180, max_value=180, decimal_places=6
    )
    contact_name = NfcCharField(label="Họ và tên", required=False, max_length=120)
    contact_phone = NfcCharField(
        label="Số điện thoại",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    contact_email = forms.EmailField(
        label="Thư điện tử",
        required=False,
        error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."},
    )
    notify = forms.MultipleChoiceField(
        label="Nhận tin báo về phản ánh (không bắt buộc)",
        required=False,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        help_text=NOTIFY_CONSENT_TEXT,
        error_messages={"invalid_choice": "Kênh nhận tin không hợp lệ. Vui lòng chọn lại."},
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        required=True,
        error_messages={
            "required": "Vui lòng đánh dấu ô đồng ý xử lý dữ liệu cá nhân để gửi phản ánh."
        },
    )
    # A field people never see: bots fill it in.
    website = forms.CharField(required=False, label="Để trống ô này")
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, site=None, files_list=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site
        self.files_list = list(files_list)
        self.fields["category"].queryset = FeedbackCategory.objects.filter(is_active=True)
        self.fields["place"].queryset = Place.objects.filter(site=site, is_active=True)
        self.encoded_photos = []
        for name in ("contact_name", "contact_phone", "address"):
            self.fields[name].widget.attrs.setdefault("autocomplete", "off")
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        from .channels import available_channels

        # Only the channels the ward can send by; nothing is ticked beforehand.
        self.fields["notify"].choices = [
            (code, NOTIFY_LABELS[code]) for code in (available_channels(site) if site else [])
        ]

    def clean_contact_phone(self):
        phone = re.sub(r"[\s.\-()]", "", self.cleaned_data.get("contact_phone") or "")
        if phone and not PHONE_RE.match(phone):
            raise ValidationError("Số điện thoại không hợp lệ (ví dụ: 0912345678).")
        return phone

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not TOKEN_RE.match(token):
            raise ValidationError("Biểu mẫu đã hết hạn; vui lòng tải lại trang và gửi lại.")
        return token

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError("Không gửi được phản ánh. Vui lòng thử lại.", code="honeypot")
        return ""

    def clean(self):
        cleaned = super().clean()
        category = cleaned.get("category")
        if (
            category
            and category.requires_contact
            and not (cleaned.get("contact_phone") or cleaned.get("contact_email"))
        ):
            self.add_error(
                "contact_phone",
                f"Lĩnh vực «{category.name}» cần số điện thoại hoặc thư điện tử để phường liên hệ.",
            )
        chosen = cleaned.get("notify") or []
        if (
            Channel.EMAIL in chosen
            and not cleaned.get("contact_email")
            and ("contact_email" not in self.errors)
        ):
            self.add_error(
                "contact_email", "Để nhận tin báo qua thư điện tử, vui lòng nhập thư điện tử."
            )
        by_phone = [c for c in (Channel.SMS, Channel.ZALO) if c in chosen]
        if by_phone and not cleaned.get("contact_phone") and "contact_phone" not in self.errors:
            names = " và ".join(NOTIFY_LABELS[c].split(" (")[0] for c in by_phone)
            self.add_error(
                "contact_phone", f"Để nhận tin báo qua {names}, vui lòng nhập số điện thoại."
            )
        if (cleaned.get("lat") is None) != (cleaned.get("lng") is None):
            self.add_error("lat", "Cần cả vĩ độ và kinh độ, hoặc để trống cả hai.")
        try:
            photo_checks.check_count(self.files_list)
            errors = []
            for upload in self.files_list:
                try:
                    self.encoded_photos.append(photo_checks.clean_photo(upload))
                except ValidationError as exc:
                    errors.extend(exc.messages)
            if errors:
                raise ValidationError(errors)
        except ValidationError as exc:
            self.encoded_photos = []
            self.photo_errors = exc.messages
            self.add_error(None, exc)
        return cleaned

    def report_fields(self):
        data = self.cleaned_data
        return {
            "category": data["category"],
            "urgency": data["urgency"],
            "place": data.get("place"),
            "address": data.get("address") or "",
            "description": data["description"],
            "lat": data.get("lat"),
            "lng": data.get("lng"),
            "contact_name": data.get("contact_name") or "",
            "contact_phone": data.get("contact_phone") or "",
            "contact_email": data.get("contact_email") or "",
            "consent_version": settings.FEEDBACK_CONSENT_VERSION,
            **self.notify_fields(),
        }

    def notify_fields(self):
        chosen = [c for c in Channel.values if c in (self.cleaned_data.get("notify") or [])]
        if not chosen:
            return {}
        return {
            "notify_channels": ",".join(chosen),
            "notify_consent_at": timezone.now(),
            "notify_consent_version": settings.FEEDBACK_NOTIFY_CONSENT_VERSION,
        }


class LookupForm(forms.Form):
    ma = forms.CharField(
        label="Mã phản ánh",
        max_length=30,
        help_text="Ví dụ: PA-7K3M-9XQ2 (mã cũ dạng PA-2026-000123 vẫn dùng được).",
        error_messages={
            "required": "Vui lòng nhập mã phản ánh.",
            "max_length": "Mã phản ánh quá dài. Mã có dạng PA-7K3M-9XQ2.",
        },
    )

    def clean_ma(self):
        code = normalise_code(nfc(self.cleaned_data["ma"]))
        if code is None:
            raise ValidationError(
                "Mã không đúng dạng. Mã có dạng PA- và tám chữ, số, ví dụ PA-7K3M-9XQ2 "
                "(hoặc mã cũ PA-2026-000123)."
            )
        return code


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="Bạn hài lòng với kết quả xử lý ở mức nào?",
        choices=[
            (5, "5 – Rất hài lòng"),
            (4, "4 – Hài lòng"),
            (3, "3 – Bình thường"),
            (2, "2 – Chưa hài lòng"),
            (1, "1 – Rất không hài lòng"),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Vui lòng chọn một mức từ 1 đến 5.",
            "invalid_choice": "Vui lòng chọn một mức từ 1 đến 5.",
        },
    )
    comment = NfcCharField(
        label="Ý kiến thêm (không bắt buộc; đừng ghi thông tin cá nhân)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    """The citizen says a report closed as fixed is not: its code again (as on the paper
    receipt) and a short reason."""

    ma = forms.CharField(
        label="Mã phản ánh",
        max_length=30,
        help_text="Nhập lại mã phản ánh của bạn, ví dụ PA-7K3M-9XQ2.",
        error_messages={"required": "Vui lòng nhập mã phản ánh."},
    )
    reason = NfcCharField(
        label="Vì sao chưa được khắc phục?",
        max_length=500,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ngắn gọn, tối đa 500 ký tự. Chỉ cán bộ xử lý đọc; đừng ghi thông tin cá nhân.",
        error_messages={
            "required": "Vui lòng ghi ngắn gọn vì sao sự việc chưa được khắc phục.",
            "min_length": "Vui lòng ghi rõ hơn (ít nhất %(limit_value)d ký tự).",
            "max_length": "Lý do quá dài: tối đa %(limit_value)d ký tự (hiện có %(show_value)d).",
        },
    )

    def __init__(self, *args, code=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.code = code

    def clean_ma(self):
        code = normalise_code(nfc(self.cleaned_data["ma"]))
        if code != self.code:
            raise ValidationError("Mã phản ánh không khớp với phản ánh này.")
        return code
