"""Residential groups and villages: reference data of a ward."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from ..text import nfc


class Place(index.Indexed, models.Model):
    """A residential group (tổ dân phố) or village (thôn) of one ward: reference data used by
    notice-board QR codes, school zones, health schedules and feedback locations."""

    class Kind(models.TextChoices):
        RESIDENTIAL_GROUP = "to_dan_pho", "Tổ dân phố"
        VILLAGE = "thon", "Thôn"
        HAMLET = "ap", "Ấp"
        # Where else a ward posts QR codes: not areas people live in, but places they come to.
        DESK = "mot_cua", "Bộ phận Một cửa"
        CULTURAL_HOUSE = "nha_van_hoa", "Nhà văn hóa"
        OTHER = "khac", "Khác"

    # Kinds with a notice board per group of residents: the bulk poster sheet prints one each.
    RESIDENTIAL_KINDS = (Kind.RESIDENTIAL_GROUP, Kind.VILLAGE, Kind.HAMLET)

    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.CASCADE,
        related_name="places",
        verbose_name="Phường/xã (trang)",
    )
    code = models.SlugField(
        "Mã", max_length=32, help_text="Mã ngắn, không dấu, không đổi, ví dụ: tdp-01"
    )
    name = models.CharField("Tên", max_length=120)
    kind = models.CharField(
        "Loại", max_length=16, choices=Kind.choices, default=Kind.RESIDENTIAL_GROUP
    )
    area = models.CharField(
        "Khu vực",
        max_length=120,
        blank=True,
        help_text="Khu vực hoặc địa bàn cũ, giúp người dân nhận ra tổ của mình.",
    )
    sort_order = models.PositiveIntegerField("Thứ tự", default=0)
    is_active = models.BooleanField("Đang hoạt động", default=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("area"),
        index.FilterField("site"),
    ]

    panels = [
        FieldPanel("site"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("area"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = "Tổ dân phố / thôn"
        verbose_name_plural = "Tổ dân phố / thôn"
        ordering = ["site", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="unique_place_code_per_site")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.area = nfc(self.area)
        super().save(*args, **kwargs)
