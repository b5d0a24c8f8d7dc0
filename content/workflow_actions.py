"""Workflow rules beyond Wagtail's: publishing at the end, and re-review after changes."""

import json
import re


def publish_workflow_state(workflow_state, user=None):
    """Publish (or schedule, when a go-live time is set) the latest revision in the name of the
    approver of the last step. No role holds Wagtail's publish permission, so that nothing
    bypasses the workflow: the completed workflow is the authority, and the check is skipped."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)


# Draftail adds a key to every rich-text block when the editor first saves it: not a change.
BLOCK_KEY = re.compile(r'\s+data-block-key=\\*"[^"\\]*\\*"')


def reviewed_content(revision, fields):
    """The reviewed fields of ``revision``, as comparable text."""
    if revision is None:
        return {}
    return {
        name: BLOCK_KEY.sub("", json.dumps(revision.content.get(name), sort_keys=True))
        for name in fields
    }


def restart_if_reviewed_content_changed(page, user):
    """Send ``page`` back to the first review step when what a reviewer approved has changed
    since (page.reviewed_fields: title, summary, body, sources…). Tags, SEO fields and review
    dates may change at step 4 without a new review. Returns True when it restarted."""
    from wagtail.models import TaskState  # not at import time: settings load this module early

    state = page.current_workflow_state
    if state is None:
        return False
    approved = (
        state.task_states.filter(status=TaskState.STATUS_APPROVED)
        .select_related("revision")
        .order_by("-finished_at")
        .first()
    )
    latest = page.get_latest_revision()
    if approved is None or latest is None or approved.revision_id == latest.pk:
        return False
    fields = page.specific_class.reviewed_fields
    if reviewed_content(approved.revision, fields) == reviewed_content(latest, fields):
        return False
    requester, workflow = state.requested_by, state.workflow
    state.cancel(user=user)
    workflow.start(page, requester)
    return True
