import importlib
import io

from django.apps import apps
from django.core.management import call_command
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
