"""The five RACI role groups of DESIGN.md §3, each able to open the admin."""

from django.db import migrations

ROLE_GROUPS = ["Chuyên môn", "Văn phòng", "Tư pháp", "Lãnh đạo", "Quản trị Cổng"]


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    for name in ROLE_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
