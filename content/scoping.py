"""One way of limiting the admin to the ward of the member of staff (docs/architecture.md,
"Many wards on one install").

The ward of every member of staff is ``StaffProfile.site``. Superusers (the city's IT staff)
and members of the city's read-only group (``roles.CITY_VIEWERS``) see every ward; anyone else
without a ward sees nothing. Seeing is not changing: only superusers change any ward's data. A
city viewer who also works for a ward (the city's own site, where they publish) reads every
ward but changes, opens personal data of, and chooses in forms only that ward's rows
(``ward_queryset(..., change=True)``). Every admin list, chooser, export, history, usage and
edit view of ward data goes through ``ward_queryset``:

- ``WardScopedViewSetMixin`` on a ``ModelViewSet`` or ``SnippetViewSet`` filters its index (and
  so its exports) and its chooser, and answers 404 for an object of another ward in every view
  that opens one object (edit, delete, copy, inspect, history, usage, …);
- ``WardScopedFormMixin`` on an admin form offers only the user's ward and that ward's rows in
  every choice (places, schools, …);
- ``WardPagePermissionPolicy`` and the collection policies keep only the page and collection
  permissions that sit inside the user's ward, so the explorer, page search, reports (aging,
  locked, workflow) and the image and document libraries follow from Wagtail's own checks.
"""

import contextlib

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from wagtail.models import Collection, Page, Site
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permission_policies.sites import SitePermissionPolicy

from .models.staff import user_site_id
from .roles import CITY_VIEWERS

_WARD_CACHE = "_ward_scope_cache"
# Every model whose admin is ward-scoped, with the lookup to its ward (the site history report
# filters its log entries by it: content/admin_reports.py).
WARD_MODELS = {}


def sees_every_ward(user):
    """Superusers and the city's read-only viewers see every ward (viewers change nothing:
    their group holds view permissions only)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_sees_every_ward", None)
    if cached is None:
        cached = user.groups.filter(name=CITY_VIEWERS).exists()
        user._sees_every_ward = cached
    return cached


def user_ward(user):
    """The ward (Site, with its root page) ``user`` works for, or None; cached on the user."""
    if not hasattr(user, _WARD_CACHE):
        site_id = user_site_id(user)
        site = (
            Site.objects.select_related("root_page").filter(pk=site_id).first() if site_id else None
        )
        setattr(user, _WARD_CACHE, site)
    return getattr(user, _WARD_CACHE)


def _target_model(model, field):
    """The model that the lookup ``field`` (``site``, ``year__site``, ``page``) ends on."""
    for part in field.split("__"):
        try:
            model = model._meta.get_field(part).related_model
        except FieldDoesNotExist:
            return None
        if model is None:
            return None
    return model


def in_ward(queryset, site, field="site"):
    """The rows of ``queryset`` that belong to ``site``. ``field`` is a lookup ending on a
    Site (the row's ward) or on a Page (the ward whose tree holds it), or a callable
    ``(queryset, site) -> queryset``."""
    if callable(field):
        return field(queryset, site)
    target = _target_model(queryset.model, field)
    if target is not None and issubclass(target, Page):
        return queryset.filter(**{f"{field}__path__startswith": site.root_page.path})
    if target is Site:
        return queryset.filter(**{field: site.pk})
    raise ValueError(f"{queryset.model.__name__}.{field} names neither a site nor a page")


def changes_every_ward(user):
    """Only superusers (the city's IT staff) change any ward's data; a city viewer's reach
    over every ward is for reading."""
    return user.is_authenticated and user.is_superuser


def ward_queryset(queryset, user, field="site", change=False):
    """``queryset`` limited to the ward of ``user``: everything for superusers and (unless
    ``change``: the rows are to be changed, or their personal data opened) city viewers,
    nothing for staff without a ward."""
    if changes_every_ward(user) or (not change and sees_every_ward(user)):
        return queryset
    site = user_ward(user)
    if site is None:
        return queryset.none()
    return in_ward(queryset, site, field)


def ward_sites(queryset, user, change=False):
    """Sites (wards) of ``queryset`` the user works for: every one for superusers and (unless
    ``change``: a ward whose data is to be changed) city viewers, the user's own for the
    others."""
    if changes_every_ward(user) or (not change and sees_every_ward(user)):
        return queryset
    return queryset.filter(pk=user_site_id(user))


def ward_pages(queryset, user):
    """Pages of ``queryset`` inside the user's ward (every page for superusers and city
    viewers)."""
    if sees_every_ward(user):
        return queryset
    site = user_ward(user)
    if site is None:
        return queryset.none()
    return queryset.filter(path__startswith=site.root_page.path)


def ward_users(queryset, user):
    """Users of ``queryset`` who work for the user's ward (every one for superusers and city
    viewers): the people a list may name as owner, editor, locker or requester."""
    if sees_every_ward(user):
        return queryset
    site_id = user_site_id(user)
    if not site_id:
        return queryset.none()
    return queryset.filter(staff_profile__site_id=site_id)


def ward_workflows(queryset, user):
    """Workflows of ``queryset`` that run on pages of the user's ward."""
    if sees_every_ward(user):
        return queryset
    site = user_ward(user)
    if site is None:
        return queryset.none()
    return queryset.filter(workflow_pages__page__path__startswith=site.root_page.path).distinct()


def _choice_scopes():
    from django.contrib.auth import get_user_model
    from wagtail.models import Workflow

    return {get_user_model(): ward_users, Site: ward_sites, Workflow: ward_workflows}


def scope_filter_choices(filterset):
    """Limit the choices of every filter of an admin list (owner, «edited by», locked by,
    requested by, site, workflow …) to the user's ward, so no list names another ward's staff
    or sites, and a forged choice of another ward is refused by the form."""
    request = getattr(filterset, "request", None)
    user = getattr(request, "user", None)
    if user is None or sees_every_ward(user):
        return
    scopes = _choice_scopes()
    for choice_filter in filterset.filters.values():
        if not hasattr(choice_filter, "get_queryset"):
            continue
        original = choice_filter.get_queryset

        def get_queryset(request, original=original):
            queryset = original(request)
            scope = scopes.get(getattr(queryset, "model", None))
            return scope(queryset, request.user) if scope else queryset

        choice_filter.get_queryset = get_queryset


def install_filter_scoping():
    """Every admin list's filters go through ``scope_filter_choices``: Wagtail builds them
    all on ``WagtailFilterSet`` (page listing, reports, snippets, images, history)."""
    from wagtail.admin.filters import WagtailFilterSet

    if getattr(WagtailFilterSet, "_ward_scoped", False):
        return
    original_init = WagtailFilterSet.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        scope_filter_choices(self)

    WagtailFilterSet.__init__ = __init__
    WagtailFilterSet._ward_scoped = True


def ward_collection(site):
    """The root collection of a ward's images and documents (``wards.setup_ward`` names it
    after the site), or None."""
    root = Collection.get_first_root_node()
    if root is None:
        return None
    return root.get_children().filter(name=site.site_name or site.hostname).first()


# --- Views ---------------------------------------------------------------------------------------


class WardListMixin:
    """An index view (and its exports) listing only the user's ward."""

    ward_field = "site"

    def get_base_queryset(self):
        return ward_queryset(super().get_base_queryset(), self.request.user, self.ward_field)


class WardObjectMixin:
    """A view on one object (edit, delete, copy, inspect, history, usage …): another ward's
    object is not found. ``ward_change``: the view changes the object (edit, delete …), so
    seeing every ward is not enough."""

    ward_field = "site"
    ward_change = False

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is not None and obj.pk is not None:
            rows = type(obj)._default_manager.filter(pk=obj.pk)
            scoped = ward_queryset(rows, self.request.user, self.ward_field, self.ward_change)
            if not scoped.exists():
                raise Http404
        return obj


class WardChooserMixin:
    """The chooser's list, search results and chosen object(s), limited to the user's ward."""

    ward_field = "site"

    def get_object_list(self, *args, **kwargs):
        objects = super().get_object_list(*args, **kwargs)
        return ward_queryset(objects, self.request.user, self.ward_field)

    def get_object(self, pk):
        objects = ward_queryset(self.model_class.objects.all(), self.request.user, self.ward_field)
        return objects.get(pk=pk)

    def get_objects(self, pks):
        return ward_queryset(super().get_objects(pks), self.request.user, self.ward_field)


# The view classes of a viewset that show one object; ``add`` makes one and lists none.
OBJECT_VIEWS = (
    "edit_view_class",
    "delete_view_class",
    "copy_view_class",
    "inspect_view_class",
    "history_view_class",
    "usage_view_class",
    "revisions_view_class",
    "revisions_revert_view_class",
    "revisions_compare_view_class",
    "revisions_unschedule_view_class",
    "unpublish_view_class",
    "lock_view_class",
    "unlock_view_class",
    "workflow_history_view_class",
    "workflow_history_detail_view_class",
    "preview_on_edit_view_class",
)
# Of OBJECT_VIEWS, those that change the object (or open its form): limited to the user's own
# ward even for those who see every ward.
CHANGE_VIEWS = {
    "edit_view_class",
    "delete_view_class",
    "copy_view_class",
    "revisions_revert_view_class",
    "revisions_unschedule_view_class",
    "unpublish_view_class",
    "lock_view_class",
    "unlock_view_class",
    "preview_on_edit_view_class",
}
LIST_VIEWS = ("index_view_class",)
CHOOSER_VIEWS = (
    "choose_view_class",
    "choose_results_view_class",
    "chosen_view_class",
    "chosen_multiple_view_class",
)


def _scoped(view_class, mixin, field, change=False):
    if view_class is None or issubclass(view_class, mixin):
        return view_class
    attributes = {"ward_field": field}
    if change:
        attributes["ward_change"] = True
    return type(view_class.__name__, (mixin, view_class), attributes)


class WardScopedViewSetMixin:
    """Put first in the bases of a ``ModelViewSet`` or ``SnippetViewSet`` whose rows belong to
    a ward; ``ward_field`` is the lookup from a row to its ward (a Site or a Page), or a callable
    ``(queryset, site) -> queryset``."""

    ward_field = "site"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.ward_field
        WARD_MODELS[self.model] = field
        if callable(field):
            field = staticmethod(field)
        for names, mixin in ((LIST_VIEWS, WardListMixin), (OBJECT_VIEWS, WardObjectMixin)):
            for name in names:
                view_class = getattr(self, name, None)
                if view_class is None:
                    continue
                # A property of SnippetViewSet cannot be set (revisions of models with
                # revisions only; none of the wards' data keeps revisions).
                with contextlib.suppress(AttributeError):
                    setattr(self, name, _scoped(view_class, mixin, field, name in CHANGE_VIEWS))
        chooser = getattr(self, "chooser_viewset_class", None)
        if chooser is not None:
            self.chooser_viewset_class = type(
                chooser.__name__,
                (chooser,),
                {
                    name: _scoped(getattr(chooser, name), WardChooserMixin, field)
                    for name in CHOOSER_VIEWS
                    if getattr(chooser, name, None) is not None
                },
            )


# --- Forms ---------------------------------------------------------------------------------------


class WardScopedFormMixin:
    """An admin form (``WagtailAdminModelForm``, given ``for_user``) whose choices of a ward
    (Site) offer only the user's own, preselected, and whose choices of rows that belong to a
    ward (places, schools, school years, …) offer only that ward's. Superusers choose among
    every ward; a city viewer changes nothing but their own ward's (when they have one).
    ``self.ward_id`` is the user's ward, or None."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        self.ward_id = user_site_id(user) if user is not None else None
        if user is None or changes_every_ward(user):
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            if queryset.model is Site:
                field.queryset = queryset.filter(pk=self.ward_id)
                if self.ward_id and not self.instance.pk:
                    field.initial = self.ward_id
                field.empty_label = None
            elif _target_model(queryset.model, "site") is Site:
                field.queryset = queryset.filter(site_id=self.ward_id)


# --- Pages, images and documents -----------------------------------------------------------------


class WardPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permissions, keeping only those granted on pages inside the user's ward:
    the role groups are shared by every ward and hold rights on every ward's tree, the ward of
    the member of staff decides which of them apply."""

    def get_all_permissions_for_user(self, user):
        permissions = super().get_all_permissions_for_user(user)
        if not user.is_authenticated or user.is_superuser:
            return permissions
        site = user_ward(user)
        if site is None:
            return permissions.none()
        return permissions.filter(page__path__startswith=site.root_page.path)


class WardCollectionPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's image or document permissions, keeping only those on the collections of the
    user's ward."""

    def get_all_permissions_for_user(self, user):
        permissions = super().get_all_permissions_for_user(user)
        if not user.is_authenticated or user.is_superuser:
            return permissions
        site = user_ward(user)
        collection = ward_collection(site) if site else None
        if collection is None:
            return permissions.none()
        return permissions.filter(collection__path__startswith=collection.path)


class WardSitePermissionPolicy(SitePermissionPolicy):
    """A site setting (the ward's information): the role groups' model permission applies to
    the user's own ward only."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not super().user_has_any_permission_for_instance(user, actions, instance):
            return False
        if user.is_superuser:
            return True
        site_id = instance.pk if isinstance(instance, Site) else instance.site_id
        return site_id == user_site_id(user)

    def sites_user_has_any_permission_for(self, user, actions):
        sites = super().sites_user_has_any_permission_for(user, actions)
        return sites if user.is_superuser else sites.filter(pk=user_site_id(user))


def register_ward_policies():
    """Replace Wagtail's page, image and document policies by the ward-scoped ones (called
    when the admin's hooks load). The image and document ones are registered for their exact
    class, which wins over what wagtail.images and wagtail.documents register in their
    ``ready``, whichever runs last."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import AbstractPage
    from wagtail.permissions import register_permission_policy

    register_permission_policy(AbstractPage, WardPagePermissionPolicy(Page))
    register_permission_policy(
        get_image_model(),
        WardCollectionPermissionPolicy(
            get_image_model(), auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
        ),
        exact_class=True,
    )
    register_permission_policy(
        get_document_model(),
        WardCollectionPermissionPolicy(
            get_document_model(),
            auth_model="wagtaildocs.Document",
            owner_field_name="uploaded_by_user",
        ),
        exact_class=True,
    )


def ward_media(queryset, user):
    """Images or documents of ``queryset`` in the collections of the user's ward."""
    if sees_every_ward(user):
        return queryset
    site = user_ward(user)
    collection = ward_collection(site) if site else None
    if collection is None:
        return queryset.none()
    return queryset.filter(collection__path__startswith=collection.path)


def ward_reachable_pages(user):
    """The pages a member of staff may name in an admin URL: the ward's tree and the pages
    above its home (so choosers and the explorer can be walked down to it)."""
    site = user_ward(user)
    if site is None:
        return Page.objects.none()
    home = site.root_page
    above = [home.path[: depth * Page.steplen] for depth in range(1, home.depth)]
    return Page.objects.filter(models.Q(path__startswith=home.path) | models.Q(path__in=above))


# Arguments of Wagtail's page admin URLs that name a page.
PAGE_ARGUMENTS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")


def _ward_rows(model, ids, user):
    """Of ``ids`` of ``model``, how many are in the user's ward; None when the model is not
    ward data."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    rows = model._default_manager.filter(pk__in=ids)
    if issubclass(model, Page):
        return rows.filter(pk__in=ward_reachable_pages(user)).count()
    if model in (get_image_model(), get_document_model()):
        return ward_media(rows, user).count()
    if model in WARD_MODELS:
        return ward_queryset(rows, user, WARD_MODELS[model]).count()
    return None


class WardAdminMiddleware:
    """Wagtail's own admin URLs that name a page (explorer, editor, history, revisions,
    preview, copy, move, workflow, choosers …) or a list of objects (bulk actions) answer 404
    when the page or an object is outside the user's ward; superusers and city viewers pass.
    Listings are limited by the hooks and policies above; this keeps every page URL, those
    Wagtail adds later included, from opening another ward's page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The path first: reading request.user on a public page would touch the session and
        # add «Vary: Cookie», which keeps the page out of the caching front.
        try:
            admin = reverse("wagtailadmin_home")
        except NoReverseMatch:  # a URL configuration without the admin
            return None
        if not request.path_info.startswith(admin):
            return None
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return None
        if sees_every_ward(user):
            return None
        page_ids = {
            view_kwargs[name] for name in PAGE_ARGUMENTS if isinstance(view_kwargs.get(name), int)
        }
        if page_ids and _ward_rows(Page, page_ids, user) != len(page_ids):
            raise Http404
        if match.url_name == "wagtail_bulk_action":
            from django.apps import apps

            try:
                model = apps.get_model(view_kwargs["app_label"], view_kwargs["model_name"])
            except LookupError as error:
                raise Http404 from error
            ids = {
                value
                for value in request.GET.getlist("id") + request.POST.getlist("id")
                if value.isdigit()
            }
            found = _ward_rows(model, ids, user) if ids else None
            if found is not None and found != len(ids):
                raise Http404
        return None
