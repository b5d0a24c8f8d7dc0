"""The portal admins register the Open311 API's clients (content/wards.py grants it to new
wards; this grants it on an existing install)."""

from django.db import migrations


def let_portal_admins_register_clients(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group = Group.objects.filter(name="Quản trị Cổng").first()
    if group is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="open311", model="apiclient")
    for action, verb in [
        ("add", "Can add"),
        ("change", "Can change"),
        ("delete", "Can delete"),
        ("view", "Can view"),
    ]:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_apiclient",
            defaults={"name": f"{verb} Ứng dụng dùng API"},
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("open311", "0001_api_clients"),
        ("content", "0002_role_groups"),
    ]

    operations = [
        migrations.RunPython(let_portal_admins_register_clients, migrations.RunPython.noop),
    ]
