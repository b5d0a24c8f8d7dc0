from django.apps import AppConfig


class BusinessConfig(AppConfig):
    """Business and household businesses (doanh nghiệp – hộ kinh doanh): guides by topic,
    linked to the procedures they need and the documents they cite."""

    name = "business"
    verbose_name = "Doanh nghiệp – hộ kinh doanh"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
