from django.apps import AppConfig


class ContentConfig(AppConfig):
    """The shared app: ward settings, home and section pages, places, shared blocks."""

    name = "content"
    verbose_name = "Nội dung chung"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()

        from .page_cache import register as register_page_cache

        register_page_cache()

        from .scoping import install_filter_scoping

        install_filter_scoping()

        from portal.csp import install_chooser_nonce

        install_chooser_nonce()
