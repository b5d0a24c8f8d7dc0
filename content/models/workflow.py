"""The five-step editorial workflow (DESIGN.md §3) as Wagtail tasks, and RACI as data.

Steps 2–4 are approval tasks. Each is limited to the staff of the page's own ward and never
lets the person who submitted the page approve it (four eyes). Step 4 also refuses to approve
while the page fails its publishing checklist. Publishing happens when step 4 approves.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse
from wagtail.models import AbstractGroupApprovalTask, Page, Site, TaskState

from .staff import user_site_id


class RaciStep(models.IntegerChoices):
    PROPOSE = 1, "Bước 1 – Đề xuất"
    REVIEW = 2, "Bước 2 – Thẩm định"
    APPROVE = 3, "Bước 3 – Phê duyệt"
    PUBLISH = 4, "Bước 4 – Đăng tải"
    FOLLOW_UP = 5, "Bước 5 – Hậu kiểm"
    EMERGENCY = 9, "Khẩn cấp – Lãnh đạo duyệt, đăng ngay"


def page_site_id(obj):
    """The id of the ward (site) whose tree holds ``obj``, or None."""
    if not isinstance(obj, Page):
        return None
    site = obj.get_site()
    return site.pk if site else None


class WardApprovalTask(AbstractGroupApprovalTask):
    """Members of the chosen groups who work for the page's ward approve; never their own
    submission."""

    raci_step = models.PositiveSmallIntegerField(
        "Bước RACI",
        choices=RaciStep.choices,
        default=RaciStep.REVIEW,
        help_text="Các nhóm Tham vấn và Được thông tin của bước này được báo khi bước hoàn thành.",
    )
    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["raci_step"]

    def _may_review(self, obj, user):
        if not (user.is_superuser or self._user_in_groups(user)):
            return False
        if user.is_superuser:
            return True
        return user_site_id(user) is not None and user_site_id(user) == page_site_id(obj)

    @staticmethod
    def submitted_by(obj):
        state = obj.current_workflow_state if isinstance(obj, Page) else None
        return state.requested_by_id if state else None

    def user_can_access_editor(self, obj, user):
        return self._may_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self._may_review(obj, user)

    def user_can_lock(self, obj, user):
        return self._may_review(obj, user)

    def get_actions(self, obj, user):
        if not self._may_review(obj, user) or self.submitted_by(obj) == user.pk:
            return []
        return [
            ("reject", "Yêu cầu chỉnh sửa", True),
            ("approve", "Đồng ý", False),
            ("approve", "Đồng ý, kèm ý kiến", True),
        ]

    def on_action(self, task_state, user, action_name, **kwargs):
        """Re-checks the rules, so a crafted request cannot skip them."""
        page = task_state.workflow_state.content_object
        allowed = {name for name, _, _ in self.get_actions(page, user)}
        if action_name not in allowed:
            raise PermissionDenied("Bạn không có quyền thực hiện bước này.")
        super().on_action(task_state, user, action_name, **kwargs)
        # Back to the reviewer's dashboard: the page has moved on and may no longer be theirs
        # to edit.
        return reverse("wagtailadmin_home")

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        site_id = user_site_id(user)
        if site_id is None:
            return TaskState.objects.none()
        root = Site.objects.get(pk=site_id).root_page
        return states.filter(
            workflow_state__base_content_type__isnull=False,
            workflow_state__object_id__in=[
                str(pk)
                for pk in Page.objects.descendant_of(root, inclusive=True).values_list(
                    "pk", flat=True
                )
            ],
        ).exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return "Thành viên các nhóm được chọn, thuộc phường/xã của trang, duyệt bước này (không tự duyệt bài mình gửi)."

    class Meta:
        verbose_name = "Bước duyệt theo nhóm (trong phường/xã)"
        verbose_name_plural = "Bước duyệt theo nhóm (trong phường/xã)"


def latest_version(page):
    """The page as its latest revision has it (a live page's row holds the live version)."""
    page = page.specific
    return page.get_latest_revision_as_object() if page.has_unpublished_changes else page


class PublishingTask(WardApprovalTask):
    """Step 4, Đăng tải: the portal admins publish, once the page meets its checklist."""

    def get_actions(self, obj, user):
        """Approving (publishing) is offered only when the checklist passes; the editor's
        checklist panel says what is missing."""
        actions = super().get_actions(obj, user)
        if actions and not all(item.done for item in latest_version(obj).publishing_checklist()):
            return [action for action in actions if action[0] != "approve"]
        return [
            (name, "Đăng tải" if name == "approve" and not needs_form else label, needs_form)
            for name, label, needs_form in actions
        ]

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            page = latest_version(task_state.workflow_state.content_object)
            missing = [item.label for item in page.publishing_checklist() if not item.done]
            if missing:
                raise ChecklistIncomplete(missing)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "Quản trị Cổng đăng tải trang khi trang đủ các mục của danh sách kiểm tra."

    class Meta:
        verbose_name = "Bước đăng tải (có danh sách kiểm tra)"
        verbose_name_plural = "Bước đăng tải (có danh sách kiểm tra)"


class ChecklistIncomplete(PermissionDenied):
    """The page lacks items its publishing checklist requires; ``missing`` names them."""

    def __init__(self, missing):
        self.missing = list(missing)
        super().__init__("Chưa thể đăng tải, trang còn thiếu: " + "; ".join(self.missing) + ".")


class RaciActivity(models.Model):
    """One row of the RACI matrix (seed 000, appendix B): who is Responsible, Accountable,
    Consulted and Informed for an activity of a workflow step. Consulted and Informed groups
    are told when that step completes."""

    step = models.PositiveSmallIntegerField("Bước", choices=RaciStep.choices)
    activity = models.CharField("Hoạt động", max_length=160)
    responsible = models.ManyToManyField(
        Group, related_name="+", blank=True, verbose_name="R – Thực hiện"
    )
    accountable = models.ManyToManyField(
        Group, related_name="+", blank=True, verbose_name="A – Chịu trách nhiệm"
    )
    consulted = models.ManyToManyField(
        Group, related_name="+", blank=True, verbose_name="C – Tham vấn"
    )
    informed = models.ManyToManyField(
        Group, related_name="+", blank=True, verbose_name="I – Được thông tin"
    )
    note = models.CharField(
        "Ghi chú",
        max_length=255,
        blank=True,
        help_text="Bên ngoài các nhóm, ví dụ: Người dân/đơn vị được thông tin qua ghi chú cập nhật.",
    )

    class Meta:
        verbose_name = "Phân công RACI"
        verbose_name_plural = "Phân công RACI"
        ordering = ["step", "pk"]

    def __str__(self):
        return f"{self.get_step_display()}: {self.activity}"


class Notification(models.Model):
    """A message to one member of staff, shown in the admin and sent by e-mail after commit."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_notifications"
    )
    page = models.ForeignKey(Page, on_delete=models.CASCADE, null=True, related_name="+")
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.message
