"""The catalogue sync: one function that the management command and the Celery task call.

Upserts by code; a changed procedure gets a new ``ProcedureVersion`` and, in every ward, a new
page revision that only moves the page to that version (the ward's own fields are kept as
they are in the latest revision) and is sent to the ward's workflow; a procedure that left
the catalogue is marked not in force. Nothing is written unless the whole catalogue is valid,
and the run is logged in ``SyncRun`` either way.

Only the national catalogue is synced: a ward-only procedure (``Procedure.ward`` set) is never
read, changed, withdrawn or given pages in other wards.

The cost of a run is bounded by the catalogue, then by one ward at a time: the catalogue is
written in one transaction (its size does not depend on the wards), then each ward's pages in a
transaction of their own (bounded by the procedures). A ward's step is idempotent: it gives a
page to every procedure in force that has none, and a revision to every page whose latest
revision is behind the catalogue's version, so a run cut short in one ward is completed by the
next run. Each page costs one search-index and one reference-index update, not one per save
(``deferred_indexing``): on 126 wards × 41 procedures that was most of the 1,412 s.

A valid catalogue can still be cut short: an upstream that answered 5 items of 41 once marked
36 procedures not in force in one run. So a run that would withdraw more than
``TTHC_SYNC_MAX_WITHDRAW_SHARE`` of the procedures in force (and more than
``TTHC_SYNC_WITHDRAW_FLOOR``) writes nothing and is logged as «Dữ liệu bị từ chối», until a
person confirms it (``sync_procedures --confirm-withdrawals``, or the admin upload after its
preview).
"""

import contextlib
import logging
import threading
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import ReferenceIndex, Revision, WorkflowState
from wagtail.signal_handlers import disable_reference_index_auto_update

from content import front_purge, page_parts
from content.models import SyncRun
from content.text import ascii_slug
from content.upstream import UpstreamError

from . import catalogue as reader
from .models import Procedure, ProcedureField, ProcedureIndexPage, ProcedurePage, ProcedureVersion
from .models.pages import forget_listings

logger = logging.getLogger(__name__)

SOURCE = "tthc.catalogue"
LOCK_KEY = "tthc:sync-procedures"
LOCK_SECONDS = 60 * 60
SLUG_LENGTH = 80
# Which parts of a procedure a change note names, in the order citizens care about them.
CHANGE_LABELS = [
    ("fees", "phí, lệ phí"),
    ("documents", "thành phần hồ sơ"),
    ("processing_days", "thời hạn giải quyết"),
    ("processing_note", "thời hạn giải quyết"),
    ("level", "mức độ trực tuyến"),
    ("online_url", "đường dẫn nộp trực tuyến"),
    ("steps", "trình tự thực hiện"),
    ("name", "tên thủ tục"),
    ("field", "lĩnh vực"),
    ("legal_basis", "căn cứ pháp lý"),
    ("agency", "cơ quan giải quyết"),
    ("result", "kết quả"),
]


class SyncBusy(Exception):
    """Another sync is running."""


def sync_from_url(url, token="", *, publish_new=False, confirm_withdrawals=False, **options):
    return _run(
        lambda: reader.read_url(url, token, **options), url, publish_new, confirm_withdrawals
    )


def sync_from_file(path, *, publish_new=False, confirm_withdrawals=False):
    return _run(lambda: reader.read_file(path), str(path), publish_new, confirm_withdrawals)


def sync_from_items(catalogue, *, publish_new=False, confirm_withdrawals=False):
    """Apply a catalogue already read and checked (the admin upload, after its preview)."""
    return _run(lambda: catalogue, catalogue.origin, publish_new, confirm_withdrawals)


@dataclass
class Withdrawals:
    """What a catalogue would mark not in force, against what a run may do unconfirmed."""

    procedures: list  # the procedures in force that the catalogue lacks
    in_force: int
    allowed: int

    @property
    def too_many(self):
        return len(self.procedures) > self.allowed

    def refusal(self, received):
        codes = ", ".join(p.code for p in self.procedures[:10])
        more = f" và {len(self.procedures) - 10} thủ tục khác" if len(self.procedures) > 10 else ""
        share = round(100 * len(self.procedures) / self.in_force)
        return (
            f"Nguồn chỉ gửi {received} thủ tục: nếu nạp, {len(self.procedures)} trong "
            f"{self.in_force} thủ tục đang có hiệu lực ({share}%) sẽ bị đánh dấu không còn hiệu "
            f"lực, quá mức một lần đồng bộ được tự làm ({self.allowed} thủ tục; "
            f"TTHC_SYNC_MAX_WITHDRAW_SHARE, TTHC_SYNC_WITHDRAW_FLOOR). Nguồn có thể đã gửi "
            f"thiếu. Chưa ghi gì: danh mục giữ nguyên như lần đồng bộ thành công trước. Các thủ "
            f"tục sẽ bị đánh dấu: {codes}{more}. Nếu đúng là chúng đã bị bãi bỏ, người có quyền "
            f"xác nhận bằng lệnh «python manage.py sync_procedures --confirm-withdrawals» "
            f"hoặc nạp tệp danh mục trong «Danh mục thủ tục → Nạp danh mục từ tệp»."
        )


def withdrawals(items):
    """The procedures in force that ``items`` lacks, and how many a run may withdraw."""
    codes = {item["code"] for item in items}
    in_force = list(Procedure.national().filter(in_force=True).select_related("current"))
    gone = sorted((p for p in in_force if p.code not in codes), key=lambda p: p.code)
    allowed = max(
        settings.TTHC_SYNC_WITHDRAW_FLOOR,
        int(settings.TTHC_SYNC_MAX_WITHDRAW_SHARE * len(in_force)),
    )
    return Withdrawals(gone, len(in_force), allowed)


@dataclass
class Preview:
    """What applying a catalogue would do, without doing it."""

    new: list
    changed: list
    unchanged: int
    withdrawn: list
    # More withdrawn than a run may do unconfirmed: loading the file confirms them.
    too_many_withdrawn: bool = False


def preview(items):
    known = {p.code: p for p in Procedure.national().select_related("current")}
    new, changed, unchanged = [], [], 0
    for item in items:
        procedure = known.get(item["code"])
        if procedure is None:
            new.append(item)
        elif procedure.current.fingerprint != reader.fingerprint(item) or not procedure.in_force:
            changed.append(item)
        else:
            unchanged += 1
    gone = withdrawals(items)
    return Preview(new, changed, unchanged, gone.procedures, gone.too_many)


def _run(read, origin, publish_new, confirm_withdrawals):
    if not cache.add(LOCK_KEY, "1", LOCK_SECONDS):
        raise SyncBusy("Đang có một lần đồng bộ danh mục khác chạy; thử lại sau.")
    try:
        run = SyncRun.objects.create(source=SOURCE, origin=origin.split("?")[0][:500])
        try:
            result = read()
        except UpstreamError as error:
            run.finish(SyncRun.Status.FAILED, str(error))
            run.retryable = error.retryable
            log = logger.warning if error.retryable else logger.error
            log("catalogue sync failed", extra={"run": run.pk, "error": str(error)})
            return run
        if result.errors:
            run.rejected = result.rejected
            run.finish(SyncRun.Status.REJECTED, "\n".join(result.errors[:100]))
            logger.warning("catalogue rejected", extra={"run": run.pk, "rejected": result.rejected})
            return run
        gone = withdrawals(result.items)
        if gone.too_many and not confirm_withdrawals:
            run.finish(SyncRun.Status.REJECTED, gone.refusal(len(result.items)))
            logger.warning(
                "catalogue refused: too many withdrawals",
                extra={"run": run.pk, "withdrawn": len(gone.procedures), "in_force": gone.in_force},
            )
            return run
        try:
            apply(result.items, run, publish_new=publish_new)
        except WardFailed as error:
            # The catalogue is written; the wards not done get their pages on the next run.
            run.finish(SyncRun.Status.FAILED, str(error))
            logger.exception("catalogue sync crashed in a ward", extra={"run": run.pk})
            raise
        except Exception as error:
            run.created = run.changed = run.unchanged = run.withdrawn = 0
            run.finish(SyncRun.Status.FAILED, f"Lỗi khi ghi dữ liệu: {error}")
            logger.exception("catalogue sync crashed", extra={"run": run.pk})
            raise
        run.finish(SyncRun.Status.SUCCESS, run.summary())
        logger.info("catalogue synced", extra={"run": run.pk, "counts": run.counts()})
        return run
    finally:
        cache.delete(LOCK_KEY)


class WardFailed(Exception):
    """The catalogue was written, but one ward's pages could not be."""


def apply(items, run, *, publish_new=False):
    """Write a validated, normalised catalogue (one transaction), then bring every ward's
    pages to it (one transaction per ward). Counts go on ``run``."""
    with transaction.atomic():
        procedures, changed = _apply_catalogue(items, run)
    for index_page in ProcedureIndexPage.objects.all():
        try:
            with transaction.atomic():
                _update_ward(index_page, procedures, changed, publish_new)
        except Exception as error:
            site = index_page.get_site()
            raise WardFailed(
                f"Đã ghi danh mục nhưng lỗi khi cập nhật trang của "
                f"{site.site_name if site else index_page.title}: {error}. Lần đồng bộ sau sẽ "
                f"làm tiếp các phường còn thiếu."
            ) from error
        if run.withdrawn or run.created:  # pages and lists show what is in force
            front_purge.purge(front_purge.listing_urls(index_page))
    if run.withdrawn or run.created or run.changed:
        page_parts.changed()  # procedure pages keep their procedure (ProcedurePage.get_context)
    # The lists' counts: once for the whole run (now, and again when it commits).
    forget_listings()


def _apply_catalogue(items, run):
    now = timezone.now()
    fields = {f.name: f for f in ProcedureField.objects.all()}
    known = {p.code: p for p in Procedure.national().select_related("current", "current__field")}
    changed = {}  # procedure id → names of changed parts
    for item in items:
        field = fields.get(item["field"]) or _new_field(item["field"], fields)
        procedure = known.get(item["code"])
        digest = reader.fingerprint(item)
        if procedure is None:
            procedure = Procedure.objects.create(code=item["code"], last_seen_at=now)
            procedure.current = new_version(procedure, 1, item, field, digest)
            procedure.save(update_fields=["current"])
            known[procedure.code] = procedure
            run.created += 1
            continue
        updates = {"last_seen_at": now}
        if procedure.current.fingerprint != digest:
            previous = procedure.current
            procedure.current = new_version(procedure, next_number(procedure), item, field, digest)
            updates["current"] = procedure.current
            changed[procedure.pk] = _changed_parts(previous, procedure.current)
            run.changed += 1
        elif not procedure.in_force:
            run.changed += 1
        else:
            run.unchanged += 1
        if not procedure.in_force:
            updates.update(in_force=True, withdrawn_at=None)
            procedure.in_force = True
        Procedure.objects.filter(pk=procedure.pk).update(**updates)

    codes = {item["code"] for item in items}
    gone = Procedure.national().filter(in_force=True).exclude(code__in=codes)
    run.withdrawn = gone.update(in_force=False, withdrawn_at=now)
    for procedure in known.values():
        if procedure.code not in codes:
            procedure.in_force = False
    return {p.pk: p for p in known.values()}, changed


def _new_field(name, fields):
    base = ascii_slug(name)[:90] or "linh-vuc"
    slug, n = base, 2
    while ProcedureField.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    fields[name] = ProcedureField.objects.create(name=name, slug=slug)
    return fields[name]


def next_number(procedure):
    """The number of ``procedure``'s next version."""
    return (
        procedure.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1


def new_version(procedure, number, item, field, digest):
    """A procedure's version as the catalogue item (normalised) says; also for a ward's own."""
    return ProcedureVersion.objects.create(
        procedure=procedure,
        number=number,
        fingerprint=digest,
        name=item["name"],
        field=field,
        level=item["level"],
        processing_days=Decimal(item["processing_days"]),
        processing_note=item["processing_note"],
        fees=item["fees"],
        documents=item["documents"],
        steps=item["steps"],
        legal_basis=item["legal_basis"],
        agency=item["agency"],
        result=item["result"],
        online_url=item["online_url"],
        upstream_updated_at=item["updated_at"],
    )


def _changed_parts(old, new):
    labels = []
    for attribute, label in CHANGE_LABELS:
        before, after = getattr(old, attribute), getattr(new, attribute)
        if attribute == "field":
            before, after = old.field_id, new.field_id
        if before != after and label not in labels:
            labels.append(label)
    return labels


def _update_ward(index_page, procedures, changed, publish_new):
    """Give one ward a page for every national procedure in force, and send every catalogue
    change its pages have not received into its workflow (also those a run cut short missed)."""
    pages = defaultdict(list)
    for page in ProcedurePage.objects.child_of(index_page).filter(procedure__in=procedures):
        pages[page.procedure_id].append(page)
    # The version each page's latest revision shows (the ward's draft), in one query.
    drafts = dict(
        Revision.objects.filter(
            pk__in=[p.latest_revision_id for group in pages.values() for p in group]
        ).values_list("object_id", "content__catalogue")
    )
    slugs = set(index_page.get_children().values_list("slug", flat=True))
    with deferred_indexing() as touched:
        for procedure in procedures.values():
            if procedure.pk not in pages and procedure.in_force:
                touched.append(_create_page(index_page, procedure, slugs, publish_new))
        behind = [
            page
            for procedure_id, group in pages.items()
            for page in group
            if drafts.get(str(page.pk), page.catalogue_id) != procedures[procedure_id].current_id
        ]
        old = ProcedureVersion.objects.in_bulk(
            {drafts.get(str(p.pk), p.catalogue_id) for p in behind if p.procedure_id not in changed}
        )
        for page in behind:
            procedure = procedures[page.procedure_id]
            parts = changed.get(procedure.pk)
            if parts is None:
                previous = old.get(drafts.get(str(page.pk), page.catalogue_id))
                parts = _changed_parts(previous, procedure.current) if previous else []
            _send_change_to_workflow(page, procedure, parts)
            touched.append(page)


_deferred = threading.local()


@contextlib.contextmanager
def deferred_indexing():
    """Inside: saving a procedure page updates neither the search index nor the reference
    index; the caller lists the pages it touched and each is indexed once on the way out.
    Wagtail saves a page three times to create, revise and publish it, and each save
    re-indexed it. Only this thread is affected."""
    _take_over_search_indexing()
    touched = []
    _deferred.active = True
    try:
        with disable_reference_index_auto_update():
            yield touched
    finally:
        _deferred.active = False
    if touched:
        from modelsearch.backends import get_search_backends

        fresh = list(ProcedurePage.objects.filter(pk__in=[p.pk for p in touched]))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(ProcedurePage, fresh)
        for page in fresh:
            ReferenceIndex.create_or_update_for_object(page)


_taken_over = False


def _take_over_search_indexing():
    """Route procedure pages' search-index updates through ``_index_on_save``, which skips
    them inside ``deferred_indexing`` (modelsearch connects its handler after our apps load)."""
    global _taken_over
    if _taken_over:
        return
    from modelsearch.signal_handlers import post_save_signal_handler

    if post_save.disconnect(post_save_signal_handler, sender=ProcedurePage):
        post_save.connect(_index_on_save, sender=ProcedurePage, dispatch_uid="tthc_index_on_save")
    _taken_over = True


def _index_on_save(instance, **kwargs):
    if getattr(_deferred, "active", False):
        return
    from modelsearch.signal_handlers import post_save_signal_handler

    post_save_signal_handler(instance, **kwargs)


def _create_page(index_page, procedure, slugs, publish_new):
    version = procedure.current
    base = _slug(version.name) or ascii_slug(procedure.code)
    slug = base if base not in slugs else f"{base}-{ascii_slug(procedure.code)}"
    slugs.add(slug)
    page = index_page.add_child(
        instance=ProcedurePage(
            title=version.name,
            slug=slug,
            procedure=procedure,
            catalogue=version,
            live=False,
        )
    )
    revision = page.save_revision(log_action=True, clean=False)
    if publish_new:
        revision.publish(skip_permission_checks=True)
    else:
        _start_workflow(page)
    return page


def _slug(name):
    slug = ascii_slug(name)
    if len(slug) <= SLUG_LENGTH:
        return slug
    return slug[:SLUG_LENGTH].rsplit("-", 1)[0]


NATIONAL_CHANGE_NOTE = "Cập nhật theo danh mục thủ tục quốc gia"


def _send_change_to_workflow(page, procedure, parts, prefix=NATIONAL_CHANGE_NOTE):
    """A new revision of ``page`` moved to ``procedure``'s current version (the ward's own
    fields as its latest revision has them), with a change note naming ``parts``, sent into
    the ward's workflow."""
    draft = page.get_latest_revision_as_object()
    draft.catalogue = procedure.current
    note = f"{prefix}: " + ", ".join(parts) + "."
    live_note = page.change_note if page.live else ""
    pending = draft.change_note if draft.change_note != live_note else ""
    draft.change_note = f"{pending} {note}".strip()[:300]
    draft.save_revision(log_action=True, changed=True, clean=False)
    _start_workflow(page)


def _start_workflow(page):
    """(Re)start the ward's workflow so that legal review sees the catalogue's version."""
    state = WorkflowState.objects.filter(
        base_content_type_id=page.get_base_content_type().pk,
        object_id=str(page.pk),
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
    ).first()
    if state:
        state.cancel(user=None)
    workflow = page.get_workflow()
    if workflow:
        workflow.start(page, None)
