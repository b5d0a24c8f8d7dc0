from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    """Site search (/tim-kiem/): one index of every public page, folded for Vietnamese."""

    name = "sitesearch"
    verbose_name = "Tìm kiếm"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
