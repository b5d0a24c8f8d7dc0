"""Backups that prove themselves (docs/operations.md, "Backup and restore").

``make_backup`` writes one *set* into ``BACKUP_DIR``: ``portal-<time>.dump`` (``pg_dump -Fc``),
``portal-<time>.files.tar.gz`` (the media and the feedback photos) and ``portal-<time>.json``,
the manifest: checksums, the number of files, and the row count of every table, counted in
the very snapshot the dump was taken from (``pg_dump --snapshot``), so that a restore can be
held to exact numbers while the portal keeps writing. Only the newest ``BACKUP_KEEP`` sets stay.

``verify_latest`` restores the newest dump into a scratch database, compares every table's
row count with the manifest and the main tables with the live database, runs a smoke query,
drops the scratch database and records the result as a ``BackupCheck``. ``backup_status`` is
what the admin home and ``/healthz`` say about it.

Everything talks to PostgreSQL through its own client programs (``pg_dump``, ``pg_restore``,
the same major version as the server) and a separate psycopg connection, never through the
web request's connection.
"""

import hashlib
import json
import logging
import os
import subprocess
import tarfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import psycopg
from django.apps import apps
from django.conf import settings
from django.db import connections
from django.utils import timezone
from psycopg import sql

logger = logging.getLogger(__name__)

PREFIX = "portal-"
DUMP, FILES, MANIFEST = ".dump", ".files.tar.gz", ".json"
STAMP = "%Y%m%d-%H%M%S"


class BackupError(Exception):
    """A backup or restore step failed; the message says which, in Vietnamese."""


# --- Connections and client programs ------------------------------------------------------------


def database():
    """The live database's connection settings (those of Django's default connection)."""
    db = connections["default"].settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError("Sao lưu cần PostgreSQL (DATABASE_URL trỏ tới cơ sở dữ liệu khác).")
    return db


def _params(name=None):
    db = database()
    return {
        "dbname": name or db["NAME"],
        "host": db.get("HOST") or "",
        "port": str(db.get("PORT") or ""),
        "user": db.get("USER") or "",
        "password": db.get("PASSWORD") or "",
    }


def connect(name=None, **options):
    params = {k: v for k, v in _params(name).items() if v}
    return psycopg.connect(connect_timeout=10, **params, **options)


def client_env(name=None):
    """The environment for pg_dump and pg_restore: the password never goes on a command line."""
    params = _params(name)
    env = {**os.environ}
    for key, variable in (
        ("host", "PGHOST"),
        ("port", "PGPORT"),
        ("user", "PGUSER"),
        ("password", "PGPASSWORD"),
        ("dbname", "PGDATABASE"),
    ):
        if params[key]:
            env[variable] = params[key]
    return env


def run(args, name=None):
    done = subprocess.run(  # noqa: S603 - fixed programs, arguments from settings and file names
        args,
        env=client_env(name),
        capture_output=True,
        text=True,
        timeout=settings.BACKUP_TIMEOUT,
        check=False,
    )
    return done.returncode, (done.stderr or done.stdout or "").strip()


def table_counts(connection):
    """{table: rows} for every ordinary table of the public schema."""
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
    ]
    counts = {}
    for table in tables:
        query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
        counts[table] = connection.execute(query).fetchone()[0]
    return counts


def main_tables():
    """The database tables of ``BACKUP_MAIN_TABLES`` (model labels)."""
    return [apps.get_model(label)._meta.db_table for label in settings.BACKUP_MAIN_TABLES]


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- Making a backup ---------------------------------------------------------------------------


def backup_dir():
    folder = Path(settings.BACKUP_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def file_roots():
    """(name in the archive, folder) of every folder of uploaded files."""
    return [("media", Path(settings.MEDIA_ROOT)), ("feedback", Path(settings.FEEDBACK_PHOTO_ROOT))]


def _new_base(folder):
    stamp = timezone.localtime().strftime(STAMP)
    base, number = f"{PREFIX}{stamp}", 1
    while any((folder / f"{base}{ext}").exists() for ext in (DUMP, FILES, MANIFEST)):
        number += 1
        base = f"{PREFIX}{stamp}-{number}"
    return base


def archive_files(target):
    """A gzip tar of the media and feedback photo folders; returns the number of files."""
    count = 0
    with tarfile.open(target, "w:gz") as archive:
        for name, root in file_roots():
            if not root.is_dir():
                continue
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=f"{name}/{path.relative_to(root)}", recursive=False)
                    count += 1
    return count


@dataclass
class BackupSet:
    base: str
    folder: Path
    manifest: dict = field(default_factory=dict)

    @property
    def dump(self):
        return self.folder / f"{self.base}{DUMP}"

    @property
    def files(self):
        return self.folder / f"{self.base}{FILES}"

    @property
    def manifest_path(self):
        return self.folder / f"{self.base}{MANIFEST}"


def make_backup(keep=None):
    """Write one backup set into ``BACKUP_DIR`` and drop the sets beyond ``keep``."""
    folder = backup_dir()
    backup = BackupSet(_new_base(folder), folder)
    partial = backup.dump.with_name(backup.dump.name + ".part")
    started = timezone.now()
    # The counts and the dump read one snapshot: the transaction that exported it stays open
    # until pg_dump has finished.
    with connect(autocommit=False) as connection:
        connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        counts = table_counts(connection)
        code, output = run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={partial}"]
        )
        connection.rollback()
    if code != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(f"pg_dump thất bại: {output}")
    partial.rename(backup.dump)
    partial_files = backup.files.with_name(backup.files.name + ".part")
    file_count = archive_files(partial_files)
    partial_files.rename(backup.files)
    backup.manifest = {
        "created_at": started.isoformat(),
        "database": database()["NAME"],
        "dump": backup.dump.name,
        "dump_bytes": backup.dump.stat().st_size,
        "dump_sha256": sha256(backup.dump),
        "files": backup.files.name,
        "files_count": file_count,
        "files_sha256": sha256(backup.files),
        "tables": counts,
    }
    # The manifest last: a set without one is unfinished and never restored or checked.
    tmp = backup.manifest_path.with_name(backup.manifest_path.name + ".part")
    tmp.write_text(json.dumps(backup.manifest, indent=1, ensure_ascii=False))
    tmp.rename(backup.manifest_path)
    rotate(settings.BACKUP_KEEP if keep is None else keep)
    logger.info(
        "backup written",
        extra={
            "dump": backup.dump.name,
            "bytes": backup.manifest["dump_bytes"],
            "files": file_count,
        },
    )
    return backup


def backup_sets():
    """Finished sets (those with a manifest), newest first."""
    folder = backup_dir()
    sets = []
    for manifest in folder.glob(f"{PREFIX}*{MANIFEST}"):
        base = manifest.name[: -len(MANIFEST)]
        try:
            data = json.loads(manifest.read_text())
        except (OSError, ValueError):
            data = {}
        sets.append(BackupSet(base, folder, data))
    return sorted(sets, key=lambda s: (s.manifest.get("created_at", ""), s.base), reverse=True)


def rotate(keep):
    """Delete the sets beyond the newest ``keep`` (and leftovers of interrupted backups)."""
    keep = max(1, keep)
    for old in backup_sets()[keep:]:
        for path in (old.manifest_path, old.dump, old.files):
            path.unlink(missing_ok=True)
    cutoff = time.time() - 86400
    for leftover in backup_dir().glob(f"{PREFIX}*.part"):
        if leftover.stat().st_mtime < cutoff:
            leftover.unlink(missing_ok=True)


def find_set(name):
    """The set a name points at: its base, any of its files, or a path to one of them."""
    base = Path(name).name
    for ext in (MANIFEST, FILES, DUMP):
        if base.endswith(ext):
            base = base[: -len(ext)]
            break
    folder = Path(name).parent if os.sep in name else backup_dir()
    backup = BackupSet(base, folder)
    if not backup.dump.exists():
        raise BackupError(f"Không có bản sao lưu {backup.dump}.")
    if backup.manifest_path.exists():
        backup.manifest = json.loads(backup.manifest_path.read_text())
    return backup


# --- The restore check -------------------------------------------------------------------------


def scratch_name():
    name = settings.BACKUP_CHECK_DATABASE or f"{database()['NAME']}_restore_check"
    return name[:63]


def _maintenance(callback):
    with connect("postgres", autocommit=True) as connection:
        return callback(connection)


def drop_database(name):
    query = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    _maintenance(lambda c: c.execute(query))


def create_database(name):
    drop_database(name)
    query = sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name))
    _maintenance(lambda c: c.execute(query))


SMOKE_QUERY = """
SELECT p.title, (SELECT count(*) FROM wagtailcore_page WHERE live) AS live_pages
FROM wagtailcore_site s JOIN wagtailcore_page p ON p.id = s.root_page_id
WHERE s.is_default_site
"""


def check_files(backup, problems):
    expected = backup.manifest.get("files_count")
    if not backup.files.exists():
        problems.append(f"Thiếu tệp lưu ảnh và tài liệu {backup.files.name}.")
        return
    if backup.manifest.get("files_sha256") not in (None, sha256(backup.files)):
        problems.append(f"Tệp {backup.files.name} đã bị thay đổi hoặc hỏng (sai mã kiểm tra).")
    try:
        with tarfile.open(backup.files, "r:gz") as archive:
            found = sum(1 for member in archive if member.isfile())
    except (OSError, tarfile.TarError, EOFError) as exc:
        problems.append(f"Không đọc được {backup.files.name}: {exc}.")
        return
    if expected is not None and found != expected:
        problems.append(f"{backup.files.name} có {found} tệp, bản kê ghi {expected}.")


def verify(backup):
    """Restore ``backup`` into the scratch database and check it; returns the BackupCheck."""
    from content.models import BackupCheck

    started = time.monotonic()
    problems, counts, restored = [], {}, {}
    manifest = backup.manifest
    if not manifest:
        problems.append(f"Bản sao lưu {backup.base} không có bản kê (.json).")
    if manifest.get("dump_sha256") and sha256(backup.dump) != manifest["dump_sha256"]:
        size = backup.dump.stat().st_size
        problems.append(
            f"Tệp {backup.dump.name} đã bị thay đổi hoặc hỏng: {size} byte, "
            f"bản kê ghi {manifest.get('dump_bytes')} byte (sai mã kiểm tra)."
        )
    check_files(backup, problems)
    scratch = scratch_name()
    try:
        create_database(scratch)
        code, output = run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                f"--dbname={scratch}",
                str(backup.dump),
            ],
            name=scratch,
        )
        if code != 0:
            tail = " ".join(output.splitlines()[-3:])[:500]
            problems.append(f"pg_restore không khôi phục được {backup.dump.name}: {tail}")
        else:
            with connect(scratch) as connection:
                restored = table_counts(connection)
                smoke = connection.execute(SMOKE_QUERY).fetchone()
            if not smoke or not smoke[0] or not smoke[1]:
                problems.append("Truy vấn thử không đạt: không thấy trang chủ hay trang đang đăng.")
            expected = manifest.get("tables", {})
            for table, rows in sorted(expected.items()):
                if restored.get(table) != rows:
                    problems.append(
                        f"Bảng {table}: khôi phục được {restored.get(table, 'không có bảng')}, "
                        f"lúc sao lưu có {rows} dòng."
                    )
    except (psycopg.Error, OSError, subprocess.SubprocessError) as exc:
        problems.append(f"Lỗi khi khôi phục thử: {exc}")
    finally:
        try:
            drop_database(scratch)
        except psycopg.Error as exc:
            problems.append(f"Không xóa được cơ sở dữ liệu thử {scratch}: {exc}")
    # The main tables against the live database now: the dump may be hours old, so only a
    # table that has rows now but came back empty is a problem; the numbers are kept.
    with connect() as connection:
        live = table_counts(connection)
    for table in main_tables():
        counts[table] = [
            manifest.get("tables", {}).get(table),
            restored.get(table),
            live.get(table),
        ]
        if restored and live.get(table) and not restored.get(table):
            problems.append(f"Bảng chính {table} có {live[table]} dòng nhưng bản sao lưu trống.")
    created = manifest.get("created_at")
    check = BackupCheck.objects.create(
        dump=backup.dump.name,
        dumped_at=datetime.fromisoformat(created) if created else None,
        ok=not problems,
        tables=len(restored),
        rows=sum(restored.values()),
        seconds=round(time.monotonic() - started, 2),
        problems="\n".join(problems),
        counts=counts,
    )
    if problems:
        logger.error(
            "backup restore check failed", extra={"dump": check.dump, "problems": problems}
        )
    else:
        logger.info("backup restore check passed", extra={"dump": check.dump, "rows": check.rows})
    return check


def verify_latest():
    """The nightly check: the newest finished set, or a failed check when there is none."""
    from content.models import BackupCheck

    sets = backup_sets()
    if not sets:
        check = BackupCheck.objects.create(
            ok=False, problems=f"Không có bản sao lưu nào trong {settings.BACKUP_DIR}."
        )
        logger.error("backup restore check failed", extra={"problems": check.problems})
        return check
    return verify(sets[0])


# --- Restoring over the live database ---------------------------------------------------------


def restore(backup, target=None, with_files=False):
    """Restore a set over ``target`` (default: the live database) in one transaction, and its
    files over the media and feedback photo folders when asked."""
    name = target or database()["NAME"]
    code, output = run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={name}",
            str(backup.dump),
        ],
        name=name,
    )
    if code != 0:
        raise BackupError(f"pg_restore thất bại, cơ sở dữ liệu {name} không đổi: {output}")
    if with_files:
        roots = dict(file_roots())
        with tarfile.open(backup.files, "r:gz") as archive:
            for member in archive:
                top, _, rest = member.name.partition("/")
                if top in roots and rest and member.isfile():
                    member.name = rest
                    roots[top].mkdir(parents=True, exist_ok=True)
                    archive.extract(member, roots[top], filter="data")


# --- What the admin and /healthz say -----------------------------------------------------------


@dataclass
class BackupStatus:
    state: str  # ok, stale, failed, missing
    verified_dump_at: datetime | None = None
    last_check: object = None

    @property
    def ok(self):
        return self.state == "ok"

    def as_json(self):
        return {
            "state": self.state,
            "verified_dump_at": self.verified_dump_at.isoformat()
            if self.verified_dump_at
            else None,
            "checked_at": self.last_check.checked_at.isoformat() if self.last_check else None,
        }


def backup_status(now=None):
    """ok: the newest check passed and the dump it restored is at most BACKUP_MAX_AGE_HOURS
    old; failed: the newest check failed; stale: the last verified dump is older; missing:
    no dump has ever been verified."""
    from content.models import BackupCheck

    now = now or timezone.now()
    last = BackupCheck.objects.order_by("-checked_at").first()
    verified = BackupCheck.objects.filter(ok=True).order_by("-checked_at").first()
    verified_at = (verified.dumped_at or verified.checked_at) if verified else None
    fresh = verified_at and now - verified_at <= timedelta(hours=settings.BACKUP_MAX_AGE_HOURS)
    if last is not None and not last.ok:
        state = "failed"
    elif verified is None:
        state = "missing"
    else:
        state = "ok" if fresh else "stale"
    return BackupStatus(state, verified_at, last)
