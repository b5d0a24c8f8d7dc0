"""Posting the page editor as a browser would, for the workflow tests."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from content.models import StandardPage


def user(username):
    return get_user_model().objects.get(username=username)


def body_data(page):
    """The page's body as the editor posts it back, block ids included (paragraphs only)."""
    blocks = {}
    for index, child in enumerate(page.body):
        assert child.block_type == "paragraph", "the helper posts paragraph blocks only"
        blocks[str(index)] = {
            "type": "paragraph",
            "value": rich_text(child.value.source),
            "id": child.id,
            "deleted": "",
            "order": str(index),
        }
    blocks["count"] = str(len(page.body))
    return blocks


def standard_page_data(page=None, **overrides):
    """POST data of the StandardPage editor holding ``page``'s latest values (or new ones)."""
    if page is not None:
        page = page.get_latest_revision_as_object()
    values = {
        "title": page.title if page else "Thông báo mới",
        "slug": page.slug if page else "thong-bao-moi",
        "intro": page.intro if page else "Tóm tắt thông báo.",
        "body": body_data(page)
        if page
        else streamfield([("paragraph", rich_text("<p>Nội dung.</p>"))]),
        "source_reference": page.source_reference if page else "",
        "contact_point": page.contact_point if page else "",
        "change_note": page.change_note if page else "",
        "search_description": page.search_description if page else "",
        "seo_title": "",
        "tags": ", ".join(t.name for t in page.tags.all()) if page else "",
        "language": "vi",
        "comments": {
            "TOTAL_FORMS": "0",
            "INITIAL_FORMS": "0",
            "MIN_NUM_FORMS": "0",
            "MAX_NUM_FORMS": "1000",
        },
    }
    values.update(overrides)
    return nested_form_data(values)


def post_edit(client, page, action=None, workflow_action=None, **overrides):
    """Submit the editor of ``page``: plain save, an ``action-…`` button, or a workflow action."""
    data = standard_page_data(page, **overrides)
    if action:
        data[f"action-{action}"] = "1"
    if workflow_action:
        data["action-workflow-action"] = "1"
        data["workflow-action-name"] = workflow_action
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def post_add(client, parent, action=None, **overrides):
    data = standard_page_data(**overrides)
    if action:
        data[f"action-{action}"] = "1"
    url = reverse("wagtailadmin_pages:add", args=["content", "standardpage", parent.pk])
    return client.post(url, data)


def fresh(page):
    return StandardPage.objects.get(pk=page.pk)


def post_workflow_action(client, page, action="approve", comment=""):
    """Approve or reject the current step as the dashboard's and editor's action buttons do."""
    task_state = fresh(page).current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})
