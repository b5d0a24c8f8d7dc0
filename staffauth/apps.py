from django.apps import AppConfig


class StaffAuthConfig(AppConfig):
    name = "staffauth"
    verbose_name = "Đăng nhập của cán bộ"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401
