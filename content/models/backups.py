"""The record of each restore check of a backup (content/backups.py, docs/operations.md,
"Backups that prove themselves")."""

from django.db import models
from django.utils import timezone


class BackupCheck(models.Model):
    """One run of the restore check: the dump it restored into a scratch database, whether
    every count and the smoke query agreed, and what did not."""

    checked_at = models.DateTimeField("Kiểm tra lúc", default=timezone.now, db_index=True)
    dump = models.CharField("Bản sao lưu", max_length=200, blank=True)
    dumped_at = models.DateTimeField("Sao lưu lúc", null=True, blank=True)
    ok = models.BooleanField("Khôi phục được", default=False)
    tables = models.PositiveIntegerField("Số bảng đã so", default=0)
    rows = models.BigIntegerField("Số dòng đã khôi phục", default=0)
    seconds = models.FloatField("Thời gian (giây)", default=0)
    # Each problem on its own line; empty when the check passed.
    problems = models.TextField("Vấn đề", blank=True)
    # {"table": [rows in the dump's snapshot, restored rows, rows live now]} for the main tables.
    counts = models.JSONField("Số dòng các bảng chính", default=dict, blank=True)

    class Meta:
        ordering = ["-checked_at"]
        verbose_name = "Lần kiểm tra sao lưu"
        verbose_name_plural = "Kiểm tra sao lưu"

    def __str__(self):
        at = timezone.localtime(self.checked_at)
        return f"{self.dump or '—'}, {at:%H:%M %d/%m/%Y}: {'đạt' if self.ok else 'KHÔNG ĐẠT'}"
