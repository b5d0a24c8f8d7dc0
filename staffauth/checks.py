from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def second_factor_required(app_configs, **kwargs):
    """`check --deploy` fails (at --fail-level WARNING) on a deployment that lets staff into
    the admin with a password alone."""
    if settings.STAFF_2FA_REQUIRED:
        return []
    return [
        Warning(
            "STAFF_2FA_REQUIRED is off: staff reach the admin with a password alone.",
            hint="Unset STAFF_2FA_REQUIRED (production turns it on) or set it to 1.",
            id="staffauth.W001",
        )
    ]
