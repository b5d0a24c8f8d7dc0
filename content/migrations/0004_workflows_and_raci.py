"""The five-step workflow, the emergency workflow and the RACI matrix of seed 000 appendix B.

Wagtail's default "Moderators approval" workflow is deactivated and its demo groups
("Moderators", "Editors", which may publish directly) are removed when nobody is in them:
nothing may reach citizens except through the ward's own steps.
"""

from django.db import migrations

FIVE_STEP = "Quy trình 5 bước"
EMERGENCY = "Quy trình khẩn cấp"

TASKS = [
    # (workflow, task name, model, RACI step, approving groups)
    (FIVE_STEP, "Bước 2 – Thẩm định", "wardapprovaltask", 2, ["Tư pháp", "Văn phòng"]),
    (FIVE_STEP, "Bước 3 – Phê duyệt", "wardapprovaltask", 3, ["Lãnh đạo"]),
    (FIVE_STEP, "Bước 4 – Đăng tải", "publishingtask", 4, ["Quản trị Cổng"]),
    (EMERGENCY, "Khẩn cấp – Lãnh đạo duyệt", "wardapprovaltask", 9, ["Lãnh đạo"]),
]

# (step, activity, R, A, C, I, note)
RACI = [
    (1, "Biên tập nội dung", ["Chuyên môn", "Quản trị Cổng"], ["Văn phòng"], ["Tư pháp"], [],
     "I: các bộ phận liên quan"),
    (2, "Thẩm định pháp lý – thể thức", ["Tư pháp", "Văn phòng"], ["Lãnh đạo"], ["Chuyên môn"],
     ["Quản trị Cổng"], ""),
    (3, "Phê duyệt đăng tải", ["Văn phòng"], ["Lãnh đạo"], ["Chuyên môn"],
     ["Chuyên môn", "Văn phòng", "Tư pháp", "Quản trị Cổng"], "I: toàn cơ quan"),
    (4, "Đăng tải – gắn thẻ – liên kết", ["Quản trị Cổng"], ["Văn phòng"], [],
     ["Chuyên môn", "Lãnh đạo"], ""),
    (5, "Cập nhật phiên bản", ["Chuyên môn"], ["Văn phòng"], ["Tư pháp"], ["Quản trị Cổng"],
     "I: người dân/đơn vị, qua ghi chú cập nhật công khai"),
    (9, "Thông báo khẩn cấp", ["Chuyên môn", "Văn phòng"], ["Lãnh đạo"], [], ["Quản trị Cổng"],
     "Chỉ cần Lãnh đạo duyệt, đăng ngay"),
]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    RaciActivity = apps.get_model("content", "RaciActivity")
    groups = {g.name: g for g in Group.objects.all()}

    for workflow in Workflow.objects.filter(name="Moderators approval"):
        workflow.active = False
        workflow.save()
        workflow.workflow_pages.all().delete()
    Group.objects.filter(name__in=["Moderators", "Editors"], user__isnull=True).delete()

    order = {}
    for workflow_name, task_name, model_name, step, group_names in TASKS:
        Model = apps.get_model("content", model_name)
        content_type, _ = ContentType.objects.get_or_create(app_label="content", model=model_name)
        task = Model.objects.filter(name=task_name).first()
        if task is None:
            task = Model.objects.create(
                name=task_name, raci_step=step, content_type=content_type, active=True
            )
        task.groups.set([groups[name] for name in group_names])
        workflow, _ = Workflow.objects.get_or_create(name=workflow_name, defaults={"active": True})
        WorkflowTask.objects.get_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order.get(workflow_name, 0)}
        )
        order[workflow_name] = order.get(workflow_name, 0) + 1

    if not RaciActivity.objects.exists():
        for step, activity, r, a, c, i, note in RACI:
            row = RaciActivity.objects.create(step=step, activity=activity, note=note)
            row.responsible.set([groups[n] for n in r])
            row.accountable.set([groups[n] for n in a])
            row.consulted.set([groups[n] for n in c])
            row.informed.set([groups[n] for n in i])


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0003_workflow"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
