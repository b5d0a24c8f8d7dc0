"""Editor panels of the shared app."""

from wagtail.admin.panels import Panel

CHECKLIST_HELP = (
    "Bước 4 (Đăng tải) chỉ đồng ý khi đủ các mục dưới đây. Lưu bản nháp để cập nhật danh sách."
)


class PublishingChecklistPanel(Panel):
    """Shows, in the page editor, which items step 4 (Đăng tải) still needs.

    The same list is shown twice: at the top of the content tab, so that the specialist who
    drafts the page (step 1) knows from the start what it must hold, and on the promote tab
    beside the fields most often missing."""

    def __init__(self, *args, help_text=CHECKLIST_HELP, **kwargs):
        super().__init__(*args, help_text=help_text, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "content/admin/publishing_checklist_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["items"] = self.instance.publishing_checklist()
            context["help"] = self.panel.help_text
            return context
