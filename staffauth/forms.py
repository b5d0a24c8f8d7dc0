from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.db import transaction
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from feedback import ratelimit

from .tasks import send_password_reset


class CodeForm(forms.Form):
    """The second step: a code of the authenticator app, or a recovery code."""

    code = forms.CharField(
        label="Mã xác thực",
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": "",
            }
        ),
        error_messages={"required": "Nhập mã 6 chữ số trong ứng dụng xác thực."},
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label="Mã 6 chữ số",
        max_length=16,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": ""}
        ),
        error_messages={"required": "Nhập mã 6 chữ số ứng dụng xác thực đang hiện."},
    )


class PasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's form, which sends nothing while the person waits: the e-mail goes out from
    the worker after the answer. The answer is then the same page, in the same time, for an
    address that has an account and for one that has none (and a broken mail server cannot
    tell them apart with an error). A client asking more than PASSWORD_RESET_RATE_LIMIT times
    an hour is silently ignored, with the same answer."""

    def save(self, domain_override=None, use_https=False, request=None, **kwargs):
        if request is not None and ratelimit.hit(
            request,
            scope="password-reset",
            limit=settings.PASSWORD_RESET_RATE_LIMIT,
            window=3600,
        ):
            return
        # The same work for any address: one query, one message queued (with no account, it
        # sends nothing). Only account ids travel through the queue.
        ids = [user.pk for user in self.get_users(self.cleaned_data["email"])]
        domain = domain_override or (request.get_host() if request else None)
        transaction.on_commit(lambda: send_password_reset.delay(ids, domain, use_https))


class ResetMailer(DjangoPasswordResetForm):
    """What the worker runs: Django's own password-reset e-mail, to the accounts given by id
    that may still reset their password (active, with a usable password)."""

    def __init__(self, user_ids):
        super().__init__({"email": "accounts-by-id@invalid.example"})
        self.user_ids = user_ids

    def get_users(self, email):
        accounts = get_user_model()._default_manager.filter(pk__in=self.user_ids, is_active=True)
        return (user for user in accounts if user.has_usable_password())


def send_reset_mail(user_ids, domain, use_https):
    mailer = ResetMailer(user_ids)
    if not user_ids or not mailer.is_valid():
        return
    mailer.save(
        domain_override=domain,
        use_https=use_https,
        subject_template_name="wagtailadmin/account/password_reset/email_subject.txt",
        email_template_name="wagtailadmin/account/password_reset/email.txt",
    )
