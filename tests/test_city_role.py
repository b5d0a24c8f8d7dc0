"""The city role («Thành phố – xem», roles.CITY_VIEWERS) as its own column of the role × admin
URL matrix (tests/test_admin_matrix.py): ``CITY_EXPECTED`` gives, for every admin URL, the
answer to a city viewer on ward A's objects (A/D/N as in that file), with a second ward
beside it. What the city may read shows ward A's data; every write is refused: no POST
changes anything (test_admin_matrix.test_the_city_role_changes_nothing_through_any_admin_url),
no workflow action is taken, no form is offered.

Kept apart from ``EXPECTED`` so that its five-letter strings stay as they are. A URL that
Wagtail or the project adds fails ``test_every_admin_url_has_a_city_expectation`` until it is
given one here.
"""

from django.urls import reverse
from wagtail.models import Site, TaskState, Workflow

from content.models import SectionPage, StaffProfile, StandardPage
from content.wards import FIVE_STEP_WORKFLOW
from tests.admin_urls import admin_url_names
from tests.test_admin_matrix import (
    EXPECTED,
    MARKER,
    answer,
    body_of,
    make_objects,
    mark_ward_a,
    ward_a_url_for,
)
from tests.workflow_helpers import user

CITY_VIEWER = "thanhpho"

CITY_EXPECTED = {
    # Delivery log (reporters' contacts), message texts, API clients: the wards' own.
    "feedback_delivery:index": "D",
    "feedback_delivery:index_results": "D",
    "feedback_delivery:inspect": "D",
    "feedback_messagetext:add": "D",
    "feedback_messagetext:delete": "N",
    "feedback_messagetext:edit": "D",
    "feedback_messagetext:history": "D",
    "feedback_messagetext:history_results": "D",
    "feedback_messagetext:index": "D",
    "feedback_messagetext:index_results": "D",
    "feedback_messagetext:usage": "D",
    "open311_client:add": "D",
    "open311_client:delete": "N",
    "open311_client:edit": "D",
    "open311_client:history": "D",
    "open311_client:history_results": "D",
    "open311_client:index": "D",
    "open311_client:index_results": "D",
    "open311_client:usage": "D",
    "tthc_add_ward_procedure": "D",
    "tthc_edit_ward_procedure": "D",
    "tthc_catalogue_change": "A",
    "tthc_catalogue_changes": "A",
    "content_city": "A",
    "content_city_ward": "A",
    "content_import_places": "D",
    "content_raci": "A",
    "content_raciactivity:add": "D",
    "content_raciactivity:copy": "D",
    "content_raciactivity:delete": "D",
    "content_raciactivity:edit": "D",
    "content_raciactivity:history": "D",
    "content_raciactivity:history_results": "D",
    "content_raciactivity:index": "D",
    "content_raciactivity:index_results": "D",
    "content_raciactivity:usage": "D",
    "content_satisfactioncomment:index": "A",
    "content_satisfactioncomment:index_results": "A",
    "content_satisfactioncomment:inspect": "A",
    "content_shortlink:index": "A",
    "content_shortlink:index_results": "A",
    "content_shortlink:inspect": "A",
    "content_shortlink:poster": "A",
    "content_shortlink:poster_sheet": "A",
    "content_staffprofile:add": "D",
    "content_staffprofile:copy": "D",
    "content_staffprofile:delete": "D",
    "content_staffprofile:edit": "D",
    "content_staffprofile:history": "D",
    "content_staffprofile:history_results": "D",
    "content_staffprofile:index": "D",
    "content_staffprofile:index_results": "D",
    "content_staffprofile:usage": "D",
    "content_syncrun:index": "A",
    "content_syncrun:index_results": "A",
    "content_syncrun:inspect": "A",
    "content_wards": "D",
    "dashboard_import_case_stats": "D",
    "dashboard_manualfigure:add": "D",
    "dashboard_manualfigure:delete": "N",
    "dashboard_manualfigure:edit": "D",
    "dashboard_manualfigure:history": "A",
    "dashboard_manualfigure:history_results": "A",
    "dashboard_manualfigure:index": "A",
    "dashboard_manualfigure:index_results": "A",
    "dashboard_manualfigure:usage": "D",
    "feedback_category:add": "D",
    "feedback_category:delete": "D",
    "feedback_category:edit": "D",
    "feedback_category:history": "D",
    "feedback_category:history_results": "D",
    "feedback_category:index": "A",
    "feedback_category:index_results": "A",
    "feedback_category:usage": "D",
    "feedback_report:add": "D",
    "feedback_report:delete": "N",
    "feedback_report:edit": "D",
    "feedback_report:history": "D",
    "feedback_report:history_results": "D",
    "feedback_report:index": "A",
    "feedback_report:index_results": "A",
    "feedback_report:personal": "D",
    "feedback_report:photo": "D",
    "feedback_report:usage": "D",
    "feedback_usefulness:index": "A",
    "feedback_usefulness:index_results": "A",
    "feedback_usefulness:inspect": "A",
    "sitesearch_popular:add": "D",
    "sitesearch_popular:delete": "N",
    "sitesearch_popular:edit": "D",
    "sitesearch_popular:history": "D",
    "sitesearch_popular:history_results": "D",
    "sitesearch_popular:index": "A",
    "sitesearch_popular:index_results": "A",
    "sitesearch_popular:usage": "D",
    "sitesearch_promotion:add": "D",
    "sitesearch_promotion:delete": "N",
    "sitesearch_promotion:edit": "D",
    "sitesearch_promotion:history": "D",
    "sitesearch_promotion:history_results": "D",
    "sitesearch_promotion:index": "A",
    "sitesearch_promotion:index_results": "A",
    "sitesearch_promotion:usage": "D",
    "sitesearch_report": "A",
    "society_enrolmentzone:add": "D",
    "society_enrolmentzone:delete": "N",
    "society_enrolmentzone:edit": "D",
    "society_enrolmentzone:history": "D",
    "society_enrolmentzone:history_results": "D",
    "society_enrolmentzone:index": "A",
    "society_enrolmentzone:index_results": "A",
    "society_enrolmentzone:usage": "D",
    "society_privatepreschool:add": "D",
    "society_privatepreschool:delete": "N",
    "society_privatepreschool:edit": "D",
    "society_privatepreschool:history": "D",
    "society_privatepreschool:history_results": "D",
    "society_privatepreschool:index": "A",
    "society_privatepreschool:index_results": "A",
    "society_privatepreschool:usage": "D",
    "society_school:add": "D",
    "society_school:delete": "N",
    "society_school:edit": "D",
    "society_school:history": "D",
    "society_school:history_results": "D",
    "society_school:index": "A",
    "society_school:index_results": "A",
    "society_school:usage": "D",
    "society_schoolyear:add": "D",
    "society_schoolyear:delete": "N",
    "society_schoolyear:edit": "D",
    "society_schoolyear:history": "D",
    "society_schoolyear:history_results": "D",
    "society_schoolyear:index": "A",
    "society_schoolyear:index_results": "A",
    "society_schoolyear:usage": "D",
    "staffauth_recovery_codes": "A",
    "staffauth_reset": "D",
    "staffauth_setup": "A",
    "staffauth_verify": "A",
    "tthc_export_catalogue": "A",
    "tthc_procedure:index": "A",
    "tthc_procedure:index_results": "A",
    "tthc_procedure:inspect": "A",
    "tthc_upload_catalogue": "D",
    "wagtail_bulk_action": "A",
    "wagtailadmin_account": "A",
    "wagtailadmin_api:documents:detail": "A",
    "wagtailadmin_api:documents:find": "N",
    "wagtailadmin_api:documents:listing": "A",
    "wagtailadmin_api:images:detail": "A",
    "wagtailadmin_api:images:find": "N",
    "wagtailadmin_api:images:listing": "A",
    "wagtailadmin_api:pages:action": "N",
    "wagtailadmin_api:pages:detail": "N",
    "wagtailadmin_api:pages:find": "N",
    "wagtailadmin_api:pages:listing": "A",
    "wagtailadmin_block_preview": "N",
    "wagtailadmin_choose_page": "A",
    "wagtailadmin_choose_page_anchor_link": "A",
    "wagtailadmin_choose_page_child": "A",
    "wagtailadmin_choose_page_chosen_multiple": "A",
    "wagtailadmin_choose_page_email_link": "A",
    "wagtailadmin_choose_page_external_link": "A",
    "wagtailadmin_choose_page_phone_link": "A",
    "wagtailadmin_choose_page_search": "A",
    "wagtailadmin_collections:add": "D",
    "wagtailadmin_collections:delete": "N",
    "wagtailadmin_collections:edit": "D",
    "wagtailadmin_collections:index": "D",
    "wagtailadmin_collections:set_privacy": "D",
    "wagtailadmin_dismissibles": "A",
    "wagtailadmin_editing_sessions:ping": "N",
    "wagtailadmin_editing_sessions:release": "N",
    "wagtailadmin_explore": "D",
    "wagtailadmin_explore_results": "D",
    "wagtailadmin_explore_root": "D",
    "wagtailadmin_home": "A",
    "wagtailadmin_javascript_catalog": "A",
    "wagtailadmin_login": "D",
    "wagtailadmin_logout": "N",
    "wagtailadmin_pages:add": "D",
    "wagtailadmin_pages:add_subpage": "D",
    "wagtailadmin_pages:choose_parent": "A",
    "wagtailadmin_pages:collect_workflow_action_data": "N",
    "wagtailadmin_pages:confirm_workflow_cancellation": "A",
    "wagtailadmin_pages:convert_alias": "N",
    "wagtailadmin_pages:copy": "D",
    "wagtailadmin_pages:delete": "D",
    "wagtailadmin_pages:edit": "D",
    "wagtailadmin_pages:history": "D",
    "wagtailadmin_pages:history_results": "D",
    "wagtailadmin_pages:lock": "N",
    "wagtailadmin_pages:move": "D",
    "wagtailadmin_pages:move_confirm": "D",
    "wagtailadmin_pages:preview_on_add": "D",
    "wagtailadmin_pages:preview_on_edit": "D",
    "wagtailadmin_pages:revisions_compare": "D",
    "wagtailadmin_pages:revisions_index": "A",
    "wagtailadmin_pages:revisions_revert": "D",
    "wagtailadmin_pages:revisions_unschedule": "D",
    "wagtailadmin_pages:revisions_view": "D",
    "wagtailadmin_pages:search": "D",
    "wagtailadmin_pages:search_results": "D",
    "wagtailadmin_pages:set_page_position": "N",
    "wagtailadmin_pages:set_privacy": "D",
    "wagtailadmin_pages:type_use": "D",
    "wagtailadmin_pages:type_use_results": "D",
    "wagtailadmin_pages:unlock": "N",
    "wagtailadmin_pages:unpublish": "D",
    "wagtailadmin_pages:usage": "D",
    "wagtailadmin_pages:view_draft": "D",
    "wagtailadmin_pages:workflow_action": "N",
    "wagtailadmin_pages:workflow_history": "D",
    "wagtailadmin_pages:workflow_history_detail": "D",
    "wagtailadmin_pages:workflow_preview": "N",
    "wagtailadmin_password_reset": "A",
    "wagtailadmin_password_reset_complete": "A",
    "wagtailadmin_password_reset_confirm": "A",
    "wagtailadmin_password_reset_done": "A",
    "wagtailadmin_reports:aging_pages": "D",
    "wagtailadmin_reports:aging_pages_results": "D",
    "wagtailadmin_reports:locked_pages": "D",
    "wagtailadmin_reports:locked_pages_results": "D",
    "wagtailadmin_reports:page_types_usage": "D",
    "wagtailadmin_reports:page_types_usage_results": "D",
    "wagtailadmin_reports:site_history": "A",
    "wagtailadmin_reports:site_history_results": "A",
    "wagtailadmin_reports:workflow": "D",
    "wagtailadmin_reports:workflow_results": "D",
    "wagtailadmin_reports:workflow_tasks": "D",
    "wagtailadmin_reports:workflow_tasks_results": "D",
    "wagtailadmin_sprite": "A",
    "wagtailadmin_tag_autocomplete": "A",
    "wagtailadmin_tag_model_autocomplete": "N",
    "wagtailadmin_workflows:add": "D",
    "wagtailadmin_workflows:add_task": "N",
    "wagtailadmin_workflows:disable": "D",
    "wagtailadmin_workflows:disable_task": "D",
    "wagtailadmin_workflows:edit": "D",
    "wagtailadmin_workflows:edit_task": "D",
    "wagtailadmin_workflows:enable": "N",
    "wagtailadmin_workflows:enable_task": "N",
    "wagtailadmin_workflows:index": "D",
    "wagtailadmin_workflows:index_results": "D",
    "wagtailadmin_workflows:remove": "N",
    "wagtailadmin_workflows:select_task_type": "D",
    "wagtailadmin_workflows:task_chooser": "A",
    "wagtailadmin_workflows:task_chooser_create": "A",
    "wagtailadmin_workflows:task_chooser_results": "A",
    "wagtailadmin_workflows:task_chosen": "N",
    "wagtailadmin_workflows:task_index": "D",
    "wagtailadmin_workflows:task_index_results": "D",
    "wagtailadmin_workflows:usage": "D",
    "wagtailadmin_workflows:usage_results": "D",
    "wagtaildocs:add": "D",
    "wagtaildocs:add_multiple": "D",
    "wagtaildocs:create_multiple_from_uploaded_document": "N",
    "wagtaildocs:delete": "D",
    "wagtaildocs:delete_multiple": "N",
    "wagtaildocs:delete_upload_multiple": "N",
    "wagtaildocs:document_usage": "D",
    "wagtaildocs:edit": "D",
    "wagtaildocs:edit_multiple": "N",
    "wagtaildocs:index": "D",
    "wagtaildocs:index_results": "D",
    "wagtaildocs_chooser:choose": "A",
    "wagtaildocs_chooser:choose_results": "A",
    "wagtaildocs_chooser:chosen": "D",
    "wagtaildocs_chooser:chosen_multiple": "A",
    "wagtaildocs_chooser:create": "D",
    "wagtailembeds:chooser": "A",
    "wagtailembeds:chooser_upload": "A",
    "wagtailimages:add": "D",
    "wagtailimages:add_multiple": "D",
    "wagtailimages:create_multiple_from_uploaded_image": "N",
    "wagtailimages:delete": "D",
    "wagtailimages:delete_multiple": "N",
    "wagtailimages:delete_upload_multiple": "N",
    "wagtailimages:edit": "D",
    "wagtailimages:edit_multiple": "N",
    "wagtailimages:image_usage": "D",
    "wagtailimages:index": "D",
    "wagtailimages:index_results": "D",
    "wagtailimages:preview": "D",
    "wagtailimages:url_generator": "D",
    "wagtailimages:url_generator_output": "D",
    "wagtailimages_chooser:choose": "A",
    "wagtailimages_chooser:choose_results": "A",
    "wagtailimages_chooser:chosen": "D",
    "wagtailimages_chooser:chosen_multiple": "A",
    "wagtailimages_chooser:create": "D",
    "wagtailimages_chooser:select_format": "D",
    "wagtailredirects:add": "D",
    "wagtailredirects:delete": "D",
    "wagtailredirects:edit": "D",
    "wagtailredirects:index": "D",
    "wagtailredirects:index_results": "D",
    "wagtailredirects:process_import": "D",
    "wagtailredirects:start_import": "D",
    "wagtailsettings:edit": "D",
    "wagtailsettings:preview_on_edit": "D",
    "wagtailsites:add": "D",
    "wagtailsites:copy": "D",
    "wagtailsites:delete": "D",
    "wagtailsites:edit": "D",
    "wagtailsites:history": "D",
    "wagtailsites:history_results": "D",
    "wagtailsites:index": "D",
    "wagtailsites:index_results": "D",
    "wagtailsites:usage": "D",
    "wagtailsnippetchoosers_content_place:choose": "A",
    "wagtailsnippetchoosers_content_place:choose_results": "A",
    "wagtailsnippetchoosers_content_place:chosen": "A",
    "wagtailsnippetchoosers_content_place:chosen_multiple": "A",
    "wagtailsnippetchoosers_content_place:create": "D",
    "wagtailsnippetchoosers_society_healthevent:choose": "A",
    "wagtailsnippetchoosers_society_healthevent:choose_results": "A",
    "wagtailsnippetchoosers_society_healthevent:chosen": "A",
    "wagtailsnippetchoosers_society_healthevent:chosen_multiple": "A",
    "wagtailsnippetchoosers_society_healthevent:create": "D",
    "wagtailsnippetchoosers_society_hotspot:choose": "A",
    "wagtailsnippetchoosers_society_hotspot:choose_results": "A",
    "wagtailsnippetchoosers_society_hotspot:chosen": "A",
    "wagtailsnippetchoosers_society_hotspot:chosen_multiple": "A",
    "wagtailsnippetchoosers_society_hotspot:create": "D",
    "wagtailsnippets:index": "D",
    "wagtailsnippets_content_place:add": "D",
    "wagtailsnippets_content_place:copy": "N",
    "wagtailsnippets_content_place:delete": "N",
    "wagtailsnippets_content_place:edit": "N",
    "wagtailsnippets_content_place:history": "D",
    "wagtailsnippets_content_place:history_results": "D",
    "wagtailsnippets_content_place:list": "A",
    "wagtailsnippets_content_place:list_results": "A",
    "wagtailsnippets_content_place:usage": "D",
    "wagtailsnippets_society_healthevent:add": "D",
    "wagtailsnippets_society_healthevent:copy": "N",
    "wagtailsnippets_society_healthevent:delete": "N",
    "wagtailsnippets_society_healthevent:edit": "N",
    "wagtailsnippets_society_healthevent:history": "D",
    "wagtailsnippets_society_healthevent:history_results": "D",
    "wagtailsnippets_society_healthevent:list": "A",
    "wagtailsnippets_society_healthevent:list_results": "A",
    "wagtailsnippets_society_healthevent:usage": "D",
    "wagtailsnippets_society_hotspot:add": "D",
    "wagtailsnippets_society_hotspot:copy": "N",
    "wagtailsnippets_society_hotspot:delete": "N",
    "wagtailsnippets_society_hotspot:edit": "N",
    "wagtailsnippets_society_hotspot:history": "D",
    "wagtailsnippets_society_hotspot:history_results": "D",
    "wagtailsnippets_society_hotspot:list": "A",
    "wagtailsnippets_society_hotspot:list_results": "A",
    "wagtailsnippets_society_hotspot:usage": "D",
    "wagtailusers_groups:add": "D",
    "wagtailusers_groups:delete": "D",
    "wagtailusers_groups:edit": "D",
    "wagtailusers_groups:history": "D",
    "wagtailusers_groups:history_results": "D",
    "wagtailusers_groups:index": "D",
    "wagtailusers_groups:index_results": "D",
    "wagtailusers_groups:usage": "D",
    "wagtailusers_users:add": "D",
    "wagtailusers_users:copy": "D",
    "wagtailusers_users:delete": "D",
    "wagtailusers_users:edit": "D",
    "wagtailusers_users:history": "D",
    "wagtailusers_users:history_results": "D",
    "wagtailusers_users:index": "D",
    "wagtailusers_users:index_results": "D",
    "wagtailusers_users:usage": "D",
}
# Of the URLs the city may read, those that list or open ward A's data: their answer shows it
# (the marker of ward A's rows, test_admin_matrix.mark_ward_a).
SHOWS_WARD_A = [
    "content_city",
    "content_city_ward",
    "content_satisfactioncomment:index",
    "content_satisfactioncomment:index_results",
    "content_satisfactioncomment:inspect",
    "content_shortlink:index",
    "content_shortlink:index_results",
    "content_shortlink:inspect",
    "content_shortlink:poster",
    "content_shortlink:poster_sheet",
    "content_syncrun:inspect",
    "dashboard_manualfigure:index",
    "dashboard_manualfigure:index_results",
    "feedback_report:index",
    "feedback_report:index_results",
    "feedback_usefulness:inspect",
    "sitesearch_promotion:index",
    "sitesearch_promotion:index_results",
    "society_enrolmentzone:index",
    "society_enrolmentzone:index_results",
    "society_privatepreschool:index",
    "society_privatepreschool:index_results",
    "society_school:index",
    "society_school:index_results",
    "wagtail_bulk_action",
    "wagtailadmin_api:documents:detail",
    "wagtailadmin_api:documents:listing",
    "wagtailadmin_api:images:detail",
    "wagtailadmin_api:images:listing",
    "wagtailadmin_choose_page_child",
    "wagtailsnippetchoosers_content_place:choose",
    "wagtailsnippetchoosers_content_place:choose_results",
    "wagtailsnippetchoosers_content_place:chosen",
    "wagtailsnippetchoosers_society_healthevent:choose",
    "wagtailsnippetchoosers_society_healthevent:choose_results",
    "wagtailsnippetchoosers_society_healthevent:chosen",
    "wagtailsnippetchoosers_society_hotspot:choose",
    "wagtailsnippetchoosers_society_hotspot:choose_results",
    "wagtailsnippetchoosers_society_hotspot:chosen",
    "wagtailsnippets_content_place:list",
    "wagtailsnippets_content_place:list_results",
    "wagtailsnippets_society_healthevent:list",
    "wagtailsnippets_society_healthevent:list_results",
    "wagtailsnippets_society_hotspot:list",
    "wagtailsnippets_society_hotspot:list_results",
]


def test_every_admin_url_has_a_city_expectation():
    """A new admin URL needs the city's answer too (and every URL of EXPECTED has one)."""
    names = set(admin_url_names()) - {"wagtailadmin_error_test"}
    assert sorted(names - set(CITY_EXPECTED)) == [], "give these admin URLs a CITY_EXPECTED"
    assert sorted(set(EXPECTED) - set(CITY_EXPECTED)) == []
    assert sorted(set(CITY_EXPECTED) - names) == [], "these URLs are gone: drop them"
    assert set("".join(CITY_EXPECTED.values())) <= set("ADN")


def ward_a():
    site = Site.objects.get(is_default_site=True)
    section = SectionPage.objects.get(slug="van-hoa-xa-hoi", path__startswith=site.root_page.path)
    page = StandardPage.objects.get(
        slug="lich-tiem-chung-mo-rong", path__startswith=site.root_page.path
    )
    return site, section, page


def test_the_city_role_gets_the_expected_answer_from_every_admin_url(client, second_ward):
    """Each admin URL, as the city viewer, on ward A's objects (renamed to carry MARKER): the
    answer CITY_EXPECTED gives; what it reads of ward A shows ward A's data."""
    site, section, page = ward_a()
    objects = make_objects(section, page, user("quantri"))
    mark_ward_a(site, page, objects)
    viewer = user(CITY_VIEWER)
    wrong = []
    for name, want in sorted(CITY_EXPECTED.items()):
        client.force_login(viewer)  # some URLs (login, logout) end the session
        url = ward_a_url_for(name, page, section, objects, site)
        response = client.get(url)
        got = answer(response)
        if got != want:
            wrong.append(f"{name} ({url}): expected {want}, got {got}")
        if name in SHOWS_WARD_A and MARKER not in body_of(response):
            wrong.append(f"{name} ({url}): does not show ward A's data")
    assert wrong == [], "\n".join(wrong)


def test_what_the_city_reads_is_a_read():
    """Every URL the city may open reads: none adds, edits, deletes, publishes or moves
    (those that keep nothing: choosers' link forms, the task chooser's own form, which every
    role opens and whose POST is refused)."""
    writes = ("add", "edit", "delete", "create", "copy", "move", "publish", "unpublish", "lock")
    allowed_forms = {
        "wagtailadmin_workflows:task_chooser_create",
        "wagtailembeds:chooser_upload",
        "wagtail_bulk_action",
    }
    opened = sorted(
        name
        for name, want in CITY_EXPECTED.items()
        if want == "A"
        and name not in allowed_forms
        and any(word in name.rpartition(":")[2].split("_") for word in writes)
    )
    assert opened == []


def waiting_page(site):
    """A page of ``site`` waiting at step 2, sent by ward A's specialist."""
    page = StandardPage.objects.get(
        slug="lich-tiem-chung-mo-rong", path__startswith=site.root_page.path
    )
    page.save_revision(user=user("chuyenmon"))
    state = Workflow.objects.get(name=FIVE_STEP_WORKFLOW).start(page, user("chuyenmon"))
    return page, state.current_task_state


def test_the_city_role_takes_no_workflow_action(client, second_ward):
    """A city viewer cannot approve or reject a page of a ward, even with a crafted POST."""
    site, _section, _page = ward_a()
    page, task_state = waiting_page(site)
    client.force_login(user(CITY_VIEWER))
    for action in ("approve", "reject"):
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
        response = client.post(url, {"comment": "Đồng ý"})
        assert answer(response) in "DN", (action, response.status_code)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) not in home
    # …while it is in «Toàn thành phố» with its step (so the city does read the state).
    overview = client.get(reverse("content_city_ward", args=[site.pk])).content.decode()
    assert page.title in overview and task_state.task.name in overview


def test_a_city_viewer_who_works_for_a_ward_reads_every_ward_and_changes_only_their_own(
    client, second_ward
):
    """A member of the city's group who also publishes on a site of their own (here ward B,
    standing for the city's own site) with a ward role (Văn phòng): every ward's queue to
    read, but only their own site's reports to handle, personal data to open, and wards to
    choose in a form."""
    from django.contrib.auth.models import Group

    from content.roles import OFFICE
    from content.wards import setup_city_viewers
    from feedback.models import FeedbackReport

    site, section, page = ward_a()
    objects = make_objects(section, page, user("quantri"))
    mark_ward_a(site, page, objects)
    member = user("b-vanphong")
    member.groups.add(setup_city_viewers())
    assert member.groups.filter(name=OFFICE).exists() and Group.objects.filter(name=OFFICE)
    assert StaffProfile.objects.get(user=member).site == second_ward
    client.force_login(member)
    assert MARKER in client.get(reverse("feedback_report:index")).content.decode()
    theirs = FeedbackReport.objects.filter(site=site).first()
    # Reading a report's history is a read (allowed); editing it and its personal data are not.
    for name in ("feedback_report:edit", "feedback_report:personal"):
        response = client.get(reverse(name, args=[theirs.pk]))
        assert answer(response) in "DN", (name, response.status_code)
        assert MARKER not in body_of(response)
    before = theirs.status
    client.post(reverse("feedback_report:edit", args=[theirs.pk]), {"new_status": "da_xu_ly"})
    theirs.refresh_from_db()
    assert theirs.status == before
    own = FeedbackReport.objects.create(
        site=second_ward,
        category=theirs.category,
        description="Phản ánh của phường B",
        submission_token="city-viewer-own",
    )
    assert client.get(reverse("feedback_report:edit", args=[own.pk])).status_code == 200
    form = client.get(reverse("dashboard_manualfigure:add")).context["form"]
    assert list(form.fields["site"].queryset) == [second_ward]
