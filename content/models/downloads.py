"""Downloads of documents (forms, attachments) per site and day, for the dashboard's reach KPI.
Counted without personal data: no address, no user, no cookie."""

from django.db import models

from .counters import add_one


class DocumentDownload(models.Model):
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="downloads"
    )
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "document", "day"],
                name="content_download_per_day",
            )
        ]
        verbose_name = "Lượt tải tài liệu"
        verbose_name_plural = "Lượt tải tài liệu"

    def __str__(self):
        return f"{self.document_id} {self.day}: {self.count}"

    @classmethod
    def record(cls, document, site):
        """Add one download; concurrent downloads of the same file add up (no lost update)."""
        add_one(cls, site=site, document=document)
