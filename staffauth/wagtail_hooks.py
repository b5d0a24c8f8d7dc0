"""The second factor in Wagtail's admin: its URLs, a panel on the account page, a button
«Đặt lại xác thực hai bước» in the user list for superusers, and its log actions."""

from django import forms
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel, SettingsTab
from wagtail.admin.widgets import Button

from . import devices, views


@hooks.register("register_admin_urls")
def register_second_factor_urls():
    return [
        path("xac-thuc/", views.verify, name="staffauth_verify"),
        path("xac-thuc/cai-dat/", views.setup, name="staffauth_setup"),
        path("xac-thuc/ma-khoi-phuc/", views.recovery_codes, name="staffauth_recovery_codes"),
        path("xac-thuc/dat-lai/<int:pk>/", views.reset, name="staffauth_reset"),
    ]


@hooks.register("register_log_actions")
def register_second_factor_log_actions(actions):
    for action, (label, message) in devices.LOG_ACTIONS.items():
        actions.register_action(action, label, message)


security_tab = SettingsTab("security", "Bảo mật", order=150)


class SecondFactorPanel(BaseSettingsPanel):
    """The account page's «Xác thực hai bước»: what the user has, and links to change it.
    Links only: the account page is one form, which cannot hold another."""

    name = "second_factor"
    title = "Xác thực hai bước"
    tab = security_tab
    order = 100
    template_name = "staffauth/account_panel.html"

    def get_form(self):
        return forms.Form(prefix=self.name)

    def get_context_data(self):
        app = devices.confirmed_app(self.user)
        return {
            "app": app,
            "codes_left": devices.recovery_codes_left(self.user) if app else 0,
            "setup_url": reverse("staffauth_setup"),
            "codes_url": reverse("staffauth_recovery_codes"),
        }


@hooks.register("register_account_settings_panel")
def register_second_factor_panel(request, user, profile):
    return SecondFactorPanel(request, user, profile)


@hooks.register("register_user_listing_buttons")
def second_factor_reset_button(user, request_user):
    if request_user.is_superuser:
        yield Button(
            "Đặt lại xác thực hai bước",
            reverse("staffauth_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )
