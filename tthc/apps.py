from django.apps import AppConfig


class TthcConfig(AppConfig):
    """Procedures (thủ tục hành chính): information packages, forms, FAQ, life events."""

    name = "tthc"
    verbose_name = "Thủ tục hành chính"
