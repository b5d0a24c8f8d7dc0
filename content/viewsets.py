"""Admin screens for data that only a job writes (the procedure catalogue, the sync log):
staff may list, filter and open a record, and nobody (not even a superuser) may add, edit or
delete one from the admin."""

from django.urls import path
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


class ReadOnlyModelViewSet(ModelViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False

    def on_register(self):
        register_permission_policy(self.model, ReadOnlyPermissionPolicy(self.model))
        super().on_register()

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{conv}:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_permissions_to_register(self):
        # Only "view" means anything here; the others would be checkboxes that do nothing.
        return super().get_permissions_to_register().filter(codename__startswith="view_")
