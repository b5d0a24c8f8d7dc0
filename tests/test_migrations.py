import io

from django.core.management import call_command


def test_models_and_migrations_agree(db):
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_migrations_create_the_five_role_groups(db):
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert {"Chuyên môn", "Văn phòng", "Tư pháp", "Lãnh đạo", "Quản trị Cổng"} <= names
