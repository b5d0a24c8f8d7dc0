"""The culture-society pillar itself (``/van-hoa-xa-hoi/``)."""

from content import page_cache
from content.models import SectionPage


class SocietyPage(SectionPage):
    """The pillar: a section whose children are education, health, social welfare and the
    emergency notices."""

    parent_page_types = ["content.HomePage"]
    subpage_types = [
        "content.SectionPage",
        "content.StandardPage",
        "society.HealthPage",
        "society.EmergencyIndexPage",
        "society.EducationPage",
        "society.WelfareIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Trang Văn hóa – xã hội"
        verbose_name_plural = "Trang Văn hóa – xã hội"

    @classmethod
    def allowed_subpage_models(cls):
        """Every type of ``subpage_types``: content's sections and articles name their parents
        exactly (HomePage, SectionPage), not subclasses such as this pillar, so Wagtail would
        otherwise refuse to add them here."""
        return cls.clean_subpage_models()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The pages below and the page's history, kept until the next publication.
        context["children"] = page_cache.children(self)
        page_cache.history(self)
        return context
