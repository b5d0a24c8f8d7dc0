from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Feedback reports (phản ánh – kiến nghị) from citizens and iHanoi."""

    name = "feedback"
    verbose_name = "Phản ánh – kiến nghị"
    default_auto_field = "django.db.models.BigAutoField"
