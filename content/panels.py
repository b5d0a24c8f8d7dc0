"""Editor panels of the shared app."""

from wagtail.admin.panels import Panel


class PublishingChecklistPanel(Panel):
    """Shows, in the page editor, which items step 4 (Đăng tải) still needs."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "content/admin/publishing_checklist_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["items"] = self.instance.publishing_checklist()
            return context
