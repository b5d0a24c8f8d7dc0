"""The staff form of a report: what handling changes, plus a status change with its reason,
an internal note, "after" photos and the choice of the photos shown publicly, all applied in
one save."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.log_actions import log
from wagtail.models import Site

from content.models import Place, user_site_id
from content.roles import ROLE_GROUPS
from content.text import nfc

from . import photos as photo_checks
from .models import REASON_REQUIRED, FeedbackPhoto, InternalNote, Status, purge_public_side

PHOTO_PUBLIC_ACTION = "feedback.photo_public"
PHOTO_PRIVATE_ACTION = "feedback.photo_private"
# Fields whose change can alter what the public status and results pages show.
PUBLIC_FIELDS = {"public_title", "public_answer", "publish_result", "category", "place"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class ReportAdminForm(WagtailAdminModelForm):
    new_status = forms.ChoiceField(
        label="Chuyển trạng thái",
        required=False,
        # "Reopened" is the citizen's to choose (FeedbackReport.reopen), not staff's.
        choices=[("", "— Giữ nguyên —"), *[c for c in Status.choices if c[0] != Status.REOPENED]],
    )
    status_note = forms.CharField(
        label="Lý do / ghi chú cho người dân",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Hiện công khai trong quá trình xử lý. Bắt buộc khi tạm dừng, không thụ lý "
        "hoặc chuyển cơ quan khác. Không ghi thông tin cá nhân.",
    )
    internal_note = forms.CharField(
        label="Thêm ghi chú nội bộ",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Chỉ cán bộ thấy.",
    )
    public_photos = forms.ModelMultipleChoiceField(
        label="Ảnh công khai",
        queryset=FeedbackPhoto.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Ảnh người dân gửi và ảnh cán bộ thêm đều không công khai cho tới khi được "
        "chọn ở đây. Chỉ chọn ảnh trước và sau xử lý không lộ mặt người, biển số xe hay nhà "
        "riêng: ảnh được chọn hiện trên trang tra cứu và trang kết quả.",
    )
    after_photos = MultipleFileField(
        label="Thêm ảnh sau xử lý",
        required=False,
        help_text="Tối đa 5 ảnh, mỗi ảnh tối đa 10 MB; ảnh được xử lý lại và xóa thông tin vị trí.",
    )
    publish_after_photos = forms.BooleanField(
        label="Công khai luôn các ảnh sau xử lý vừa thêm",
        required=False,
        help_text="Bỏ trống: ảnh chỉ cán bộ xem được, chọn công khai sau ở mục «Ảnh công khai».",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site_id = self.instance.site_id or user_site_id(self.for_user)
        if "place" in self.fields:
            self.fields["place"].queryset = Place.objects.filter(site_id=site_id)
        if "assigned_user" in self.fields:
            self.fields["assigned_user"].queryset = get_user_model().objects.filter(
                is_active=True, staff_profile__site_id=site_id
            )
        if "assigned_group" in self.fields:
            # The shared role groups and this ward's own field groups, not other wards'.
            site = Site.objects.filter(pk=site_id).first()
            prefix = f"{site.site_name or site.hostname} · " if site else "\0"
            self.fields["assigned_group"].queryset = Group.objects.filter(
                Q(name__in=ROLE_GROUPS) | Q(name__startswith=prefix)
            ).order_by("name")
        self.encoded_photos = []
        photos = FeedbackPhoto.objects.filter(report=self.instance) if self.instance.pk else None
        if photos is not None:
            numbers = {photo.pk: n for n, photo in enumerate(photos, 1)}
            self.fields["public_photos"].queryset = photos
            self.fields["public_photos"].label_from_instance = lambda photo: (
                f"Ảnh {numbers.get(photo.pk, '')} – {photo.get_kind_display()} – "
                f"{photo.width}×{photo.height}"
            )
            self.initial["public_photos"] = [p.pk for p in photos if p.is_public]

    def clean(self):
        cleaned = super().clean()
        new_status = cleaned.get("new_status")
        note = nfc(cleaned.get("status_note") or "")
        if new_status in REASON_REQUIRED and not note:
            self.add_error(
                "status_note", "Cần ghi lý do cho người dân khi chuyển sang trạng thái này."
            )
        if new_status == Status.FORWARDED and not nfc(cleaned.get("forwarded_to") or ""):
            self.add_error("forwarded_to", "Cần ghi tên cơ quan nhận chuyển phản ánh.")
        files = cleaned.get("after_photos") or []
        try:
            photo_checks.check_count(files)
            self.encoded_photos = [photo_checks.clean_photo(f) for f in files]
        except ValidationError as exc:
            self.add_error("after_photos", exc)
        return cleaned

    def save(self, commit=True):
        reclassified = bool({"category", "urgency"} & set(self.changed_data))
        report = super().save(commit=commit)
        if not commit:
            return report
        data = self.cleaned_data
        if reclassified and not report.is_closed and report.status != Status.PAUSED:
            # Another category or urgency means another deadline, from the same receipt.
            report.due_at = report.compute_due_at(report.pauses())
            report.save(update_fields=["due_at"])
        user = self.for_user
        if (
            data.get("new_status")
            and data["new_status"] != report.status
            or (data.get("new_status") and data.get("status_note"))
        ):
            report.change_status(
                data["new_status"],
                user=user,
                note=data.get("status_note") or "",
                forwarded_to=data.get("forwarded_to") or "",
            )
        changed_photos = []
        if "public_photos" in self.changed_data:
            chosen = {photo.pk for photo in data.get("public_photos") or []}
            for photo in report.photos.all():
                if photo.is_public != (photo.pk in chosen):
                    photo.is_public = photo.pk in chosen
                    photo.save(update_fields=["is_public"])
                    changed_photos.append(photo)
        if data.get("internal_note"):
            InternalNote.objects.create(report=report, author=user, text=data["internal_note"])
        for encoded in self.encoded_photos:
            photo = FeedbackPhoto(
                report=report,
                kind=FeedbackPhoto.Kind.AFTER,
                width=encoded.width,
                height=encoded.height,
                is_public=bool(data.get("publish_after_photos")),
            )
            photo.file.save("anh.jpg", encoded.content_file(), save=False)
            photo.save()
            if photo.is_public:
                changed_photos.append(photo)
        for photo in changed_photos:
            log(
                instance=report,
                action=PHOTO_PUBLIC_ACTION if photo.is_public else PHOTO_PRIVATE_ACTION,
                user=user,
                data={"photo": photo.pk, "kind": photo.kind},
            )
        if changed_photos or data.get("new_status") or PUBLIC_FIELDS & set(self.changed_data):
            # The front may keep a photo made private, or a results page that lists it.
            purge_public_side(report.site, changed_photos)
        return report
