"""Setting up a ward (one Wagtail site) for the editorial workflow.

Groups and workflows are shared by every ward of an install; what makes them a ward's own is
where their permissions sit. ``setup_ward`` gives a ward:
- the five-step workflow on its home page, and the emergency workflow on its emergency section;
- one specialists' group per section ("<ward> · Chuyên môn – <section>") that may add and edit
  pages of that section only, and use that section's image and document collection;
- the portal admins' rights on the whole tree, except publishing: nothing is published but by
  the workflow's last step.

The shared role groups thus hold rights on every ward's tree and collections; the ward of the
member of staff (StaffProfile.site) decides which of them apply (content/scoping.py), so a
member of ward B has no right over anything of ward A. It also makes the city's read-only group
(roles.CITY_VIEWERS).
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
)

from .models import BasePage, SectionPage
from .roles import CITY_VIEWERS, LEADERS, OFFICE, PORTAL_ADMINS, ROLE_GROUPS, SPECIALISTS

FIVE_STEP_WORKFLOW = "Quy trình 5 bước"
EMERGENCY_WORKFLOW = "Quy trình khẩn cấp"
EMERGENCY_SECTION_SLUG = "thong-bao-khan-cap"

SPECIALIST_PAGE_PERMISSIONS = ["add_page", "change_page"]
PORTAL_ADMIN_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
# Ward information and residential groups (install-wide: Django model permissions).
PORTAL_ADMIN_MODEL_PERMISSIONS = [
    "change_wardsettings",
    "add_place",
    "change_place",
    "delete_place",
    "view_place",
]
# What every role group may look at: the procedure catalogue, the log of upstream syncs, what
# citizens search for (sitesearch), the QR codes with their scans and posters, and the comments
# left at the one-stop desk.
ROLE_MODEL_PERMISSIONS = [
    ("tthc", "view_procedure"),
    ("content", "view_syncrun"),
    ("sitesearch", "view_searchqueryday"),
    ("content", "view_shortlink"),
    ("content", "view_satisfactioncomment"),
]
# Feedback reports (docs/feedback.md): the office dispatches and leaders oversee; both handle
# reports and may open the reporter's personal data; portal admins see the queue and keep the
# categories and their deadlines.
FEEDBACK_HANDLER_PERMISSIONS = [
    ("feedback", "view_feedbackreport"),
    ("feedback", "change_feedbackreport"),
    ("feedback", "view_personal_data"),
    ("feedback", "view_pageusefulness"),
    ("feedback", "view_notificationdelivery"),
]
FEEDBACK_GROUP_PERMISSIONS = {
    OFFICE: FEEDBACK_HANDLER_PERMISSIONS,
    LEADERS: FEEDBACK_HANDLER_PERMISSIONS,
    PORTAL_ADMINS: [
        ("feedback", "view_feedbackreport"),
        ("feedback", "add_feedbackcategory"),
        ("feedback", "change_feedbackcategory"),
        ("feedback", "view_feedbackcategory"),
        ("feedback", "view_pageusefulness"),
        ("feedback", "view_notificationdelivery"),
        ("feedback", "add_messagetext"),
        ("feedback", "change_messagetext"),
        ("feedback", "delete_messagetext"),
        ("feedback", "view_messagetext"),
    ],
}
# The dashboard's inputs (docs/dashboard.md, "Sources"): the office (which runs the one-stop
# desk) and portal admins type the paper figures and load case statistics from a file; leaders
# look at the figures and their history.
DASHBOARD_INPUT_PERMISSIONS = [
    ("dashboard", "add_manualfigure"),
    ("dashboard", "change_manualfigure"),
    ("dashboard", "delete_manualfigure"),
    ("dashboard", "view_manualfigure"),
    ("dashboard", "import_case_stats"),
]
DASHBOARD_GROUP_PERMISSIONS = {
    OFFICE: DASHBOARD_INPUT_PERMISSIONS,
    PORTAL_ADMINS: DASHBOARD_INPUT_PERMISSIONS,
    LEADERS: [("dashboard", "view_manualfigure")],
}
# What only portal admins may do outside the page tree: load the catalogue, pin search results,
# approve or hide the queries of «Người dân hay tìm».
PORTAL_ADMIN_EXTRA_PERMISSIONS = [
    ("tthc", "import_catalogue"),
    ("sitesearch", "add_popularsearch"),
    ("sitesearch", "change_popularsearch"),
    ("sitesearch", "delete_popularsearch"),
    ("sitesearch", "view_popularsearch"),
    ("sitesearch", "add_searchpromotion"),
    ("sitesearch", "change_searchpromotion"),
    ("sitesearch", "delete_searchpromotion"),
    ("sitesearch", "view_searchpromotion"),
    # The clients of the Open311 API and their keys (docs/integrations.md).
    ("open311", "add_apiclient"),
    ("open311", "change_apiclient"),
    ("open311", "delete_apiclient"),
    ("open311", "view_apiclient"),
]
# Data a section's specialists keep outside the page tree (with the portal admins), by section
# slug: schools, school years and zones, private pre-schools, the health schedule and the
# epidemic hot spots (docs/society.md). Install-wide model permissions; the admin views limit
# each user to their own ward.
SECTION_MODEL_PERMISSIONS = {
    "van-hoa-xa-hoi": [
        ("society", f"{action}_{model}")
        for model in (
            "healthevent",
            "hotspot",
            "school",
            "schoolyear",
            "enrolmentzone",
            "privatepreschool",
        )
        for action in ("add", "change", "delete", "view")
    ],
}
# The city's read-only role (roles.CITY_VIEWERS): every ward's lists and figures, nothing to
# change, no reporter's personal data (content/scoping.py lets it see every ward).
CITY_VIEWER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("feedback", "view_feedbackreport"),
    ("feedback", "view_feedbackcategory"),
    ("feedback", "view_pageusefulness"),
    ("dashboard", "view_manualfigure"),
    ("content", "view_place"),
    *ROLE_MODEL_PERMISSIONS,
    ("sitesearch", "view_popularsearch"),
    ("sitesearch", "view_searchpromotion"),
    *[
        ("society", f"view_{model}")
        for model in (
            "healthevent",
            "hotspot",
            "school",
            "schoolyear",
            "enrolmentzone",
            "privatepreschool",
        )
    ],
]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", ["add_document", "change_document", "choose_document"]),
]


def page_permissions(codenames):
    return list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames)
    )


def _permissions(pairs):
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in pairs
    ]


def field_group_name(site, section):
    return f"{site.site_name or site.hostname} · {SPECIALISTS} – {section.title}"


def setup_city_viewers():
    """The city's read-only group, with its view permissions (idempotent)."""
    group, _ = Group.objects.get_or_create(name=CITY_VIEWERS)
    group.permissions.add(*_permissions(CITY_VIEWER_PERMISSIONS))
    return group


def setup_ward(site):
    """Idempotently give ``site`` its workflows, field groups, collections and permissions.
    Returns the specialists' group of each top-level section, by section slug."""
    setup_city_viewers()
    home = site.root_page
    WorkflowPage.objects.update_or_create(
        page=home, defaults={"workflow": Workflow.objects.get(name=FIVE_STEP_WORKFLOW)}
    )
    emergency = SectionPage.objects.descendant_of(home).filter(slug=EMERGENCY_SECTION_SLUG).first()
    if emergency:
        WorkflowPage.objects.update_or_create(
            page=emergency, defaults={"workflow": Workflow.objects.get(name=EMERGENCY_WORKFLOW)}
        )

    portal_admins = Group.objects.get(name=PORTAL_ADMINS)
    portal_admins.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="content", codename__in=PORTAL_ADMIN_MODEL_PERMISSIONS
        )
    )
    portal_admins.permissions.add(*_permissions(PORTAL_ADMIN_EXTRA_PERMISSIONS))
    for group in Group.objects.filter(name__in=ROLE_GROUPS):
        group.permissions.add(*_permissions(ROLE_MODEL_PERMISSIONS))
    for name, pairs in FEEDBACK_GROUP_PERMISSIONS.items():
        Group.objects.get(name=name).permissions.add(*_permissions(pairs))
    for name, pairs in DASHBOARD_GROUP_PERMISSIONS.items():
        Group.objects.get(name=name).permissions.add(*_permissions(pairs))
    for permission in page_permissions(PORTAL_ADMIN_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(
            group=portal_admins, page=home, permission=permission
        )

    ward_collection = _child_collection(
        Collection.get_first_root_node(), site.site_name or site.hostname
    )
    field_groups = {}
    for section in SectionPage.objects.child_of(home):
        group, _ = Group.objects.get_or_create(name=field_group_name(site, section))
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
        )
        for permission in page_permissions(SPECIALIST_PAGE_PERMISSIONS):
            GroupPagePermission.objects.get_or_create(
                group=group, page=section, permission=permission
            )
        section_permissions = _permissions(SECTION_MODEL_PERMISSIONS.get(section.slug, []))
        group.permissions.add(*section_permissions)
        portal_admins.permissions.add(*section_permissions)
        collection = _child_collection(ward_collection, section.title)
        for app_label, codenames in COLLECTION_PERMISSIONS:
            for permission in Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            ):
                for grantee in (group, portal_admins):
                    GroupCollectionPermission.objects.get_or_create(
                        group=grantee, collection=collection, permission=permission
                    )
        if section.owner_group_id != group.pk:
            SectionPage.objects.filter(pk=section.pk).update(owner_group=group)
        # Pages published before the group existed are owned by their section's group.
        for model in BasePage.__subclasses__():
            model.objects.descendant_of(section).filter(owner_group__isnull=True).update(
                owner_group=group
            )
        field_groups[section.slug] = group
    _message_texts(site)
    return field_groups


def _message_texts(site):
    """Give a ward one «Mẫu tin báo» row per status, holding the default words, so its
    portal admins see and edit every message citizens are sent (none for the city's site,
    which files no reports). Rows a ward has already written are left as they are."""
    from feedback.models import MessageText
    from feedback.outbox import DEFAULT_TEXTS

    from .models import WardSettings

    if WardSettings.objects.filter(site=site, is_city=True).exists():
        return
    have = set(MessageText.objects.filter(site=site).values_list("status", flat=True))
    MessageText.objects.bulk_create(
        MessageText(site=site, status=status, text=text)
        for status, text in DEFAULT_TEXTS.items()
        if status not in have
    )


def _child_collection(parent, name):
    existing = parent.get_children().filter(name=name).first()
    return existing or parent.add_child(name=name)
