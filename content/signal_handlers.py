"""Reactions to publishing and to workflow steps (connected in ContentConfig.ready)."""

from wagtail.documents.models import document_served
from wagtail.models import Site, TaskState, WorkflowState
from wagtail.signals import (
    page_published,
    post_page_move,
    task_approved,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from .models import (
    BasePage,
    ChangeNote,
    DocumentDownload,
    RaciActivity,
    SectionPage,
    ShortLink,
)
from .notifications import notify, ward_members


def record_publication(sender, instance, revision, **kwargs):
    """Step 5: keep the public change note of every publication after the first, and give the
    page its review-by date and owner group when it has none."""
    page = instance
    if not isinstance(page, BasePage):
        return
    updates = {}
    if not page.review_by:
        updates["review_by"] = page.default_review_date()
    if not page.owner_group_id:
        owner = (
            SectionPage.objects.ancestor_of(page)
            .filter(owner_group__isnull=False)
            .order_by("-depth")
            .values_list("owner_group_id", flat=True)
            .first()
        )
        if owner:
            updates["owner_group_id"] = owner
    previous = (
        revision
        and type(page)
        .objects.filter(pk=page.pk)
        .values_list("first_published_at", flat=True)
        .first()
    )
    is_first = previous is None or previous == page.last_published_at
    note = (page.change_note or "").strip()
    if note and not is_first and not ChangeNote.objects.filter(revision=revision).exists():
        ChangeNote.objects.create(
            page=page,
            revision=revision,
            text=note,
            is_correction=page.is_correction,
            published_at=page.last_published_at,
        )
    if updates:
        type(page).objects.filter(pk=page.pk).update(**updates)


def give_short_link(sender, instance, **kwargs):
    """Every published page has a permanent short link for QR codes, which remembers where
    the page is (for the helpful page shown once it is gone)."""
    ShortLink.for_page(instance).remember(instance, instance.get_site())


def remember_move(sender, instance, **kwargs):
    link = ShortLink.objects.filter(page=instance).first()
    if link:
        link.remember(instance.specific_deferred, instance.get_site())


def _page(state):
    obj = (
        state.content_object
        if isinstance(state, WorkflowState)
        else state.workflow_state.content_object
    )
    return obj.specific if hasattr(obj, "specific") else obj


def on_task_submitted(sender, instance, user=None, **kwargs):
    """The approvers of the step now reached are told it waits for them."""
    task = instance.task.specific
    page = _page(instance)
    requester = instance.workflow_state.requested_by_id
    notify(
        ward_members(list(task.groups.all()), page, exclude_user_ids=[requester]),
        page,
        f"«{page.title}» chờ bạn ở {task.name}.",
    )


def on_task_approved(sender, instance, user=None, **kwargs):
    """The groups Consulted or Informed at this step hear that it is done (RACI)."""
    task = instance.task.specific
    step = getattr(task, "raci_step", None)
    if step is None:
        return
    page = _page(instance)
    groups = set()
    for activity in RaciActivity.objects.filter(step=step).prefetch_related(
        "consulted", "informed"
    ):
        groups.update(activity.consulted.all())
        groups.update(activity.informed.all())
    notify(
        ward_members(list(groups), page, exclude_user_ids=[user.pk if user else None]),
        page,
        f"«{page.title}» đã qua {task.name}.",
    )


def on_workflow_approved(sender, instance, user=None, **kwargs):
    page = _page(instance)
    requester = instance.requested_by
    if requester and requester != user:
        notify([requester], page, f"«{page.title}» đã được duyệt và đăng tải.")


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    page = _page(instance)
    requester = instance.requested_by
    state = instance.current_task_state
    comment = f" Ý kiến: {state.comment}" if state and state.comment else ""
    if requester:
        notify([requester], page, f"«{page.title}» cần chỉnh sửa.{comment}")


def count_download(sender, instance, request, **kwargs):
    """Every serving of a document (a form, an attachment) counts for the dashboard."""
    site = Site.find_for_request(request)
    if site is not None:
        DocumentDownload.record(instance, site)


def register_signal_handlers():
    """Connect our handlers. The workflow ones take the dispatch uids under which Wagtail's
    admin connects its own e-mail notifiers: this app is ready before wagtail.admin, so
    Wagtail's later connect finds the uid taken and adds nothing. Wagtail's notifiers e-mail
    every member of a group in every ward, inside the request; ours are ward-aware and
    leave after commit (tests/test_workflow.py checks that Wagtail's are not connected)."""
    page_published.connect(record_publication, dispatch_uid="content_record_publication")
    page_published.connect(give_short_link, dispatch_uid="content_give_short_link")
    post_page_move.connect(remember_move, dispatch_uid="content_remember_move")
    task_submitted.connect(
        on_task_submitted,
        sender=TaskState,
        dispatch_uid="group_approval_task_submitted_email_notification",
    )
    workflow_approved.connect(
        on_workflow_approved,
        sender=WorkflowState,
        dispatch_uid="workflow_state_approved_email_notification",
    )
    workflow_rejected.connect(
        on_workflow_rejected,
        sender=WorkflowState,
        dispatch_uid="workflow_state_rejected_email_notification",
    )
    # Submission is announced through task_submitted for the first step.
    workflow_submitted.connect(
        _ignore, sender=WorkflowState, dispatch_uid="workflow_state_submitted_email_notification"
    )
    task_approved.connect(on_task_approved, sender=TaskState, dispatch_uid="content_task_approved")
    document_served.connect(count_download, dispatch_uid="content_count_download")
    from .front_purge import register as register_front_purge

    register_front_purge()
    from .page_parts import register as register_page_parts

    register_page_parts()


def _ignore(sender, **kwargs):
    return None
