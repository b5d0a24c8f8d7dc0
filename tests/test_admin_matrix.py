"""Role × admin URL matrix: every admin URL, called as each role group, answers as expected.

Each expectation lists the answer for the roles in ROLES order: A = allowed (200, or a redirect
within the area), D = denied (Wagtail's redirect to the dashboard, or 403), N = not applicable
to the object used (404, or 405 for a POST-only URL). Page URLs are called on a published page
of the "Văn hóa – xã hội" section, whose specialists' group the demo specialist belongs to.

A URL that Wagtail or the project adds fails ``test_every_admin_url_has_an_expectation`` until
it is given one here, so no new admin surface appears unreviewed.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from PIL import Image as PILImage
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site, Task, UploadedFile, Workflow

from content.models import (
    Place,
    RaciActivity,
    SatisfactionComment,
    SatisfactionPage,
    SectionPage,
    ShortLink,
    StaffProfile,
    StandardPage,
    SyncRun,
)
from dashboard.models import ManualFigure
from feedback.models import FeedbackCategory, FeedbackPhoto, FeedbackReport, PageUsefulness
from sitesearch.models import PopularSearch, SearchPromotion
from society.models import (
    EnrolmentZone,
    HealthEvent,
    HotSpot,
    PrivatePreschool,
    School,
    SchoolYear,
)
from tests.admin_urls import admin_url_names, page_url_kwargs, reverse_with
from tests.catalogue_items import item
from tests.workflow_helpers import user
from tthc import sync
from tthc.catalogue import normalise
from tthc.models import Procedure

ROLES = ["chuyenmon", "vanphong", "tuphap", "lanhdao", "quantri"]

EXPECTED = {
    "content_import_places": "DDDDA",
    "content_raci": "AAAAA",
    "content_raciactivity:add": "DDDDD",
    "content_raciactivity:copy": "DDDDD",
    "content_raciactivity:delete": "DDDDD",
    "content_raciactivity:edit": "DDDDD",
    "content_raciactivity:history": "DDDDD",
    "content_raciactivity:history_results": "DDDDD",
    "content_raciactivity:index": "DDDDD",
    "content_raciactivity:index_results": "DDDDD",
    "content_raciactivity:usage": "DDDDD",
    "wagtailadmin_account": "AAAAA",
    "wagtailadmin_api:documents:detail": "AAAAA",
    "wagtailadmin_api:documents:find": "NNNNN",
    "wagtailadmin_api:documents:listing": "AAAAA",
    "wagtailadmin_api:images:detail": "AAAAA",
    "wagtailadmin_api:images:find": "NNNNN",
    "wagtailadmin_api:images:listing": "AAAAA",
    "wagtailadmin_api:pages:action": "NNNNN",
    "wagtailadmin_api:pages:detail": "ANNNA",
    "wagtailadmin_api:pages:find": "NNNNN",
    "wagtailadmin_api:pages:listing": "AAAAA",
    "wagtailadmin_block_preview": "NNNNN",
    "wagtailadmin_choose_page": "AAAAA",
    "wagtailadmin_choose_page_anchor_link": "AAAAA",
    "wagtailadmin_choose_page_child": "AAAAA",
    "wagtailadmin_choose_page_chosen_multiple": "AAAAA",
    "wagtailadmin_choose_page_email_link": "AAAAA",
    "wagtailadmin_choose_page_external_link": "AAAAA",
    "wagtailadmin_choose_page_phone_link": "AAAAA",
    "wagtailadmin_choose_page_search": "AAAAA",
    "wagtailadmin_collections:add": "DDDDD",
    "wagtailadmin_collections:delete": "NNNNN",
    "wagtailadmin_collections:edit": "DDDDD",
    "wagtailadmin_collections:index": "DDDDD",
    "wagtailadmin_dismissibles": "AAAAA",
    "wagtailadmin_explore": "ADDDA",
    "wagtailadmin_explore_results": "ADDDA",
    "wagtailadmin_explore_root": "ADDDA",
    "wagtailadmin_home": "AAAAA",
    "wagtailadmin_javascript_catalog": "AAAAA",
    "wagtailadmin_login": "DDDDD",
    "wagtailadmin_logout": "NNNNN",
    "wagtailadmin_pages:add": "ADDDA",
    "wagtailadmin_pages:add_subpage": "ADDDA",
    "wagtailadmin_pages:choose_parent": "AAAAA",
    "wagtailadmin_pages:collect_workflow_action_data": "NNNNN",
    "wagtailadmin_pages:confirm_workflow_cancellation": "AAAAA",
    "wagtailadmin_pages:convert_alias": "NNNNN",
    "wagtailadmin_pages:copy": "ADDDA",
    "wagtailadmin_pages:delete": "DDDDD",
    "wagtailadmin_pages:edit": "ADDDA",
    "wagtailadmin_pages:history": "ADDDA",
    "wagtailadmin_pages:history_results": "ADDDA",
    "wagtailadmin_pages:lock": "NNNNN",
    "wagtailadmin_pages:move": "DDDDD",
    "wagtailadmin_pages:move_confirm": "DDDDD",
    "wagtailadmin_pages:preview_on_add": "ADDDA",
    "wagtailadmin_pages:preview_on_edit": "ADDDA",
    "wagtailadmin_pages:revisions_compare": "ADDDA",
    "wagtailadmin_pages:revisions_index": "AAAAA",
    "wagtailadmin_pages:revisions_revert": "ADDDA",
    "wagtailadmin_pages:revisions_unschedule": "DDDDD",
    "wagtailadmin_pages:revisions_view": "ADDDA",
    "wagtailadmin_pages:search": "ADDDA",
    "wagtailadmin_pages:search_results": "ADDDA",
    "wagtailadmin_pages:set_page_position": "NNNNN",
    "wagtailadmin_pages:set_privacy": "DDDDD",
    "wagtailadmin_pages:type_use": "ADDDA",
    "wagtailadmin_pages:type_use_results": "ADDDA",
    "wagtailadmin_pages:unlock": "NNNNN",
    "wagtailadmin_pages:unpublish": "DDDDD",
    "wagtailadmin_pages:usage": "ADDDA",
    "wagtailadmin_pages:view_draft": "ADDDA",
    "wagtailadmin_pages:workflow_action": "NNNNN",
    "wagtailadmin_pages:workflow_history": "ADDDA",
    "wagtailadmin_pages:workflow_history_detail": "NDDDN",
    "wagtailadmin_pages:workflow_preview": "NNNNN",
    "wagtailadmin_password_reset": "AAAAA",
    "wagtailadmin_password_reset_complete": "AAAAA",
    "wagtailadmin_password_reset_done": "AAAAA",
    "wagtailadmin_reports:aging_pages": "ADDDA",
    "wagtailadmin_reports:aging_pages_results": "ADDDA",
    "wagtailadmin_reports:locked_pages": "DDDDA",
    "wagtailadmin_reports:locked_pages_results": "DDDDA",
    "wagtailadmin_reports:page_types_usage": "ADDDA",
    "wagtailadmin_reports:page_types_usage_results": "ADDDA",
    "wagtailadmin_reports:site_history": "AAAAA",
    "wagtailadmin_reports:site_history_results": "AAAAA",
    "wagtailadmin_reports:workflow": "ADDDA",
    "wagtailadmin_reports:workflow_results": "ADDDA",
    "wagtailadmin_reports:workflow_tasks": "ADDDA",
    "wagtailadmin_reports:workflow_tasks_results": "ADDDA",
    "wagtailadmin_sprite": "AAAAA",
    "wagtailadmin_tag_autocomplete": "AAAAA",
    "wagtailadmin_tag_model_autocomplete": "NNNNN",
    "wagtailadmin_workflows:add": "DDDDD",
    "wagtailadmin_workflows:add_task": "NNNNN",
    "wagtailadmin_workflows:disable": "DDDDD",
    "wagtailadmin_workflows:disable_task": "DDDDD",
    "wagtailadmin_workflows:edit": "DDDDD",
    "wagtailadmin_workflows:edit_task": "DDDDD",
    "wagtailadmin_workflows:enable": "NNNNN",
    "wagtailadmin_workflows:enable_task": "NNNNN",
    "wagtailadmin_workflows:index": "DDDDD",
    "wagtailadmin_workflows:index_results": "DDDDD",
    "wagtailadmin_workflows:select_task_type": "DDDDD",
    "wagtailadmin_workflows:task_chooser": "AAAAA",
    "wagtailadmin_workflows:task_chooser_create": "AAAAA",
    "wagtailadmin_workflows:task_chooser_results": "AAAAA",
    "wagtailadmin_workflows:task_chosen": "NNNNN",
    "wagtailadmin_workflows:task_index": "DDDDD",
    "wagtailadmin_workflows:task_index_results": "DDDDD",
    "wagtailadmin_workflows:usage": "DDDDD",
    "wagtailadmin_workflows:usage_results": "DDDDD",
    "wagtaildocs:add": "ADDDA",
    "wagtaildocs:add_multiple": "ADDDA",
    "wagtaildocs:index": "ADDDA",
    "wagtaildocs:index_results": "ADDDA",
    "wagtaildocs_chooser:choose": "AAAAA",
    "wagtaildocs_chooser:choose_results": "AAAAA",
    "wagtaildocs_chooser:chosen": "ADDDA",
    "wagtaildocs_chooser:chosen_multiple": "AAAAA",
    "wagtaildocs_chooser:create": "ADDDA",
    "wagtailembeds:chooser": "AAAAA",
    "wagtailembeds:chooser_upload": "AAAAA",
    "wagtailimages:add": "ADDDA",
    "wagtailimages:add_multiple": "ADDDA",
    "wagtailimages:index": "ADDDA",
    "wagtailimages:index_results": "ADDDA",
    "wagtailimages_chooser:choose": "AAAAA",
    "wagtailimages_chooser:choose_results": "AAAAA",
    "wagtailimages_chooser:chosen": "AAAAA",
    "wagtailimages_chooser:chosen_multiple": "AAAAA",
    "wagtailimages_chooser:create": "ADDDA",
    "wagtailredirects:add": "DDDDD",
    "wagtailredirects:index": "DDDDD",
    "wagtailredirects:index_results": "DDDDD",
    "wagtailredirects:process_import": "DDDDD",
    "wagtailredirects:start_import": "DDDDD",
    "wagtailsites:add": "DDDDD",
    "wagtailsites:copy": "DDDDD",
    "wagtailsites:delete": "DDDDD",
    "wagtailsites:edit": "DDDDD",
    "wagtailsites:history": "DDDDD",
    "wagtailsites:history_results": "DDDDD",
    "wagtailsites:index": "DDDDD",
    "wagtailsites:index_results": "DDDDD",
    "wagtailsites:usage": "DDDDD",
    "wagtailsnippetchoosers_content_place:choose": "AAAAA",
    "wagtailsnippetchoosers_content_place:choose_results": "AAAAA",
    "wagtailsnippetchoosers_content_place:chosen": "AAAAA",
    "wagtailsnippetchoosers_content_place:chosen_multiple": "AAAAA",
    "wagtailsnippetchoosers_content_place:create": "DDDDA",
    "wagtailsnippets:index": "DDDDD",
    "wagtailsnippets_content_place:add": "DDDDA",
    "wagtailsnippets_content_place:copy": "DDDDA",
    "wagtailsnippets_content_place:delete": "DDDDA",
    "wagtailsnippets_content_place:edit": "DDDDA",
    "wagtailsnippets_content_place:history": "DDDDA",
    "wagtailsnippets_content_place:history_results": "DDDDA",
    "wagtailsnippets_content_place:list": "DDDDA",
    "wagtailsnippets_content_place:list_results": "DDDDA",
    "wagtailsnippets_content_place:usage": "DDDDA",
    # Health events and hot spots (docs/society.md): the society section's specialists (the
    # demo specialist) and the portal admins keep them; the other roles do not see them.
    "wagtailsnippetchoosers_society_healthevent:choose": "AAAAA",
    "wagtailsnippetchoosers_society_healthevent:choose_results": "AAAAA",
    "wagtailsnippetchoosers_society_healthevent:chosen": "AAAAA",
    "wagtailsnippetchoosers_society_healthevent:chosen_multiple": "AAAAA",
    "wagtailsnippetchoosers_society_healthevent:create": "ADDDA",
    "wagtailsnippetchoosers_society_hotspot:choose": "AAAAA",
    "wagtailsnippetchoosers_society_hotspot:choose_results": "AAAAA",
    "wagtailsnippetchoosers_society_hotspot:chosen": "AAAAA",
    "wagtailsnippetchoosers_society_hotspot:chosen_multiple": "AAAAA",
    "wagtailsnippetchoosers_society_hotspot:create": "ADDDA",
    "wagtailsnippets_society_healthevent:add": "ADDDA",
    "wagtailsnippets_society_healthevent:copy": "ADDDA",
    "wagtailsnippets_society_healthevent:delete": "ADDDA",
    "wagtailsnippets_society_healthevent:edit": "ADDDA",
    "wagtailsnippets_society_healthevent:history": "ADDDA",
    "wagtailsnippets_society_healthevent:history_results": "ADDDA",
    "wagtailsnippets_society_healthevent:list": "ADDDA",
    "wagtailsnippets_society_healthevent:list_results": "ADDDA",
    "wagtailsnippets_society_healthevent:usage": "ADDDA",
    "wagtailsnippets_society_hotspot:add": "ADDDA",
    "wagtailsnippets_society_hotspot:copy": "ADDDA",
    "wagtailsnippets_society_hotspot:delete": "ADDDA",
    "wagtailsnippets_society_hotspot:edit": "ADDDA",
    "wagtailsnippets_society_hotspot:history": "ADDDA",
    "wagtailsnippets_society_hotspot:history_results": "ADDDA",
    "wagtailsnippets_society_hotspot:list": "ADDDA",
    "wagtailsnippets_society_hotspot:list_results": "ADDDA",
    "wagtailsnippets_society_hotspot:usage": "ADDDA",
    "wagtailusers_groups:add": "DDDDD",
    "wagtailusers_groups:delete": "DDDDD",
    "wagtailusers_groups:edit": "DDDDD",
    "wagtailusers_groups:history": "DDDDD",
    "wagtailusers_groups:history_results": "DDDDD",
    "wagtailusers_groups:index": "DDDDD",
    "wagtailusers_groups:index_results": "DDDDD",
    "wagtailusers_groups:usage": "DDDDD",
    "wagtailusers_users:add": "DDDDD",
    "wagtailusers_users:copy": "DDDDD",
    "wagtailusers_users:delete": "DDDDD",
    "wagtailusers_users:edit": "DDDDD",
    "wagtailusers_users:history": "DDDDD",
    "wagtailusers_users:history_results": "DDDDD",
    "wagtailusers_users:index": "DDDDD",
    "wagtailusers_users:index_results": "DDDDD",
    "wagtailusers_users:usage": "DDDDD",
    # Images, documents, redirects, uploads and sessions: on objects made by make_objects().
    # Multiple-upload steps and session pings answer POST only (N).
    "wagtailadmin_collections:set_privacy": "DDDDD",
    "wagtailadmin_editing_sessions:ping": "NNNNN",
    "wagtailadmin_editing_sessions:release": "NNNNN",
    "wagtailadmin_password_reset_confirm": "AAAAA",
    "wagtailadmin_workflows:remove": "NNNNN",
    "wagtaildocs:create_multiple_from_uploaded_document": "NNNNN",
    "wagtaildocs:delete": "ADDDA",
    "wagtaildocs:delete_multiple": "NNNNN",
    "wagtaildocs:delete_upload_multiple": "NNNNN",
    "wagtaildocs:document_usage": "ADDDA",
    "wagtaildocs:edit": "ADDDA",
    "wagtaildocs:edit_multiple": "NNNNN",
    "wagtailimages:create_multiple_from_uploaded_image": "NNNNN",
    "wagtailimages:delete": "ADDDA",
    "wagtailimages:delete_multiple": "NNNNN",
    "wagtailimages:delete_upload_multiple": "NNNNN",
    "wagtailimages:edit": "ADDDA",
    "wagtailimages:edit_multiple": "NNNNN",
    "wagtailimages:image_usage": "ADDDA",
    "wagtailimages:preview": "ADDDA",
    "wagtailimages:url_generator": "NDDDN",
    "wagtailimages:url_generator_output": "NDDDN",
    "wagtailimages_chooser:select_format": "AAAAA",
    "wagtailredirects:delete": "DDDDD",
    "wagtailredirects:edit": "DDDDD",
    # Staff profiles (which ward a member of staff works for): superusers only.
    "content_syncrun:index": "AAAAA",
    "content_syncrun:index_results": "AAAAA",
    "content_syncrun:inspect": "AAAAA",
    # Feedback reports: the office and leaders handle them (and may open personal data, each
    # opening logged); portal admins see the queue and keep the categories. Nobody adds or
    # deletes a report in the admin.
    "feedback_category:add": "DDDDA",
    "feedback_category:delete": "DDDDD",
    "feedback_category:edit": "DDDDA",
    "feedback_category:history": "DDDDA",
    "feedback_category:history_results": "DDDDA",
    "feedback_category:index": "DDDDA",
    "feedback_category:index_results": "DDDDA",
    "feedback_category:usage": "DDDDA",
    "feedback_report:add": "DDDDD",
    "feedback_report:delete": "DDDDD",
    "feedback_report:edit": "DADAD",
    "feedback_report:history": "DADAD",
    "feedback_report:history_results": "DADAD",
    "feedback_report:index": "DADAA",
    "feedback_report:index_results": "DADAA",
    "feedback_report:personal": "DADAD",
    "feedback_report:photo": "DADAD",
    "feedback_report:usage": "DADAD",
    "feedback_usefulness:index": "DADAA",
    "feedback_usefulness:index_results": "DADAA",
    "feedback_usefulness:inspect": "DADAA",
    # The dashboard's inputs: the office and portal admins type paper figures and load case
    # statistics from a file; leaders look at the figures and their history.
    "dashboard_import_case_stats": "DADDA",
    "dashboard_manualfigure:add": "DADDA",
    "dashboard_manualfigure:delete": "DADDA",
    "dashboard_manualfigure:edit": "DADDA",
    "dashboard_manualfigure:history": "DADAA",
    "dashboard_manualfigure:history_results": "DADAA",
    "dashboard_manualfigure:index": "DADAA",
    "dashboard_manualfigure:index_results": "DADAA",
    "dashboard_manualfigure:usage": "DADDA",
    "tthc_export_catalogue": "AAAAA",
    "tthc_procedure:index": "AAAAA",
    "tthc_procedure:index_results": "AAAAA",
    "tthc_procedure:inspect": "AAAAA",
    "tthc_upload_catalogue": "DDDDA",
    # QR codes (list, one code with its scans per place, posters) and the comments left with
    # the one-stop desk's satisfaction votes: every role may look, nobody may change them.
    "content_shortlink:index": "AAAAA",
    "content_shortlink:index_results": "AAAAA",
    "content_shortlink:inspect": "AAAAA",
    "content_shortlink:poster": "AAAAA",
    "content_shortlink:poster_sheet": "AAAAA",
    "content_satisfactioncomment:index": "AAAAA",
    "content_satisfactioncomment:index_results": "AAAAA",
    "content_satisfactioncomment:inspect": "AAAAA",
    "sitesearch_popular:add": "DDDDA",
    "sitesearch_popular:delete": "DDDDA",
    "sitesearch_popular:edit": "DDDDA",
    "sitesearch_popular:history": "DDDDA",
    "sitesearch_popular:history_results": "DDDDA",
    "sitesearch_popular:index": "DDDDA",
    "sitesearch_popular:index_results": "DDDDA",
    "sitesearch_popular:usage": "DDDDA",
    "sitesearch_promotion:add": "DDDDA",
    "sitesearch_promotion:delete": "DDDDA",
    "sitesearch_promotion:edit": "DDDDA",
    "sitesearch_promotion:history": "DDDDA",
    "sitesearch_promotion:history_results": "DDDDA",
    "sitesearch_promotion:index": "DDDDA",
    "sitesearch_promotion:index_results": "DDDDA",
    "sitesearch_promotion:usage": "DDDDA",
    "sitesearch_report": "AAAAA",
    "content_staffprofile:add": "DDDDD",
    "content_staffprofile:copy": "DDDDD",
    "content_staffprofile:delete": "DDDDD",
    "content_staffprofile:edit": "DDDDD",
    "content_staffprofile:history": "DDDDD",
    "content_staffprofile:history_results": "DDDDD",
    "content_staffprofile:index": "DDDDD",
    "content_staffprofile:index_results": "DDDDD",
    "content_staffprofile:usage": "DDDDD",
    # Education data (schools, school years and zones, private pre-school groups): the
    # culture-society specialists of the ward keep it, with the portal admins.
    "society_school:add": "ADDDA",
    "society_school:delete": "ADDDA",
    "society_school:edit": "ADDDA",
    "society_school:history": "ADDDA",
    "society_school:history_results": "ADDDA",
    "society_school:index": "ADDDA",
    "society_school:index_results": "ADDDA",
    "society_school:usage": "ADDDA",
    "society_schoolyear:add": "ADDDA",
    "society_schoolyear:delete": "ADDDA",
    "society_schoolyear:edit": "ADDDA",
    "society_schoolyear:history": "ADDDA",
    "society_schoolyear:history_results": "ADDDA",
    "society_schoolyear:index": "ADDDA",
    "society_schoolyear:index_results": "ADDDA",
    "society_schoolyear:usage": "ADDDA",
    "society_enrolmentzone:add": "ADDDA",
    "society_enrolmentzone:delete": "ADDDA",
    "society_enrolmentzone:edit": "ADDDA",
    "society_enrolmentzone:history": "ADDDA",
    "society_enrolmentzone:history_results": "ADDDA",
    "society_enrolmentzone:index": "ADDDA",
    "society_enrolmentzone:index_results": "ADDDA",
    "society_enrolmentzone:usage": "ADDDA",
    "society_privatepreschool:add": "ADDDA",
    "society_privatepreschool:delete": "ADDDA",
    "society_privatepreschool:edit": "ADDDA",
    "society_privatepreschool:history": "ADDDA",
    "society_privatepreschool:history_results": "ADDDA",
    "society_privatepreschool:index": "ADDDA",
    "society_privatepreschool:index_results": "ADDDA",
    "society_privatepreschool:usage": "ADDDA",
    # Site settings: the ward's own row, edited by portal admins only.
    "wagtailsettings:edit": "DDDDA",
    "wagtailsettings:preview_on_edit": "DDDDN",  # settings have no preview here
    # The bulk confirmation opens, listing the pages this user may not publish; the POST is
    # refused (test_workflow.test_specialist_cannot_publish_through_bulk_actions).
    "wagtail_bulk_action": "AAAAA",
    # Two-factor sign-in (staffauth; tests/test_staffauth_second_factor.py): the second step
    # and enrolment open for everyone (the second step sends who has no device to enrolment,
    # recovery codes to enrolment until an app is enrolled); resetting another member's
    # devices is for superusers only, and no role group is one.
    "staffauth_verify": "AAAAA",
    "staffauth_setup": "AAAAA",
    "staffauth_recovery_codes": "AAAAA",
    "staffauth_reset": "DDDDD",
}


def test_every_admin_url_has_an_expectation():
    """Row 6 of section (b) of the reliability checklist."""
    # wagtailadmin_error_test raises on purpose, to test error reporting; it is not a view.
    unknown = sorted(set(admin_url_names()) - set(EXPECTED) - {"wagtailadmin_error_test"})
    assert unknown == [], "give these admin URLs an expectation in tests/test_admin_matrix.py"


def make_objects(section, page, member):
    """One of each kind of object the remaining admin URLs act on, in the section's collection."""
    collection = Collection.objects.get(name=section.title)
    png = io.BytesIO()
    PILImage.new("RGB", (40, 30), "red").save(png, "PNG")
    image = get_image_model().objects.create(
        title="Ảnh minh họa",
        collection=collection,
        file=SimpleUploadedFile("anh.png", png.getvalue(), content_type="image/png"),
    )
    document = get_document_model().objects.create(
        title="Kế hoạch",
        collection=collection,
        file=SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 demo", content_type="application/pdf"),
    )
    redirect = Redirect.objects.create(old_path="/cu", redirect_page=page)
    upload = UploadedFile.objects.create(
        file=SimpleUploadedFile("tai-len.pdf", b"%PDF-1.4", content_type="application/pdf"),
        for_content_type=ContentType.objects.get_for_model(get_document_model()),
        uploaded_by_user=member,
    )
    session = EditingSession.objects.create(
        user=member,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(page.pk),
        last_seen_at=timezone.now(),
    )
    promotion = SearchPromotion.objects.create(
        site=section.get_site(), query="tiêm chủng", page=page
    )
    popular = PopularSearch.objects.create(site=section.get_site(), query="tiêm chủng")
    run = SyncRun.objects.create(source="tthc.catalogue")
    sync.apply([normalise(item())], run)
    comment = SatisfactionComment.objects.create(
        page=SatisfactionPage.objects.get(), day=timezone.localdate(), score=4, text="Nhanh gọn"
    )
    return {
        "code": ShortLink.objects.get(page=page).code,
        "short_link_id": ShortLink.objects.get(page=page).pk,
        "comment_id": comment.pk,
        "sync_run_id": run.pk,
        "promotion_id": promotion.pk,
        "popular_search_id": popular.pk,
        "procedure_id": Procedure.objects.get().pk,
        "image_id": image.pk,
        "doc_id": document.pk,
        "uploaded_file_id": upload.pk,
        "filter_spec": "max-100x100",
        "collection_id": collection.pk,
        "session_id": session.pk,
        "object_id": str(page.pk),
        "uidb64": urlsafe_base64_encode(force_bytes(member.pk)),
        "token": default_token_generator.make_token(member),
        "page_pk": section.get_site().root_page_id,
        "workflow_pk": Workflow.objects.first().pk,
        "redirect_pk": redirect.pk,
        "redirect_id": redirect.pk,
        "document_id": document.pk,
    }


def url_for(name, page, section, objects):
    try:
        return reverse(name)
    except NoReverseMatch:
        pass
    candidates = page_url_kwargs(None, page, section, page.get_latest_revision())
    candidates.update(objects)
    by_prefix = {
        "content_raciactivity:": lambda: RaciActivity.objects.first().pk,
        "content_staffprofile:": lambda: StaffProfile.objects.first().pk,
        "content_syncrun:": lambda: objects["sync_run_id"],
        "dashboard_manualfigure:": lambda: ManualFigure.objects.first().pk,
        "feedback_report:": lambda: FeedbackReport.objects.first().pk,
        "feedback_report:photo": lambda: FeedbackPhoto.objects.first().pk,
        "feedback_category:": lambda: FeedbackCategory.objects.first().pk,
        "feedback_usefulness:": lambda: (
            PageUsefulness.objects.create(site=section.get_site(), page=page, useful=True).pk
        ),
        "content_shortlink:": lambda: objects["short_link_id"],
        "content_satisfactioncomment:": lambda: objects["comment_id"],
        "tthc_procedure:": lambda: objects["procedure_id"],
        "sitesearch_promotion:": lambda: objects["promotion_id"],
        "sitesearch_popular:": lambda: objects["popular_search_id"],
        "wagtailsnippets_content_place:": lambda: Place.objects.first().pk,
        "society_school:": lambda: School.objects.first().pk,
        "society_schoolyear:": lambda: SchoolYear.objects.first().pk,
        "society_enrolmentzone:": lambda: EnrolmentZone.objects.first().pk,
        "society_privatepreschool:": lambda: PrivatePreschool.objects.first().pk,
        "wagtailsnippetchoosers_content_place:": lambda: Place.objects.first().pk,
        "wagtailsnippets_society_healthevent:": lambda: HealthEvent.objects.first().pk,
        "wagtailsnippetchoosers_society_healthevent:": lambda: HealthEvent.objects.first().pk,
        "wagtailsnippets_society_hotspot:": lambda: HotSpot.objects.first().pk,
        "wagtailsnippetchoosers_society_hotspot:": lambda: HotSpot.objects.first().pk,
        "wagtailsites:": lambda: Site.objects.first().pk,
        "wagtailusers_groups:": lambda: Group.objects.get(name="Tư pháp").pk,
        "wagtailusers_users:": lambda: user("tuphap").pk,
        "staffauth_reset": lambda: user("tuphap").pk,
        "wagtailadmin_collections:": lambda: Collection.objects.filter(depth=2).first().pk,
        "wagtailimages:": lambda: objects["image_id"],
        "wagtaildocs:": lambda: objects["doc_id"],
        # The admin API's details, on the image and the document made above (the page's id
        # could match some demo image or document by chance).
        "wagtailadmin_api:images:": lambda: objects["image_id"],
        "wagtailadmin_api:documents:": lambda: objects["doc_id"],
        "wagtaildocs_chooser:": lambda: objects["doc_id"],
        "wagtailimages_chooser:": lambda: objects["image_id"],
        "wagtailredirects:": lambda: objects["redirect_pk"],
        "wagtailadmin_workflows:": lambda: (
            (Task if "task" in name else Workflow).objects.first().pk
        ),
    }
    for prefix, pk in by_prefix.items():
        if name.startswith(prefix):
            candidates["pk"] = pk()
    if not name.startswith("wagtailadmin_pages:"):
        candidates.update(
            {"app_name": "content", "model_name": "wardsettings", "app_label": "wagtailcore"}
        )
    if name == "wagtailadmin_editing_sessions:ping":
        candidates.update({"app_label": "wagtailcore", "model_name": "page"})
    if name.startswith("wagtailsettings:"):
        candidates.update({"app_label": "content", "pk": section.get_site().pk})
    if name == "wagtail_bulk_action":
        kwargs = {"app_label": "wagtailcore", "model_name": "page", "action": "publish"}
        return reverse(name, kwargs=kwargs) + f"?id={page.pk}"
    return reverse_with(name, candidates)


def answer(response):
    if response.status_code in (403,) or (
        response.status_code == 302 and response.url.rstrip("/").endswith("/admin")
    ):
        return "D"
    if response.status_code in (404, 405):
        return "N"
    if response.status_code in (200, 302):
        return "A"
    return str(response.status_code)


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_each_role_gets_the_expected_answer_from_every_admin_url(client, demo_ward, role_index):
    """Row 6, and row 9 (403 bodies), of section (b) of the reliability checklist."""
    section = SectionPage.objects.get(slug="van-hoa-xa-hoi")
    page = StandardPage.objects.get(slug="lich-tiem-chung-mo-rong")
    member = user(ROLES[role_index])
    objects = make_objects(section, page, member)
    # Row 9 of section (b) of the reliability checklist: a refusal (a 403 page, or Wagtail's
    # redirect to the dashboard with its message) names nobody else.
    others = [
        text
        for other in ROLES
        if other != ROLES[role_index]
        for text in (user(other).username, user(other).email, user(other).get_full_name())
        if text
    ]
    wrong, refusals = [], 0
    for name, expected in sorted(EXPECTED.items()):
        client.force_login(member)  # some URLs (login, logout) end the session
        response = client.get(url_for(name, page, section, objects))
        got = answer(response)
        if got != expected[role_index]:
            wrong.append(f"{name}: expected {expected[role_index]}, got {got}")
        if got == "D":
            refusals += 1
            told = response.content.decode() + " ".join(
                str(message) for message in get_messages(response.wsgi_request)
            )
            wrong += [f"{name}: the refusal names {text}" for text in others if text in told]
    assert wrong == [], "\n".join(wrong)
    assert refusals > 0


def test_an_anonymous_visitor_gets_no_admin_url(client, demo_ward):
    """Row 6 of section (b) of the reliability checklist (the anonymous column): every admin
    URL sends a visitor who has not signed in to the sign-in page, or answers 4xx; none
    answers 200. The sign-in, password-reset and logout pages (and the sign-in page's
    translations and icons) are for visitors."""
    section = SectionPage.objects.get(slug="van-hoa-xa-hoi")
    page = StandardPage.objects.get(slug="lich-tiem-chung-mo-rong")
    objects = make_objects(section, page, user("chuyenmon"))
    for_visitors = {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        # Assets of the sign-in page itself: the translations and the icons, the same for all.
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    }
    opened = []
    for name in sorted(set(EXPECTED) - for_visitors):
        client.logout()
        url = url_for(name, page, section, objects)
        response = client.get(url)
        signs_in = response.status_code == 302 and "/admin/login/" in response["Location"]
        if not (signs_in or 400 <= response.status_code < 500):
            opened.append(f"{name} {url}: {response.status_code}")
    assert opened == []


@pytest.mark.parametrize(
    ("url_name", "kwargs", "expected"),
    [
        ("wagtailadmin_explore", {"parent_page_id": "section"}, "ADDDA"),
        ("wagtailsnippets_content_place:list", {}, "DDDDA"),
        ("wagtailsnippets_society_healthevent:list", {}, "ADDDA"),
        ("wagtailadmin_reports:site_history", {}, "AAAAA"),
    ],
)
def test_exports_follow_the_same_rights_as_their_listings(
    client, demo_ward, url_name, kwargs, expected
):
    section = SectionPage.objects.get(slug="van-hoa-xa-hoi")
    url = reverse(url_name, kwargs=dict.fromkeys(kwargs, section.pk)) + "?export=csv"
    for role, want in zip(ROLES, expected, strict=True):
        client.force_login(user(role))
        response = client.get(url)
        got = (
            "A"
            if response.status_code == 200 and "csv" in response["Content-Type"]
            else answer(response)
        )
        assert got == want, (role, url, response.status_code)


def test_a_superuser_assigns_staff_to_their_ward_in_the_admin(client, demo_ward, django_user_model):
    admin = django_user_model.objects.create_superuser("it", password="x-password-123")
    newcomer = django_user_model.objects.create_user("canbo-moi", password="x-password-123")
    client.force_login(admin)
    response = client.post(
        reverse("content_staffprofile:add"),
        {"user": newcomer.pk, "site": demo_ward.pk, "position": "Công chức Tư pháp – Hộ tịch"},
    )
    assert response.status_code == 302
    assert StaffProfile.objects.get(user=newcomer).site == demo_ward
