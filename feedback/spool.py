"""Reports that arrive while the database is down: kept on disk, written when it is back.

A citizen who sends the report form while PostgreSQL cannot be reached must not lose it to a
500. ``portal.outage`` hands such a request here: ``keep`` writes what was sent (the form's
fields, the photos as sent, the ward's host name and the time) to a folder of its own under
``FEEDBACK_SPOOL_ROOT``, each file and the folder synced to disk before the folder is renamed
into place, so a kept report survives a crash of the process or the machine. The folder's
name is the report's idempotency key: the form's ``submission_key`` (token and text), the key
the form itself uses against double submission.

``write_spooled`` (the Celery beat job ``feedback.tasks.write_spooled_reports`` every minute,
and ``manage.py write_spooled_reports``) checks each kept report with the same form the page
uses and stores it with ``create_report`` under that key, as received at the time it was
sent; only then is its folder deleted. A report already stored under the key (written before
a crash, or sent again once the site was back) is not stored twice. One writer at a time (a
file lock). A kept report the form refuses (its category was removed meanwhile, say) is moved
to ``failed/`` with the reasons, for staff to read; never dropped.

What is kept holds personal data (name, phone, photos): the folder is the portal's alone
(mode 0700) and each report is deleted as soon as it is in the database.
"""

import datetime
import fcntl
import json
import logging
import os
import shutil
import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, QueryDict
from django.utils import timezone

from .forms import submission_key

logger = logging.getLogger(__name__)
FORMAT = 1
REPORT_FILE = "report.json"
FAILED = "failed"
LOCK_FILE = ".lock"
# What the form's path ends with (FeedbackIndexPage.report_route).
FORM_PATH_END = "/gui/"


class Refused(Exception):
    """The form as sent cannot make a report: the message tells the citizen what to fix."""


def root():
    return Path(settings.FEEDBACK_SPOOL_ROOT)


def is_report(request):
    """A POST of the report form (told by its path and its fields; the page that serves it
    cannot be looked up without the database)."""
    return (
        request.method == "POST"
        and request.path_info.endswith(FORM_PATH_END)
        and "description" in request.POST
        and "token" in request.POST
    )


def _check(request):
    """What can be checked without the database; the rest is checked when it is written."""
    data, photos = request.POST, request.FILES.getlist("photos")
    if data.get("website"):
        raise Refused("Không gửi được phản ánh. Vui lòng thử lại.")
    if not data.get("consent"):
        raise Refused("Vui lòng đánh dấu ô đồng ý xử lý dữ liệu cá nhân để gửi phản ánh.")
    if not data.get("description", "").strip():
        raise Refused("Vui lòng mô tả sự việc.")
    if len(photos) > settings.FEEDBACK_MAX_PHOTOS or any(
        photo.size > settings.FEEDBACK_MAX_PHOTO_BYTES for photo in photos
    ):
        raise Refused(
            f"Tối đa {settings.FEEDBACK_MAX_PHOTOS} ảnh, mỗi ảnh tối đa "
            f"{settings.FEEDBACK_MAX_PHOTO_BYTES // (1024 * 1024)} MB."
        )


def _write(path, chunks):
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_folder(path):
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def pending():
    """The kept reports waiting to be written, oldest first."""
    if not root().is_dir():
        return []
    entries = [p for p in root().iterdir() if p.is_dir() and not p.name.startswith(".")]
    return sorted((p for p in entries if p.name != FAILED), key=lambda p: p.stat().st_mtime)


def keep(request):
    """Keep the report ``request`` sends, durably; returns its key. Raises ``Refused`` when
    the form is incomplete, OSError when it cannot be kept (the citizen is told to try
    again)."""
    _check(request)
    folder = root()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if len(pending()) >= settings.FEEDBACK_SPOOL_MAX:
        raise OSError(f"the spool holds {settings.FEEDBACK_SPOOL_MAX} reports already")
    key = submission_key(request.POST) or uuid.uuid4().hex
    final = folder / key
    if final.exists():  # the same form sent twice: kept once
        return key
    photos = request.FILES.getlist("photos")
    record = {
        "format": FORMAT,
        "key": key,
        "host": request.get_host(),
        "received_at": timezone.now().isoformat(),
        "fields": {
            name: values for name, values in request.POST.lists() if name != "csrfmiddlewaretoken"
        },
        "photos": [
            {"file": f"photo-{n}", "name": p.name, "content_type": p.content_type}
            for n, p in enumerate(photos)
        ],
    }
    work = Path(tempfile.mkdtemp(prefix=".incoming-", dir=folder))
    try:
        for number, photo in enumerate(photos):
            photo.seek(0)
            _write(work / f"photo-{number}", photo.chunks())
        _write(work / REPORT_FILE, [json.dumps(record, ensure_ascii=False).encode()])
        _sync_folder(work)
        os.rename(work, final)
    except OSError:
        shutil.rmtree(work, ignore_errors=True)
        if final.exists():  # the same form, kept by another process meanwhile
            return key
        raise
    _sync_folder(folder)
    logger.warning("report kept on disk while the database is down", extra={"key": key})
    return key


def _site_for(host):
    from wagtail.models import Site

    request = HttpRequest()
    name, _, port = host.partition(":")
    request.META = {"HTTP_HOST": host, "SERVER_NAME": name, "SERVER_PORT": port or "80"}
    return Site.find_for_request(request)


def _write_one(entry):
    """Store one kept report; True when it is in the database (now or before)."""
    from .forms import ReportForm
    from .models import create_report
    from .notify import queue_new_report

    record = json.loads((entry / REPORT_FILE).read_text(encoding="utf-8"))
    site = _site_for(record["host"])
    data = QueryDict(mutable=True)
    for name, values in record["fields"].items():
        data.setlist(name, values)
    files = [
        SimpleUploadedFile(p["name"], (entry / p["file"]).read_bytes(), p["content_type"])
        for p in record["photos"]
    ]
    form = ReportForm(data, site=site, files_list=files)
    if site is None or not form.is_valid():
        reasons = [str(m) for messages in form.errors.values() for m in messages] or ["no ward"]
        failed = root() / FAILED
        failed.mkdir(mode=0o700, exist_ok=True)
        (entry / "errors.txt").write_text("\n".join(reasons), encoding="utf-8")
        target = failed / entry.name
        if target.exists():
            target = failed / f"{entry.name}-{uuid.uuid4().hex[:8]}"
        os.rename(entry, target)
        logger.error("a kept report was refused", extra={"key": record["key"], "errors": reasons})
        return False
    received = datetime.datetime.fromisoformat(record["received_at"])
    report, created = create_report(
        site=site,
        token=record["key"],
        photos=form.encoded_photos,
        consent_at=received,
        received_at=received,
        **form.report_fields(),
    )
    if created:
        queue_new_report(report.pk)
    return True


def write_spooled():
    """Write every kept report into the database (``FEEDBACK_SPOOL_ROOT``); returns how many
    were written and how many were refused (moved to ``failed/``)."""
    entries = pending()
    if not entries:
        return {"written": 0, "refused": 0}
    counts = {"written": 0, "refused": 0}
    with open(root() / LOCK_FILE, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # another writer is at it
            return counts
        for entry in pending():
            if _write_one(entry):
                shutil.rmtree(entry)
                _sync_folder(root())
                counts["written"] += 1
            else:
                counts["refused"] += 1
    return counts
