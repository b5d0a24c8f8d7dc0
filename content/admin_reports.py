"""Wagtail's site history report, limited to the ward of the member of staff.

Wagtail lists a page's log entries to whoever may explore the page (the ward-scoped page policy
of content/scoping.py keeps that to the ward), but any other object's entries to whoever holds a
permission on its model: the role groups are shared, so a leader of ward B would read who
handled which report of ward A. Here an entry about a ward-scoped model (registered by
``WardScopedViewSetMixin``) shows when its object is in the user's ward, an entry about an
install-wide object (categories, the RACI matrix, the catalogue) when its author works for the
user's ward. The same filter feeds the report's «User» choices.

Mounted in portal/urls.py over Wagtail's own URLs, whose names it keeps."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import PageLogEntry
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .scoping import WARD_MODELS, in_ward, sees_every_ward, user_ward


def ward_log_entries(queryset, user):
    """The log entries of ``queryset`` (page or model entries) about the user's ward."""
    if sees_every_ward(user):
        return queryset
    site = user_ward(user)
    if site is None:
        return queryset.none()
    if issubclass(queryset.model, PageLogEntry):
        return queryset.filter(page__path__startswith=site.root_page.path)
    types = ContentType.objects.get_for_models(*WARD_MODELS)
    ward_rows = Q()
    for model, field in WARD_MODELS.items():
        ids = in_ward(model._default_manager.all(), site, field).values_list(
            Cast("pk", output_field=CharField()), flat=True
        )
        ward_rows |= Q(content_type=types[model], object_id__in=ids)
    by_ward_staff = Q(user__staff_profile__site=site) & ~Q(content_type__in=list(types.values()))
    return queryset.filter(ward_rows | by_ward_staff)


class WardSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    def get_users_queryset(self):
        user_ids = set()
        for log_model in log_action_registry.get_log_entry_models():
            entries = ward_log_entries(
                log_model.objects.viewable_by_user(self.request.user), self.request.user
            )
            user_ids.update(entries.get_user_ids())
        User = get_user_model()
        return User.objects.filter(pk__in=user_ids).order_by(User.USERNAME_FIELD)


class WardSiteHistoryView(LogEntriesView):
    filterset_class = WardSiteHistoryFilterSet

    def filter_queryset(self, queryset):
        return ward_log_entries(super().filter_queryset(queryset), self.request.user)


# Wagtail's own paths (wagtail/admin/urls/reports.py), unnamed: reversing Wagtail's names
# gives these paths, and Django resolves them here first.
urlpatterns = decorate_urlpatterns(
    decorate_urlpatterns(
        [
            path("admin/reports/site-history/", WardSiteHistoryView.as_view()),
            path(
                "admin/reports/site-history/results/",
                WardSiteHistoryView.as_view(results_only=True),
            ),
        ],
        require_admin_access,
    ),
    never_cache,
)
