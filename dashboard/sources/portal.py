"""The portal's own activity (Source.PORTAL), counted from its models for recent months.

Posts are the pages with a source document and contact point (content.SourceAndContact:
articles, announcements …), by page kind (model name). A post is complete with a summary, a
source document (file or reference) and a contact point; it has an image when it has a cover
image or an image block in its body.

Pages due for review in a month are the ward's live pages one of whose review-by dates (the
current one, or one saved in an earlier revision) fell in that month, up to today; one is
reviewed on time when, by that date, a revision had set a later review-by date.
"""

import datetime
from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.utils import timezone
from wagtail.models import Page, Revision

from content.models import (
    BasePage,
    ChangeNote,
    DocumentDownload,
    SatisfactionVote,
    ShortLinkScan,
    SourceAndContact,
)
from content.models.satisfaction import SATISFIED_FROM
from feedback.models import PageUsefulness
from sitesearch.models import SearchQueryDay

from ..models import Source
from . import base
from .feedback import recent_months


def post_models():
    """Concrete page models that are posts (they have a source document and a contact)."""
    found, stack = [], list(SourceAndContact.__subclasses__())
    while stack:
        model = stack.pop()
        stack.extend(model.__subclasses__())
        if not model._meta.abstract and issubclass(model, Page) and model not in found:
            found.append(model)
    return sorted(found, key=lambda m: m._meta.model_name)


def counts(site, period, today=None):
    """{(metric, breakdown): count} of ward ``site`` for the month ``period``."""
    today = today or timezone.localdate()
    start, end = period, base.next_month(period)
    start_at, end_at = _aware(start), _aware(end)
    root = site.root_page
    values = {}

    def put(metric, value, breakdown=""):
        if value:
            values[(metric, breakdown)] = values.get((metric, breakdown), 0) + int(value)

    for model in post_models():
        kind = model._meta.model_name
        for post in (
            model.objects.live()
            .descendant_of(root)
            .filter(first_published_at__gte=start_at, first_published_at__lt=end_at)
        ):
            put("posts_published", 1, kind)
            complete = (
                post.intro.strip()
                and (post.source_reference.strip() or post.source_document_id)
                and post.contact_point.strip()
            )
            put("posts_complete", 1 if complete else 0, kind)
            put("posts_with_image", 1 if _has_image(post) else 0, kind)

    due, on_time = _reviews(root, start, min(end, today + datetime.timedelta(days=1)))
    put("pages_review_due", due)
    put("pages_reviewed_on_time", on_time)

    put(
        "corrections",
        ChangeNote.objects.filter(
            page__path__startswith=root.path,
            is_correction=True,
            published_at__gte=start_at,
            published_at__lt=end_at,
        ).count(),
    )
    put(
        "form_downloads",
        DocumentDownload.objects.filter(site=site, day__gte=start, day__lt=end).aggregate(
            n=Sum("count")
        )["n"],
    )
    for place, scans in (
        ShortLinkScan.objects.filter(link__site=site, day__gte=start, day__lt=end)
        .values_list("place__name")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        put("qr_scans", scans, place or "")
    answers = PageUsefulness.objects.filter(
        site=site, created_at__gte=start_at, created_at__lt=end_at
    ).aggregate(total=Count("pk"), useful=Count("pk", filter=Q(useful=True)))
    put("page_answers", answers["total"])
    put("page_useful", answers["useful"])
    votes = SatisfactionVote.objects.filter(
        page__path__startswith=root.path, day__gte=start, day__lt=end
    ).aggregate(total=Sum("count"), satisfied=Sum("count", filter=Q(score__gte=SATISFIED_FROM)))
    put("desk_votes", votes["total"])
    put("desk_satisfied", votes["satisfied"])
    searches = SearchQueryDay.objects.filter(site=site, day__gte=start, day__lt=end).aggregate(
        total=Sum("count"), empty=Sum("count", filter=Q(results=0))
    )
    put("searches", searches["total"])
    put("searches_without_result", searches["empty"])
    return values


def compute(site, months=2, today=None):
    """Recompute the last ``months`` months (this one included); returns the SyncRun."""
    periods = recent_months(months, today)
    return base.run(
        site,
        Source.PORTAL,
        lambda: {period: counts(site, period, today) for period in periods},
        "Cổng thông tin phường",
    )


def _has_image(post):
    if getattr(post, "image_id", None):
        return True
    body = getattr(post, "body", None)
    return any(block.get("type") == "image" for block in getattr(body, "raw_data", []) or [])


def _reviews(root, start, end):
    """(pages due, pages reviewed on time) for review-by dates in [start, end)."""
    if end <= start:
        return 0, 0
    pages = {}
    for model in _subclasses(BasePage):
        for pk, review_by in (
            model.objects.live().descendant_of(root).values_list("pk", "review_by")
        ):
            pages[str(pk)] = review_by
    history = defaultdict(list)  # page id → [(saved on, review-by date set)]
    revisions = Revision.objects.filter(
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        object_id__in=list(pages),
    ).values_list("object_id", "created_at", "content__review_by")
    for object_id, created_at, review_by in revisions.iterator():
        date = _date(review_by)
        if date:
            history[object_id].append((timezone.localtime(created_at).date(), date))
    due = on_time = 0
    for object_id, current in pages.items():
        dates = {d for _, d in history[object_id]} | ({current} if current else set())
        for deadline in sorted(d for d in dates if start <= d < end):
            due += 1
            # Reviewed: a later date was saved after this one was set, and by this date.
            set_on = min((s for s, d in history[object_id] if d == deadline), default=None)
            if any(
                (set_on is None or set_on <= saved) and saved <= deadline < later
                for saved, later in history[object_id]
            ):
                on_time += 1
    return due, on_time


def _subclasses(model):
    found, stack = [], list(model.__subclasses__())
    while stack:
        sub = stack.pop()
        stack.extend(sub.__subclasses__())
        if not sub._meta.abstract and not sub._meta.proxy and sub not in found:
            found.append(sub)
    return found


def _date(value):
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _aware(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
