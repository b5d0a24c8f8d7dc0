"""Editor panels of the procedures pillar."""

from wagtail.admin.panels import Panel


class CataloguePanel(Panel):
    """Shows, read-only, what the national catalogue says about the procedure: editors write
    the ward's guidance around it but never change it (the sync does, through the workflow)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "tthc/admin/catalogue_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["version"] = page.catalogue if page.catalogue_id else None
            context["procedure"] = page.procedure if page.procedure_id else None
            if self.request is not None:
                from .city_views import edit_ward_procedure_url

                context["edit_url"] = edit_ward_procedure_url(
                    context["procedure"], self.request.user
                )
            return context
