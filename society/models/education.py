"""Education (giáo dục): the ward's schools, enrolment zones per school year, licensed private
pre-school groups, and the public page that answers «Con tôi học trường nào?».

Schools, years, zones and pre-school groups are structured data that staff keep current in
the admin (society/wagtail_hooks.py), each row belonging to one ward (Wagtail site) like
``content.Place``. The page reads them; it is re-indexed for site search when they change
(society/signal_handlers.py), so that searching a school's name finds it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Site

from content import page_cache
from content.blocks import BodyBlock
from content.front_purge import records_changed
from content.models import BasePage, Place
from content.text import nfc
from content.visibility import public


class SchoolLevel(models.TextChoices):
    PRESCHOOL = "mam-non", "Mầm non"
    PRIMARY = "tieu-hoc", "Tiểu học"
    LOWER_SECONDARY = "thcs", "Trung học cơ sở"


class Ownership(models.TextChoices):
    PUBLIC = "cong-lap", "Công lập"
    PRIVATE = "tu-thuc", "Tư thục"


class School(models.Model):
    """A school of the ward, of one level (mầm non, tiểu học, THCS)."""

    # Reference data that links to nothing editors would look up the usage of.
    wagtail_reference_index_ignore = True

    class Licence(models.TextChoices):
        LICENSED = "duoc-phep", "Được phép hoạt động giáo dục"
        PENDING = "cho-cap-phep", "Đang chờ cho phép hoạt động"
        SUSPENDED = "dinh-chi", "Bị đình chỉ hoạt động"

    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.CASCADE,
        related_name="schools",
        verbose_name="Phường/xã (trang)",
    )
    name = models.CharField("Tên trường", max_length=160)
    level = models.CharField("Cấp học", max_length=10, choices=SchoolLevel.choices)
    ownership = models.CharField(
        "Loại hình", max_length=10, choices=Ownership.choices, default=Ownership.PUBLIC
    )
    address = models.CharField("Địa chỉ", max_length=255)
    phone = models.CharField(
        "Điện thoại",
        max_length=40,
        blank=True,
        help_text="Số của nhà trường, không ghi số cá nhân.",
    )
    website = models.URLField("Trang web", blank=True)
    licence_status = models.CharField(
        "Tình trạng cấp phép",
        max_length=16,
        choices=Licence.choices,
        default=Licence.LICENSED,
    )
    licence_reference = models.CharField(
        "Quyết định cho phép hoạt động",
        max_length=160,
        blank=True,
        help_text="Số, ngày quyết định, ví dụ: 1234/QĐ-UBND ngày 15/8/2020.",
    )
    sort_order = models.PositiveIntegerField("Thứ tự", default=0)
    is_active = models.BooleanField(
        "Đang hoạt động", default=True, help_text="Bỏ chọn khi trường sáp nhập hoặc giải thể."
    )

    class Meta:
        verbose_name = "Trường học"
        verbose_name_plural = "Trường học"
        ordering = ["site", "level", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="unique_school_name_per_site")
        ]

    def __str__(self):
        return f"{self.name} ({self.get_level_display()})"

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.address = nfc(self.address)
        super().save(*args, **kwargs)


class SchoolYearQuerySet(models.QuerySet):
    def current(self, site):
        """The newest published school year of ``site``: what the look-up answers from."""
        return self.filter(site=site, is_published=True).order_by("-start_year").first()


class SchoolYear(models.Model):
    """A school year ("2026–2027") and its enrolment zones. Staff prepare next year's zones
    unpublished (by copying this year's and changing what moved), then publish them."""

    # Reference data that links to nothing editors would look up the usage of.
    wagtail_reference_index_ignore = True

    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.CASCADE,
        related_name="school_years",
        verbose_name="Phường/xã (trang)",
    )
    start_year = models.PositiveSmallIntegerField(
        "Năm bắt đầu", help_text="Ví dụ 2026 cho năm học 2026–2027."
    )
    is_published = models.BooleanField(
        "Công bố tuyến tuyển sinh",
        default=False,
        help_text="Trang tra cứu dùng năm học mới nhất đã công bố.",
    )
    decision = models.CharField(
        "Văn bản phân tuyến",
        max_length=200,
        blank=True,
        help_text="Số, ngày văn bản giao chỉ tiêu và phân tuyến tuyển sinh.",
    )

    objects = SchoolYearQuerySet.as_manager()

    class Meta:
        verbose_name = "Năm học (tuyến tuyển sinh)"
        verbose_name_plural = "Năm học (tuyến tuyển sinh)"
        ordering = ["site", "-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["site", "start_year"], name="unique_school_year")
        ]

    def __str__(self):
        return f"Năm học {self.label}"

    @property
    def label(self):
        return f"{self.start_year}–{self.start_year + 1}"

    def copy_zones_from(self, other):
        """Give this year the zones of ``other`` (places it already has are left alone).
        Returns how many zones were copied."""
        have = set(self.zones.values_list("place_id", flat=True))
        new = [
            EnrolmentZone(
                year=self,
                place_id=zone.place_id,
                preschool_id=zone.preschool_id,
                primary_id=zone.primary_id,
                lower_secondary_id=zone.lower_secondary_id,
            )
            for zone in other.zones.all()
            if zone.place_id not in have
        ]
        EnrolmentZone.objects.bulk_create(new)
        if new:
            records_changed(EnrolmentZone, self.site_id)  # bulk_create sends no signal
        return len(new)


class EnrolmentZone(models.Model):
    """One residential group in one school year: the school of each level its children go to."""

    # Reference data that links to nothing editors would look up the usage of.
    wagtail_reference_index_ignore = True

    year = models.ForeignKey(
        SchoolYear, on_delete=models.CASCADE, related_name="zones", verbose_name="Năm học"
    )
    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="enrolment_zones", verbose_name="Tổ dân phố"
    )
    preschool = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Trường mầm non",
        limit_choices_to={"level": SchoolLevel.PRESCHOOL},
    )
    primary = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Trường tiểu học",
        limit_choices_to={"level": SchoolLevel.PRIMARY},
    )
    lower_secondary = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Trường THCS",
        limit_choices_to={"level": SchoolLevel.LOWER_SECONDARY},
    )

    LEVEL_FIELDS = {
        "preschool": SchoolLevel.PRESCHOOL,
        "primary": SchoolLevel.PRIMARY,
        "lower_secondary": SchoolLevel.LOWER_SECONDARY,
    }

    class Meta:
        verbose_name = "Tuyến tuyển sinh"
        verbose_name_plural = "Tuyến tuyển sinh"
        ordering = ["year", "place__sort_order", "place__name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "place"], name="unique_zone_per_place")
        ]

    def __str__(self):
        return f"{self.place} – {self.year}"

    def clean(self):
        errors = {}
        if self.year_id and self.place_id and self.place.site_id != self.year.site_id:
            errors["place"] = "Tổ dân phố này thuộc phường/xã khác với năm học."
        for field, level in self.LEVEL_FIELDS.items():
            school = getattr(self, field)
            if school is None:
                continue
            if school.level != level:
                errors[field] = f"Hãy chọn một trường {SchoolLevel(level).label.lower()}."
            elif self.year_id and school.site_id != self.year.site_id:
                errors[field] = "Trường này thuộc phường/xã khác với năm học."
        if errors:
            raise ValidationError(errors)

    def schools(self):
        """(level label, school or None) for the three levels, in order."""
        return [
            (SchoolLevel(level).label, getattr(self, field))
            for field, level in self.LEVEL_FIELDS.items()
        ]


class PreschoolGroupQuerySet(models.QuerySet):
    def licensed(self, site, today=None):
        """Groups of ``site`` whose licence is in force today: not revoked or suspended, and
        not past its expiry date."""
        today = today or timezone.localdate()
        return self.filter(site=site, status=PrivatePreschool.Status.LICENSED).exclude(
            licence_expires__lt=today
        )


class PrivatePreschool(models.Model):
    """An independent private pre-school group (nhóm trẻ, lớp mẫu giáo độc lập tư thục)
    licensed by the ward."""

    # Reference data that links to nothing editors would look up the usage of.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        LICENSED = "duoc-phep", "Được phép hoạt động"
        SUSPENDED = "dinh-chi", "Bị đình chỉ hoạt động"
        REVOKED = "thu-hoi", "Đã thu hồi giấy phép"
        CLOSED = "giai-the", "Đã giải thể"

    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.CASCADE,
        related_name="private_preschools",
        verbose_name="Phường/xã (trang)",
    )
    name = models.CharField("Tên nhóm trẻ / lớp mẫu giáo", max_length=160)
    address = models.CharField("Địa chỉ", max_length=255)
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Tổ dân phố",
    )
    hotline = models.CharField(
        "Đường dây nóng", max_length=40, help_text="Số của cơ sở, hiện công khai."
    )
    licence_number = models.CharField("Số quyết định cho phép", max_length=80)
    licence_date = models.DateField("Ngày cho phép")
    licence_expires = models.DateField(
        "Hết hạn ngày", null=True, blank=True, help_text="Để trống nếu giấy phép không có thời hạn."
    )
    status = models.CharField(
        "Tình trạng", max_length=10, choices=Status.choices, default=Status.LICENSED
    )
    capacity = models.PositiveSmallIntegerField("Số trẻ tối đa", null=True, blank=True)

    objects = PreschoolGroupQuerySet.as_manager()

    class Meta:
        verbose_name = "Nhóm trẻ độc lập tư thục"
        verbose_name_plural = "Nhóm trẻ độc lập tư thục"
        ordering = ["site", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.address = nfc(self.address)
        super().save(*args, **kwargs)

    def clean(self):
        if self.licence_expires and self.licence_date and self.licence_expires < self.licence_date:
            raise ValidationError({"licence_expires": "Ngày hết hạn phải sau ngày cho phép."})


PLACE_PARAM = "to-dan-pho"


class EducationPage(BasePage):
    """/van-hoa-xa-hoi/giao-duc/: the school look-up by residential group (a plain GET form),
    the ward's schools and the licensed private pre-school groups."""

    body = StreamField(BodyBlock(), blank=True, verbose_name="Nội dung thêm")
    enrolment_procedure = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Thủ tục tuyển sinh",
        help_text="Trang thủ tục hướng dẫn tuyển sinh; để trống thì tự tìm thủ tục có "
        "«tuyển sinh» trong tên.",
    )

    parent_page_types = ["society.SocietyPage"]
    subpage_types = []
    max_count_per_parent = 1
    search_kind = "trang"
    reviewed_fields = BasePage.reviewed_fields + ["body", "enrolment_procedure"]
    content_panels = (
        BasePage.content_panels
        + [
            FieldPanel("intro"),
            FieldPanel("body"),
            PageChooserPanel("enrolment_procedure", page_type="tthc.ProcedurePage"),
        ]
        + BasePage.change_note_panels
    )

    class Meta:
        verbose_name = "Trang Giáo dục (tra cứu trường)"
        verbose_name_plural = "Trang Giáo dục (tra cứu trường)"

    def _site(self):
        return self.get_site()

    def search_names(self):
        site = self._site()
        schools = School.objects.filter(site=site, is_active=True).values_list("name", flat=True)
        groups = PrivatePreschool.objects.licensed(site).values_list("name", flat=True)
        return [*schools, *groups]

    def search_text(self):
        site = self._site()
        lines = [f"{s.name}, {s.address}" for s in School.objects.filter(site=site, is_active=True)]
        lines += [f"{g.name}, {g.address}" for g in PrivatePreschool.objects.licensed(site)]
        return "\n".join(["Con tôi học trường nào? Tra cứu tuyến tuyển sinh.", *lines])

    def procedure(self, request, site):
        """The enrolment procedure page: the chosen one, or one named «tuyển sinh»."""
        from tthc.models import ProcedurePage

        pages = public(ProcedurePage.objects.live().descendant_of(site.root_page), request)
        if self.enrolment_procedure_id:
            return pages.filter(pk=self.enrolment_procedure_id).first()
        return pages.filter(title__icontains="tuyển sinh").order_by("title").first()

    def look_up(self, places, year, raw):
        """The answer for the ``to-dan-pho`` parameter (None when absent) among ``places``:
        (place, zone, message). Any value gets an answer; none is an error."""
        if raw is None:
            return None, None, ""
        code = raw.strip()
        if not code:
            return None, None, "Hãy chọn tổ dân phố trong danh sách rồi bấm «Xem trường»."
        place = next((p for p in places if p.code == code), None)
        if place is None:
            return None, None, "Không tìm thấy tổ dân phố này. Hãy chọn lại trong danh sách."
        if year is None:
            return place, None, "Phường chưa công bố tuyến tuyển sinh năm học này."
        zone = (
            EnrolmentZone.objects.filter(year=year, place=place)
            .select_related("preschool", "primary", "lower_secondary")
            .first()
        )
        if zone is None:
            return (
                place,
                None,
                f"{place.name} chưa có tuyến tuyển sinh năm học {year.label}. "
                "Xin liên hệ bộ phận Văn hóa – Xã hội của phường.",
            )
        zone.place = place
        return place, zone, ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request) or self.get_site()
        year = SchoolYear.objects.current(site)
        places = list(
            Place.objects.filter(site=site, is_active=True, kind__in=Place.RESIDENTIAL_KINDS).only(
                "code", "name", "area"
            )
        )
        raw = request.GET.get(PLACE_PARAM)
        place, zone, message = self.look_up(places, year, raw)
        schools = list(School.objects.filter(site=site, is_active=True))
        context.update(
            {
                "year": year,
                "places": places,
                "place_param": PLACE_PARAM,
                "chosen_place": place,
                "zone": zone,
                "lookup_message": message,
                "school_groups": [
                    (value, label, [s for s in schools if s.level == value])
                    for value, label in SchoolLevel.choices
                ],
                "preschool_groups": list(PrivatePreschool.objects.licensed(site)),
                # A page: kept until the next publication (content.page_cache).
                "enrolment_procedure": page_cache.kept(
                    f"society:enrolment:{self.pk}:{site.pk}",
                    lambda: self.procedure(request, site),
                ),
            }
        )
        page_cache.history(self)
        return context
