"""Every admin URL, with the arguments to call it on the demo ward (tests/test_admin_matrix.py)."""

from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse


def admin_url_names():
    """Names (with namespace) of every URL under /admin/, and their routes."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif pattern.name:
                yield namespace + pattern.name, prefix + str(pattern.pattern)

    return {
        name: route
        for name, route in walk(get_resolver().url_patterns)
        if route.startswith("admin/")
    }


def page_url_kwargs(name, page, section, revision, task_state=None):
    """Arguments for the page URLs (wagtailadmin_pages:*), aimed at ``page`` in ``section``."""
    common = {
        "page_id": page.pk,
        "parent_page_id": section.pk,
        "page_to_move_id": page.pk,
        "destination_id": section.pk,
        "revision_id": revision.pk,
        "pk": page.pk,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "content_type_app_name": "content",
        "content_type_model_name": "standardpage",
        "app_label": "content",
        "model_name": "standardpage",
        "action_name": "approve",
        "task_state_id": task_state.pk if task_state else 0,
        "task_id": task_state.task_id if task_state else 0,
        "workflow_state_id": task_state.workflow_state_id if task_state else 0,
    }
    return common


def reverse_with(name, candidates):
    """Reverse ``name`` with the subset of ``candidates`` its pattern takes."""
    namespace, _, short = name.rpartition(":")
    resolver = get_resolver()
    for part in namespace.split(":") if namespace else []:
        resolver = resolver.namespace_dict[part][1]
    for possibility, _pattern, _defaults, _converters in resolver.reverse_dict.getlist(short):
        for _result, params in possibility:
            try:
                return reverse(name, kwargs={k: candidates[k] for k in params})
            except (KeyError, NoReverseMatch):
                continue
    raise NoReverseMatch(name)
