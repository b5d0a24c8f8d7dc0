"""Admin forms shared by the page types."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from .text import ascii_slug, nfc


class BasePageForm(WagtailAdminPageForm):
    """Asks for a public change note on every edit of a page that has been published before
    (step 5: "Cập nhật ngày …: …"); the note of the last publication does not count again."""

    def clean_slug(self):
        """Addresses stay Vietnamese without diacritics, whatever was typed."""
        slug = ascii_slug(self.cleaned_data.get("slug", ""))
        if not slug:
            raise forms.ValidationError(
                "Hãy nhập đường dẫn bằng chữ không dấu, ví dụ: thong-bao-moi."
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        page = self.instance
        if "change_note" not in self.fields or not page.first_published_at:
            return cleaned
        note = nfc(cleaned.get("change_note") or "")
        cleaned["change_note"] = note
        from .models import ChangeNote

        last = ChangeNote.objects.filter(page_id=page.pk).order_by("-published_at").first()
        if not note or (last and last.text == note):
            self.add_error(
                "change_note",
                forms.ValidationError(
                    "Trang đã được đăng: hãy ghi ngắn gọn nội dung thay đổi lần này "
                    "(hiện công khai cho người dân).",
                    code="change_note_required",
                ),
            )
        return cleaned
