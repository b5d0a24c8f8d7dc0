from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """KPI readings and the public dashboard (số liệu)."""

    name = "dashboard"
    verbose_name = "Số liệu"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
