from django.apps import AppConfig


class SocietyConfig(AppConfig):
    """Culture and society (văn hóa – xã hội): schools and enrolment zones, health events and
    epidemic hot spots, social welfare, and emergency notices."""

    name = "society"
    verbose_name = "Văn hóa – xã hội"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import education_signals, emergency_signals, signal_handlers

        signal_handlers.connect()
        emergency_signals.register_signal_handlers()
        education_signals.register_signal_handlers()
