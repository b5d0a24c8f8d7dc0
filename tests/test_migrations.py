"""Models and migrations agree, the role groups exist, and migrations run on PostgreSQL
with lock and statement timeouts (checklist row 34)."""

import importlib
import io
import threading
import time

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connections
from django.utils import timezone

from feedback.models import FeedbackPhoto
from tests.factories import ward_site
from tests.feedback_helpers import make_report


def test_models_and_migrations_agree(db):
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_migrations_create_the_five_role_groups(db):
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert {"Chuyên môn", "Văn phòng", "Tư pháp", "Lãnh đạo", "Quản trị Cổng"} <= names


postgresql_only = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="lock and statement timeouts are PostgreSQL's (the suite runs on it in CI)",
)


def timeouts(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('lock_timeout'), current_setting('statement_timeout')"
        )
        return cursor.fetchone()


@postgresql_only
def test_row34_migrations_run_with_lock_and_statement_timeouts(transactional_db, settings):
    from django.db import connection
    from django.db.models.signals import post_migrate

    settings.MIGRATE_LOCK_TIMEOUT = "1500ms"
    settings.MIGRATE_STATEMENT_TIMEOUT = "45s"
    seen = []

    def record(using, **kwargs):
        seen.append(timeouts(connections[using]))

    post_migrate.connect(record, weak=False, dispatch_uid="row34")
    try:
        call_command("migrate", verbosity=0)
    finally:
        post_migrate.disconnect(dispatch_uid="row34")
    assert seen and set(seen) == {("1500ms", "45s")}
    # The command's connection is left as it found it, for whatever runs next.
    assert timeouts(connection) == ("0", "0")


@postgresql_only
def test_row34_a_migration_that_waits_for_a_lock_gives_up_instead_of_stopping_the_site(
    transactional_db, settings
):
    """A transaction holds a table the migration needs (here the migration log itself) for
    15 s: the migration stops after MIGRATE_LOCK_TIMEOUT, rolled back, with a clear message,
    rather than waiting with every query of the site queued behind it."""
    from django.db import connection

    settings.MIGRATE_LOCK_TIMEOUT = "1s"
    locked, release = threading.Event(), threading.Event()

    def hold_the_table():
        with psycopg.connect(**connection.get_connection_params()) as other:
            other.execute("LOCK TABLE django_migrations IN ACCESS EXCLUSIVE MODE")
            locked.set()
            release.wait(15)
            other.rollback()

    holder = threading.Thread(target=hold_the_table)
    holder.start()
    try:
        assert locked.wait(10)
        started = time.monotonic()
        with pytest.raises(
            CommandError, match=r"migration stopped after 1s \(MIGRATE_LOCK_TIMEOUT\)"
        ):
            call_command("migrate", verbosity=0)
        assert time.monotonic() - started < 10
    finally:
        release.set()
        holder.join()
    call_command("migrate", verbosity=0)  # once the table is free, it simply runs again


def test_feedback_0006_keeps_public_only_the_photos_staff_had_chosen(db, tmp_path, settings):
    """Photos were public unless hidden; the migration to private-until-published keeps
    public the "after" photos staff added and the photos of published results, nothing else."""
    settings.FEEDBACK_PHOTO_ROOT = tmp_path
    site = ward_site("Phường Di Trú", slug="phuong-di-tru")
    in_progress = make_report(site)
    published = make_report(site, publish_result=True)
    anonymised = make_report(site, publish_result=True, anonymised_at=timezone.now())

    def photo(report, kind="truoc", public=True):
        return FeedbackPhoto.objects.create(
            report=report, kind=kind, is_public=public, file=f"x/{report.pk}{kind}{public}.jpg"
        ).pk

    expected = {
        photo(in_progress): False,  # a citizen's photo of a report being handled
        photo(in_progress, kind="sau"): True,  # staff's own "after" photo
        photo(published): True,  # the "before" photo of a published result
        photo(published, public=False): False,  # hidden by staff: stays hidden
        photo(anonymised, kind="sau"): False,  # the report's personal data is gone
    }
    migration = importlib.import_module("feedback.migrations.0006_private_photos")
    migration.keep_only_chosen_photos_public(apps, None)
    assert dict(FeedbackPhoto.objects.values_list("pk", "is_public")) == expected
