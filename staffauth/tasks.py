from celery import shared_task


@shared_task(
    name="staffauth.tasks.send_password_reset",
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
    ignore_result=True,
)
def send_password_reset(user_ids, domain=None, use_https=False):
    """Send the password-reset e-mail (staffauth.forms.PasswordResetForm) to these accounts;
    the queue carries their ids only, the link is made here."""
    from .forms import send_reset_mail

    send_reset_mail(user_ids, domain, use_https)
