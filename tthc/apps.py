from django.apps import AppConfig


class TthcConfig(AppConfig):
    """Procedures (thủ tục hành chính): information packages, forms, FAQ, life events."""

    name = "tthc"
    verbose_name = "Thủ tục hành chính"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
