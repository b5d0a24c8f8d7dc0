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
from content.scoping import ward_collection
from dashboard.models import ManualFigure
from feedback.models import (
    FeedbackCategory,
    FeedbackPhoto,
    FeedbackReport,
    MessageText,
    NotificationDelivery,
    PageUsefulness,
)
from open311.models import ApiClient
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
    # «Phường/xã», every ward's state: the city's IT staff (superusers) only.
    "content_wards": "DDDDD",
    # «Toàn thành phố», every ward's workflow and feedback queue: the city role and superusers
    # (tests/test_city_role.py).
    "content_city": "DDDDD",
    "content_city_ward": "DDDDD",
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
    # Choosing an image: for those with rights on the ward's collections (issue 19: Wagtail's
    # install-wide rights on the root collection do not reach into a ward).
    "wagtailimages_chooser:chosen": "ADDDA",
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
    "wagtailimages_chooser:select_format": "ADDDA",
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
    # Messages to citizens (issue 21): the log for those who handle or oversee reports, the
    # texts for portal admins.
    "feedback_delivery:index": "DADAA",
    "feedback_delivery:index_results": "DADAA",
    "feedback_delivery:inspect": "DADAA",
    "feedback_messagetext:add": "DDDDA",
    "feedback_messagetext:delete": "DDDDA",
    "feedback_messagetext:edit": "DDDDA",
    "feedback_messagetext:history": "DDDDA",
    "feedback_messagetext:history_results": "DDDDA",
    "feedback_messagetext:index": "DDDDA",
    "feedback_messagetext:index_results": "DDDDA",
    "feedback_messagetext:usage": "DDDDA",
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
    # The Open311 API's clients and their keys: portal admins of the ward.
    "open311_client:add": "DDDDA",
    "open311_client:delete": "DDDDA",
    "open311_client:edit": "DDDDA",
    "open311_client:history": "DDDDA",
    "open311_client:history_results": "DDDDA",
    "open311_client:index": "DDDDA",
    "open311_client:index_results": "DDDDA",
    "open311_client:usage": "DDDDA",
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
    # A ward-only procedure (issue 20): portal admins of the ward (tthc.import_catalogue).
    "tthc_add_ward_procedure": "DDDDA",
    # Its facts corrected, on ward A's own procedure (a national one is refused, another
    # ward's not found: tests/test_tthc_city_catalogue.py).
    "tthc_edit_ward_procedure": "DDDDA",
    # «Thay đổi danh mục» (issue 20): read-only, each ward's own rows (the city's: all).
    "tthc_catalogue_change": "AAAAA",
    "tthc_catalogue_changes": "AAAAA",
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
    site = section.get_site()
    collection = ward_collection(site).get_children().get(name=section.title)
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
    national = Procedure.national().select_related("current").get()
    # One procedure of ward A's own (issue 20), whose facts its portal admins correct.
    own = Procedure.objects.create(code=Procedure.next_ward_code(site), ward=site)
    own_item = normalise(item(own.code, name="Xác nhận tham gia dân quân tự vệ"))
    own.current = sync.new_version(own, 1, own_item, national.current.field, "own")
    own.save(update_fields=["current"])
    comment = SatisfactionComment.objects.create(
        page=SatisfactionPage.objects.get(path__startswith=site.root_page.path),
        day=timezone.localdate(),
        score=4,
        text="Nhanh gọn",
    )
    report = FeedbackReport.objects.filter(site=site).first()
    entry = report.history.first()
    NotificationDelivery.objects.get_or_create(
        entry=entry,
        channel="sms",
        defaults={"site": site, "report": report, "status": entry.status, "key": f"m-{entry.pk}"},
    )
    MessageText.objects.get_or_create(site=site, status="dang_xu_ly", defaults={"text": "{ma}"})
    api_client = ApiClient.objects.filter(site=site).first()
    if api_client is None:
        api_client = ApiClient(site=site, name="Ứng dụng Phố Sạch")
        api_client.issue_key()
        api_client.save()
    return {
        "api_client_id": api_client.pk,
        "code": ShortLink.objects.get(page=page).code,
        "short_link_id": ShortLink.objects.get(page=page).pk,
        "comment_id": comment.pk,
        "sync_run_id": run.pk,
        "promotion_id": promotion.pk,
        "popular_search_id": popular.pk,
        "procedure_id": national.pk,
        "version_id": national.current_id,
        "ward_procedure_id": own.pk,
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
    candidates.setdefault("site_id", section.get_site().pk)
    by_prefix = {
        "content_raciactivity:": lambda: RaciActivity.objects.first().pk,
        "content_staffprofile:": lambda: StaffProfile.objects.first().pk,
        "content_syncrun:": lambda: objects["sync_run_id"],
        "dashboard_manualfigure:": lambda: ManualFigure.objects.first().pk,
        "feedback_report:": lambda: FeedbackReport.objects.first().pk,
        "feedback_report:photo": lambda: FeedbackPhoto.objects.first().pk,
        "feedback_category:": lambda: FeedbackCategory.objects.first().pk,
        "feedback_delivery:": lambda: NotificationDelivery.objects.first().pk,
        "feedback_messagetext:": lambda: MessageText.objects.first().pk,
        "open311_client:": lambda: objects["api_client_id"],
        "feedback_usefulness:": lambda: (
            PageUsefulness.objects.create(site=section.get_site(), page=page, useful=True).pk
        ),
        "content_shortlink:": lambda: objects["short_link_id"],
        "content_satisfactioncomment:": lambda: objects["comment_id"],
        "tthc_procedure:": lambda: objects["procedure_id"],
        "tthc_catalogue_change": lambda: objects["version_id"],
        "tthc_edit_ward_procedure": lambda: objects["ward_procedure_id"],
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
def test_each_role_gets_the_expected_answer_from_every_admin_url(client, second_ward, role_index):
    """Row 6, and row 9 (403 bodies), of section (b) of the reliability checklist. With a second
    ward beside the demo ward (issue 19), each role of the demo ward on its own ward's objects."""
    site = Site.objects.get(is_default_site=True)
    section = SectionPage.objects.get(slug="van-hoa-xa-hoi", path__startswith=site.root_page.path)
    page = StandardPage.objects.get(
        slug="lich-tiem-chung-mo-rong", path__startswith=site.root_page.path
    )
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
        response = client.get(ward_a_url_for(name, page, section, objects, site))
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


# --- Two wards (issue 19) ------------------------------------------------------------------------
# The demo ward is ward A; ``second_ward`` adds ward B with one account per role ("b-…"). Every
# admin URL is called by each role of ward B on ward A's objects (those of make_objects() and the
# demo's), each renamed to carry MARKER: no answer may show it. A URL that acts on one object of
# ward A answers 403/404 (D or N) to every role of B; a URL that lists (no argument, or only a
# model's name) or acts on an install-wide object answers as EXPECTED says, without A's data.

MARKER = "ZQXA"
# Admin URLs whose arguments name a model, not an object.
TYPE_LEVEL = {
    "wagtailadmin_pages:choose_parent",
    "wagtailadmin_pages:type_use",
    "wagtailadmin_pages:type_use_results",
    "wagtailadmin_tag_model_autocomplete",
    "wagtailadmin_editing_sessions:ping",
}
# Objects shared by every ward: workflows and their tasks, role groups, the procedure
# catalogue, feedback categories, the RACI matrix; the password-reset link of the caller.
INSTALL_WIDE = (
    "wagtailadmin_workflows:",
    "wagtailusers_groups:",
    "tthc_procedure:",
    "tthc_catalogue_change",
    "feedback_category:",
    "content_raciactivity:",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_editing_sessions:",
)


def mark_ward_a(site, page, objects):
    """Gives ward A's objects names carrying MARKER."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat

    Page.objects.filter(pk=page.pk).update(title=f"Trang {MARKER}", draft_title=f"Trang {MARKER}")
    ShortLink.objects.filter(site=site).update(last_title=f"Trang {MARKER}")
    get_image_model().objects.filter(pk=objects["image_id"]).update(title=f"Ảnh {MARKER}")
    get_document_model().objects.filter(pk=objects["doc_id"]).update(title=f"Tệp {MARKER}")
    Place.objects.filter(site=site).update(name=Concat(Value(f"Tổ {MARKER} "), "code"))
    FeedbackReport.objects.filter(site=site).update(
        public_title=f"Phản ánh {MARKER}", contact_name=f"Người {MARKER}"
    )
    HealthEvent.objects.filter(site=site).update(
        title=Concat(Value(f"Lịch {MARKER} "), Cast("pk", CharField()))
    )
    HotSpot.objects.filter(site=site).update(
        area=Concat(Value(f"Khu {MARKER} "), Cast("pk", CharField()))
    )
    School.objects.filter(site=site).update(
        name=Concat(Value(f"Trường {MARKER} "), Cast("pk", CharField()))
    )
    PrivatePreschool.objects.filter(site=site).update(
        name=Concat(Value(f"Nhóm trẻ {MARKER} "), Cast("pk", CharField()))
    )
    ManualFigure.objects.filter(site=site).update(note=f"Ghi chú {MARKER}")
    MessageText.objects.filter(site=site).update(text=f"Tin {MARKER} {{ma}}")
    NotificationDelivery.objects.filter(site=site).update(last_error=f"Lỗi {MARKER}")
    ApiClient.objects.filter(site=site).update(name=f"Ứng dụng {MARKER}")
    SatisfactionComment.objects.filter(pk=objects["comment_id"]).update(text=f"Ý kiến {MARKER}")
    SearchPromotion.objects.filter(site=site).update(description=f"Ghim {MARKER}")
    run = SyncRun.objects.create(source=f"dashboard.cases@{site.pk}", message=f"Lỗi {MARKER}")
    objects["sync_run_id"] = run.pk
    for username in ROLES:
        type(user(username)).objects.filter(username=username).update(last_name=MARKER)


def ward_a_url_for(name, page, section, objects, site):
    """url_for() aimed at ward A's own objects (the first row of ward A, not of any ward)."""
    mine = {
        "wagtailsnippets_content_place:": Place,
        "wagtailsnippetchoosers_content_place:": Place,
        "dashboard_manualfigure:": ManualFigure,
        "feedback_report:": FeedbackReport,
        "feedback_delivery:": NotificationDelivery,
        "feedback_messagetext:": MessageText,
        "open311_client:": ApiClient,
        "society_school:": School,
        "society_schoolyear:": SchoolYear,
        "society_privatepreschool:": PrivatePreschool,
        "wagtailsnippets_society_healthevent:": HealthEvent,
        "wagtailsnippetchoosers_society_healthevent:": HealthEvent,
        "wagtailsnippets_society_hotspot:": HotSpot,
        "wagtailsnippetchoosers_society_hotspot:": HotSpot,
    }
    for prefix, model in mine.items():
        if name.startswith(prefix) and name != "feedback_report:photo":
            candidates = dict(objects, pk=model.objects.filter(site=site).first().pk)
            try:
                return reverse_with(name, candidates)
            except NoReverseMatch:
                break
    if name.startswith("society_enrolmentzone:"):
        zone = EnrolmentZone.objects.filter(year__site=site).first()
        return reverse_with(name, dict(objects, pk=zone.pk))
    if name.startswith("content_staffprofile:"):
        return reverse_with(name, {"pk": StaffProfile.objects.filter(site=site).first().pk})
    if name == "feedback_report:photo":
        photo = FeedbackPhoto.objects.filter(report__site=site).first()
        return reverse_with(name, {"pk": photo.pk})
    return url_for(name, page, section, objects)


# Lists with a CSV export.
EXPORTED = [
    "feedback_report:index",
    "feedback_usefulness:index",
    "dashboard_manualfigure:index",
    "wagtailsnippets_content_place:list",
    "wagtailsnippets_society_healthevent:list",
    "wagtailsnippets_society_hotspot:list",
    "society_school:index",
    "content_shortlink:index",
    "content_satisfactioncomment:index",
    "content_syncrun:index",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_pages:search",
]


def kind_of(name):
    if name in TYPE_LEVEL or name.startswith(INSTALL_WIDE):
        return "same"
    try:
        reverse(name)
    except NoReverseMatch:
        return "object"
    return "same"


def body_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_ward_b_reaches_nothing_of_ward_a(client, second_ward, role_index):
    """What it must show (issue 19): each role of ward B, on every admin URL aimed at ward A."""
    site_a = Site.objects.get(is_default_site=True)
    section = SectionPage.objects.get(slug="van-hoa-xa-hoi", path__startswith=site_a.root_page.path)
    page = StandardPage.objects.get(
        slug="lich-tiem-chung-mo-rong", path__startswith=site_a.root_page.path
    )
    objects = make_objects(section, page, user(ROLES[role_index]))
    mark_ward_a(site_a, page, objects)
    member = user("b-" + ROLES[role_index])
    objects["uidb64"] = urlsafe_base64_encode(force_bytes(member.pk))
    objects["token"] = default_token_generator.make_token(member)
    wrong = []
    for name, expected in sorted(EXPECTED.items()):
        client.force_login(member)
        url = ward_a_url_for(name, page, section, objects, site_a)
        response = client.get(url)
        got, kind = answer(response), kind_of(name)
        want = expected[role_index]
        if kind == "object" and got not in "DN":
            wrong.append(f"{name} ({url}): ward A's object answered {got}")
        elif kind == "same" and got != want:
            wrong.append(f"{name} ({url}): expected {want}, got {got}")
        if MARKER in body_of(response):
            wrong.append(f"{name} ({url}): shows ward A's data")
    for name in EXPORTED:
        client.force_login(member)
        response = client.get(reverse(name) + "?export=csv")
        if MARKER in body_of(response):
            wrong.append(f"{name} (CSV export): shows ward A's data")
    assert wrong == [], "\n".join(wrong)


def test_ward_a_data_is_visible_to_ward_a(client, second_ward):
    """The marker is where ward A's own staff look (so the test above can fail)."""
    site_a = Site.objects.get(is_default_site=True)
    page = StandardPage.objects.get(
        slug="lich-tiem-chung-mo-rong", path__startswith=site_a.root_page.path
    )
    section = page.get_parent()
    objects = make_objects(section, page, user("lanhdao"))
    mark_ward_a(site_a, page, objects)
    client.force_login(user("lanhdao"))
    assert MARKER in client.get(reverse("feedback_report:index")).content.decode()
    client.force_login(user("quantri"))
    assert MARKER in client.get(reverse("wagtailimages:index")).content.decode()
    assert MARKER in client.get(reverse("wagtailsnippets_content_place:list")).content.decode()
    export = client.get(reverse("wagtailsnippets_content_place:list") + "?export=csv")
    assert MARKER in body_of(export)


CITY_ROLE_LISTS = [
    "feedback_report:index",
    "dashboard_manualfigure:index",
    "wagtailsnippets_content_place:list",
    "wagtailsnippets_society_healthevent:list",
    "society_school:index",
    "content_shortlink:index",
]


def test_the_city_role_sees_every_ward_and_changes_nothing(client, second_ward):
    """«Thành phố – xem»: every ward's lists, no add, edit or delete (403 or Wagtail's
    redirect), and a POST changes nothing."""
    site_a = Site.objects.get(is_default_site=True)
    page = StandardPage.objects.get(
        slug="lich-tiem-chung-mo-rong", path__startswith=site_a.root_page.path
    )
    objects = make_objects(page.get_parent(), page, user("lanhdao"))
    mark_ward_a(site_a, page, objects)
    client.force_login(user("thanhpho"))
    for name in CITY_ROLE_LISTS:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert MARKER in response.content.decode(), name
    report = FeedbackReport.objects.filter(site=site_a).first()
    figure = ManualFigure.objects.filter(site=site_a).first()
    place = Place.objects.filter(site=site_a).first()
    for url in [
        reverse("feedback_report:edit", args=[report.pk]),
        reverse("feedback_report:personal", args=[report.pk]),
        reverse("dashboard_manualfigure:edit", args=[figure.pk]),
        reverse("dashboard_manualfigure:delete", args=[figure.pk]),
        reverse("dashboard_manualfigure:add"),
        reverse("wagtailsnippets_content_place:edit", args=[place.pk]),
        reverse("wagtailsnippets_content_place:delete", args=[place.pk]),
        reverse("wagtailsettings:edit", args=["content", "wardsettings", site_a.pk]),
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:delete", args=[page.pk]),
    ]:
        for method in (client.get, client.post):
            # Refused (403, Wagtail's redirect) or not found for a role that changes no ward's.
            assert answer(method(url, {})) in ("D", "N"), (method.__name__, url)
    report.refresh_from_db()
    assert report.public_title == f"Phản ánh {MARKER}"
    assert Place.objects.filter(pk=place.pk).exists()


SKIPPED_FOR_POST = {
    "wagtailadmin_logout",
    "wagtailadmin_login",
    "wagtailadmin_choose_page_external_link",
    "wagtailadmin_choose_page_email_link",
    "wagtailadmin_choose_page_phone_link",
    "wagtailadmin_choose_page_anchor_link",
}


def test_the_city_role_changes_nothing_through_any_admin_url(client, second_ward):
    """«Thành phố – xem» sends an empty POST to every admin URL (on ward A's objects): nothing
    is logged (every change made in the admin is), revised, added or deleted."""
    from wagtail.models import ModelLogEntry, PageLogEntry, Revision

    from content.models import WardSettings

    site = Site.objects.get(is_default_site=True)
    section = SectionPage.objects.get(slug="van-hoa-xa-hoi", path__startswith=site.root_page.path)
    page = StandardPage.objects.get(
        slug="lich-tiem-chung-mo-rong", path__startswith=site.root_page.path
    )
    objects = make_objects(section, page, user("quantri"))
    viewer = user("thanhpho")
    models = (
        ModelLogEntry,
        PageLogEntry,
        Revision,
        Page,
        Place,
        FeedbackReport,
        ManualFigure,
        get_image_model(),
        get_document_model(),
    )

    def counts():
        settings = WardSettings.objects.filter(site=site).values().first()
        return [model.objects.count() for model in models] + [settings]

    before = counts()
    for name in sorted(EXPECTED):
        # Signing in and out is not a change of data; the link choosers' forms store nothing
        # (and Wagtail 8's external-link form fails on an empty POST).
        if name in SKIPPED_FOR_POST:
            continue
        client.force_login(viewer)
        client.post(ward_a_url_for(name, page, section, objects, site), {})
    assert counts() == before
