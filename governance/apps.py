from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Governance and disclosure (điều hành – công khai): the official-document register, the
    leaders' weekly schedule, disclosures and announcements."""

    name = "governance"
    verbose_name = "Điều hành – công khai"
    default_auto_field = "django.db.models.BigAutoField"
