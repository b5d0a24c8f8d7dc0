"""Searches counted by visitor as well as by request, and editors' decisions about
«Người dân hay tìm» (issue 23), which portal admins make (content/wards.py grants it to new
wards; this grants it on an existing install). Days logged before this counted requests only:
each such day with a search counts as one visitor, which is all that is known."""

import django.db.models.deletion
from django.db import migrations, models


def let_portal_admins_decide(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group = Group.objects.filter(name="Quản trị Cổng").first()
    if group is None:
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="sitesearch", model="popularsearch"
    )
    for action, verb in [("add", "Can add"), ("change", "Can change"), ("delete", "Can delete"), ("view", "Can view")]:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_popularsearch",
            defaults={"name": f"{verb} Từ khóa «Người dân hay tìm»"},
        )
        group.permissions.add(permission)


def one_visitor_a_day(apps, schema_editor):
    SearchQueryDay = apps.get_model("sitesearch", "SearchQueryDay")
    SearchQueryDay.objects.filter(count__gt=0).update(visitors=1)


class Migration(migrations.Migration):

    dependencies = [
        ('sitesearch', '0002_search_vector_index'),
        ('content', '0002_role_groups'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchqueryday',
            name='visitors',
            field=models.PositiveIntegerField(default=0, verbose_name='Số người tìm'),
        ),
        migrations.RunPython(one_visitor_a_day, migrations.RunPython.noop),
        migrations.CreateModel(
            name='PopularSearch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('query', models.CharField(help_text='Viết đúng như muốn hiện cho người dân, ví dụ: đăng ký khai sinh. Được gộp với mọi cách gõ có dấu hay không dấu của cùng từ khóa.', max_length=100, verbose_name='Từ khóa')),
                ('folded_query', models.CharField(editable=False, max_length=200)),
                ('shown', models.BooleanField(default=True, help_text='Bỏ chọn để không bao giờ hiện từ khóa này, kể cả khi nó trùng tên một trang.', verbose_name='Cho hiện')),
                ('site', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.site', verbose_name='Phường/xã')),
            ],
            options={
                'verbose_name': 'Từ khóa «Người dân hay tìm»',
                'verbose_name_plural': 'Từ khóa «Người dân hay tìm»',
                'ordering': ['folded_query'],
                'constraints': [models.UniqueConstraint(fields=('site', 'folded_query'), name='sitesearch_popular_search_unique')],
            },
        ),
        migrations.CreateModel(
            name='SearchVisit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField()),
                ('query', models.CharField(max_length=200)),
                ('visitor', models.CharField(max_length=32)),
                ('site', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.site')),
            ],
            options={
                'indexes': [models.Index(fields=['day'], name='sitesearch__day_9fb005_idx')],
                'constraints': [models.UniqueConstraint(fields=('site', 'day', 'query', 'visitor'), name='sitesearch_visit_unique')],
            },
        ),
        migrations.RunPython(let_portal_admins_decide, migrations.RunPython.noop),
    ]
