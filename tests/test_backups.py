"""Backups that prove themselves (content/backups.py; docs/operations.md, "Backup and restore").

Row 33 of section (b) of the reliability checklist: a scheduled job runs ``pg_dump -Fc``,
restores into an empty database, checks counts and smoke-tests. These tests run on this
machine's PostgreSQL (the suite's database): `make backup` and `make verify-backup` through
the Makefile, a good dump that passes, a truncated dump that fails visibly, rotation, the
archive of uploads, `make restore`'s confirmation, and what the admin home and /healthz say.
"""

import json
import os
import subprocess
import tarfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from content import backups
from content.models import BackupCheck
from tests.workflow_helpers import user

ROOT = Path(__file__).resolve().parent.parent

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="backups use pg_dump and pg_restore"
)


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings.BACKUP_DIR


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def make(target, backup_dir, **env):
    """A Makefile target as an operator runs it, on the test's database (``install`` is taken
    as done: the suite runs from the installed .venv)."""
    return subprocess.run(
        ["make", "-s", "-o", "install", target],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": database_url(),
            "BACKUP_DIR": str(backup_dir),
            "LOG_FORMAT": "text",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=600,
    )


def truncate(path):
    size = path.stat().st_size
    with open(path, "r+b") as file:
        file.truncate(size // 2)


@on_postgres
def test_make_backup_then_the_restore_check_passes_and_a_truncated_dump_fails_visibly(
    transactional_db, demo_ward, backup_dir
):
    """Row 33: `make backup` writes a custom-format dump, an archive and a manifest;
    `make verify-backup` restores it into a scratch database and finds every table's rows as
    counted in the dump's snapshot, and the smoke query answers; after the dump is cut in
    half the same check fails, saying why, and exits non-zero; both results are recorded."""
    done = make("backup", backup_dir)
    assert done.returncode == 0, done.stderr
    assert "Đã sao lưu" in done.stdout
    [dump] = list(backup_dir.glob("portal-*.dump"))
    assert dump.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    manifest = json.loads(dump.with_suffix(".json").read_text())
    assert manifest["tables"]["wagtailcore_page"] > 20
    assert dump.with_name(dump.name.replace(".dump", ".files.tar.gz")).exists()

    good = make("verify-backup", backup_dir)
    assert good.returncode == 0, good.stderr
    assert "đạt" in good.stdout
    check = BackupCheck.objects.get()
    assert check.ok and check.problems == ""
    assert check.tables == len(manifest["tables"]) and check.rows == sum(
        manifest["tables"].values()
    )
    in_dump, restored, live = check.counts["wagtailcore_page"]
    assert in_dump == restored == live > 20
    # The scratch database is gone again.
    assert not scratch_exists(backups.scratch_name())

    truncate(dump)
    bad = make("verify-backup", backup_dir)
    assert bad.returncode != 0
    assert "KHÔNG ĐẠT" in bad.stderr
    assert "pg_restore không khôi phục được" in bad.stderr
    assert "hỏng" in bad.stderr  # the checksum no longer matches
    failed = BackupCheck.objects.order_by("-checked_at").first()
    assert not failed.ok and "pg_restore" in failed.problems
    assert not scratch_exists(backups.scratch_name())


def scratch_exists(name):
    with backups.connect("postgres", autocommit=True) as maintenance:
        return bool(
            maintenance.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        )


@on_postgres
def test_a_dump_missing_rows_fails_the_count_check(transactional_db, demo_ward, backup_dir):
    """Row 33: a dump that restores but holds fewer rows than the database had when it was
    taken (here: a manifest that counted one more page) fails, naming the table."""
    backup = backups.make_backup()
    manifest = json.loads(backup.manifest_path.read_text())
    manifest["tables"]["wagtailcore_page"] += 1
    backup.manifest_path.write_text(json.dumps(manifest))
    check = backups.verify_latest()
    assert not check.ok
    assert "Bảng wagtailcore_page" in check.problems
    assert "pg_restore" not in check.problems


@on_postgres
def test_backups_rotate_and_archive_media_and_feedback_photos(db, demo_ward, backup_dir, settings):
    """Row 33: each set holds the uploads of both folders; only the newest BACKUP_KEEP sets
    stay."""
    photo = Path(settings.FEEDBACK_PHOTO_ROOT) / "ab" / "photo.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(b"\xff\xd8 a photo")
    upload = Path(settings.MEDIA_ROOT) / "documents" / "quyet-dinh.pdf"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_bytes(b"%PDF-1.4")
    first = backups.make_backup(keep=2)
    with tarfile.open(first.files) as archive:
        names = archive.getnames()
    assert "feedback/ab/photo.jpg" in names and "media/documents/quyet-dinh.pdf" in names
    assert first.manifest["files_count"] == len(names)
    call_command("backup", keep=2, stdout=open(os.devnull, "w"))  # noqa: SIM115
    third = backups.make_backup(keep=2)
    kept = backups.backup_sets()
    assert len(kept) == 2 and kept[0].base == third.base
    assert not first.dump.exists() and not first.files.exists()
    assert len(list(backup_dir.iterdir())) == 6  # dump, archive and manifest of each


@on_postgres
def test_restore_asks_for_the_database_name_then_restores(
    db, demo_ward, backup_dir, monkeypatch, tmp_path, settings
):
    """Row 33: `make restore` restores nothing until the operator types the database's name;
    then the named dump is restored, in one transaction, files included when asked."""
    Path(settings.MEDIA_ROOT, "images").mkdir(parents=True, exist_ok=True)
    Path(settings.MEDIA_ROOT, "images", "anh.jpg").write_bytes(b"image")
    backup = backups.make_backup()
    target = f"{connection.settings_dict['NAME']}_restore_target"[:63]
    backups.create_database(target)
    try:
        monkeypatch.setattr("builtins.input", lambda prompt: "khong")
        with pytest.raises(CommandError, match="Chưa xác nhận"):
            call_command("restore_backup", backup.dump.name, database=target)
        with backups.connect(target) as restored:
            assert (
                restored.execute(
                    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                ).fetchone()[0]
                == 0
            )
        settings.MEDIA_ROOT = tmp_path / "restored-media"
        monkeypatch.setattr("builtins.input", lambda prompt: target)
        call_command(
            "restore_backup",
            backup.dump.name,
            database=target,
            files=True,
            stdout=open(os.devnull, "w"),  # noqa: SIM115
        )
        with backups.connect(target) as restored:
            pages = restored.execute("SELECT count(*) FROM wagtailcore_page").fetchone()[0]
        assert pages == backup.manifest["tables"]["wagtailcore_page"]
        assert (tmp_path / "restored-media" / "images" / "anh.jpg").read_bytes() == b"image"
    finally:
        backups.drop_database(target)


def test_make_restore_needs_a_name(backup_dir):
    done = make("restore", backup_dir)
    assert done.returncode != 0 and "make restore DUMP=" in done.stdout + done.stderr


def record(ok, hours_ago, problems=""):
    now = timezone.now()
    return BackupCheck.objects.create(
        ok=ok,
        dump="portal-x.dump",
        dumped_at=now - timedelta(hours=hours_ago),
        checked_at=now - timedelta(hours=hours_ago) + timedelta(minutes=30),
        problems=problems,
    )


@pytest.mark.parametrize(
    ("checks", "state"),
    [
        ([], "missing"),
        ([(True, 3)], "ok"),
        ([(True, 27)], "stale"),
        ([(True, 27), (True, 2)], "ok"),
        ([(True, 5), (False, 1)], "failed"),
    ],
)
def test_healthz_tells_the_backup_state_without_failing(client, db, checks, state):
    """Row 33: /healthz reports the last verified backup (stale after 26 hours, or the last
    check failed) as a warning; the web process stays healthy (200)."""
    for ok, hours in checks:
        record(ok, hours, "" if ok else "pg_restore không khôi phục được")
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["failed"] == []
    assert body["backup"]["state"] == state
    assert body["warnings"] == ([] if state == "ok" else [f"backup-{state}"])


@pytest.mark.parametrize(
    ("checks", "shown"),
    [([], True), ([(True, 30)], True), ([(True, 2)], False), ([(True, 3), (False, 1)], True)],
)
def test_the_admin_home_warns_portal_admins_about_an_old_backup(demo_ward, checks, shown):
    """Row 33: the admin home shows portal admins (never other staff) a Vietnamese warning
    when the last verified backup is older than 26 hours or the last check failed."""
    for ok, hours in checks:
        record(ok, hours, "" if ok else "pg_restore không khôi phục được portal-x.dump")
    for role, sees in (("quantri", shown), ("chuyenmon", False)):
        client = Client()
        client.force_login(user(role))
        page = client.get("/admin/").content.decode()
        assert ("Cảnh báo: sao lưu chưa được kiểm chứng" in page) == sees, role
    if checks and not checks[-1][0]:
        client.force_login(user("quantri"))
        page = client.get("/admin/").content.decode()
        assert "không đạt" in page
        assert "pg_restore không khôi phục được portal-x.dump" in page


def test_the_nightly_jobs_are_scheduled(settings):
    """Row 33: beat writes a backup every night and checks it afterwards."""
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"content.tasks.backup", "content.tasks.verify_backup"} <= tasks


@on_postgres
def test_without_any_backup_the_check_records_a_failure(db, backup_dir):
    """Row 33: no backup at all is a failed check, not silence."""
    check = backups.verify_latest()
    assert not check.ok and "Không có bản sao lưu" in check.problems
