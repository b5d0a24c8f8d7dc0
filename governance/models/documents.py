"""The official-document register (văn bản, Decree 42/2022 Art. 4): one page per document
under a register page that lists and filters them.

Documents are pages so that they pass the five-step workflow, get short links, appear in the
sitemap and in search, and keep a public history of changes (docs/governance.md)."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import redirect
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.search import index

from content.blocks import BodyBlock
from content.models import BasePage, ChecklistItem, ShortLink
from content.text import ascii_slug, nfc
from content.visibility import private_q, public

from .feeds import feed_links

PER_PAGE = 20
# Query-string names of the register's filters (Vietnamese, without diacritics).
TYPE_PARAM = "loai"
YEAR_PARAM = "nam"
ISSUER_PARAM = "co-quan"
STATUS_PARAM = "tinh-trang"
NUMBER_PARAM = "so"
PAGE_PARAM = "trang"
# The status filter's value for every document no longer in force (expired or replaced).
NO_LONGER_IN_FORCE = "khong-con-hieu-luc"


class DocumentType(models.TextChoices):
    RESOLUTION = "nghi-quyet", "Nghị quyết"
    DECISION = "quyet-dinh", "Quyết định"
    DIRECTIVE = "chi-thi", "Chỉ thị"
    PLAN = "ke-hoach", "Kế hoạch"
    NOTICE = "thong-bao", "Thông báo"
    REPORT = "bao-cao", "Báo cáo"
    GUIDANCE = "huong-dan", "Hướng dẫn"
    LETTER = "cong-van", "Công văn"


class DocumentStatus(models.TextChoices):
    IN_FORCE = "con-hieu-luc", "Còn hiệu lực"
    AMENDED = "da-sua-doi", "Còn hiệu lực, đã được sửa đổi, bổ sung"
    REPLACED = "bi-thay-the", "Hết hiệu lực (bị thay thế)"
    EXPIRED = "het-hieu-luc", "Hết hiệu lực"


NO_LONGER_IN_FORCE_LABEL = "Văn bản hết hiệu lực"
NO_LONGER_IN_FORCE_STATUSES = (DocumentStatus.REPLACED, DocumentStatus.EXPIRED)


def no_longer_in_force_url(register_url):
    """The register filtered to the documents no longer in force, linked from the register
    and from the pillar so that each of them is within three clicks of the home page."""
    return f"{register_url}?{STATUS_PARAM}={NO_LONGER_IN_FORCE}"


def number_slug(number):
    """The address of a document from its number: "15/2025/QĐ-UBND" → "15-2025-qd-ubnd"."""
    return ascii_slug(str(number).replace("/", "-"))


class DocumentRegisterPage(RoutablePageMixin, BasePage):
    """Hệ thống văn bản: every document of the ward, filtered by type, year, issuer and status;
    ``?so=15/2025/QĐ-UBND`` leads straight to the document with that number."""

    parent_page_types = ["governance.GovernancePage"]
    subpage_types = ["governance.OfficialDocumentPage"]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_kind = "van-ban"

    class Meta:
        verbose_name = "Hệ thống văn bản"
        verbose_name_plural = "Hệ thống văn bản"

    def documents(self, request=None):
        return public(OfficialDocumentPage.objects.child_of(self).live(), request)

    @path("")
    def register(self, request):
        number = nfc(request.GET.get(NUMBER_PARAM, ""))
        if number:
            match = self.documents(request).filter(slug=number_slug(number)).first()
            if match is not None:
                return redirect(match.get_url(request))
        return self.render(request, context_overrides=self.register_context(request, number))

    @path("rss/", name="rss")
    def rss(self, request):
        from ..feeds import DocumentFeed

        return DocumentFeed(self)(request)

    @re_path(r"^so/(?P<number>[0-9A-Za-z-]{1,80})/$", name="by_number")
    def by_number(self, request, number):
        """``…/van-ban/so/15-2025-qd-ubnd/`` and the like: a document by its number."""
        match = self.documents(request).filter(slug=number_slug(number)).first()
        if match is None:
            return redirect(f"{self.get_url(request)}?{NUMBER_PARAM}={number}")
        return redirect(match.get_url(request))

    def register_context(self, request, number=""):
        documents = self.documents(request)
        chosen = {
            "type": request.GET.get(TYPE_PARAM, ""),
            "year": request.GET.get(YEAR_PARAM, ""),
            "issuer": request.GET.get(ISSUER_PARAM, ""),
            "status": request.GET.get(STATUS_PARAM, ""),
            "number": number,
        }
        types = [(value, label) for value, label in DocumentType.choices]
        statuses = list(DocumentStatus.choices) + [(NO_LONGER_IN_FORCE, NO_LONGER_IN_FORCE_LABEL)]
        years = [d.year for d in documents.dates("issued_on", "year", order="DESC")]
        issuers = sorted(set(documents.values_list("issuer", flat=True)))
        issuer_options = [(ascii_slug(name), name) for name in issuers]
        results = documents
        if chosen["type"] in DocumentType.values:
            results = results.filter(doc_type=chosen["type"])
        else:
            chosen["type"] = ""
        if chosen["year"].isdigit() and int(chosen["year"]) in years:
            results = results.filter(issued_on__year=int(chosen["year"]))
        else:
            chosen["year"] = ""
        issuer_name = dict(issuer_options).get(chosen["issuer"])
        if issuer_name:
            results = results.filter(issuer=issuer_name)
        else:
            chosen["issuer"] = ""
        if chosen["status"] in DocumentStatus.values:
            results = results.filter(status=chosen["status"])
        elif chosen["status"] == NO_LONGER_IN_FORCE:
            results = results.filter(status__in=NO_LONGER_IN_FORCE_STATUSES)
        else:
            chosen["status"] = ""
        if number:
            results = results.filter(
                models.Q(number__icontains=number) | models.Q(title__icontains=number)
            )
        results = results.select_related("file", "superseded_by").order_by("-issued_on", "-pk")
        paginator = Paginator(results, PER_PAGE)
        page_obj = paginator.get_page(request.GET.get(PAGE_PARAM))
        query = request.GET.copy()
        query.pop(PAGE_PARAM, None)
        return {
            "documents": page_obj.object_list,
            "page_obj": page_obj,
            "paginator": paginator,
            "types": types,
            "statuses": statuses,
            "years": years,
            "issuers": issuer_options,
            "chosen": chosen,
            "filtering": any(chosen.values()),
            "no_longer_in_force": {
                "url": no_longer_in_force_url(self.get_url(request)),
                "label": NO_LONGER_IN_FORCE_LABEL,
                "chosen": chosen["status"] == NO_LONGER_IN_FORCE,
            },
            "query": query.urlencode(),
            "params": {
                "type": TYPE_PARAM,
                "year": YEAR_PARAM,
                "issuer": ISSUER_PARAM,
                "status": STATUS_PARAM,
                "number": NUMBER_PARAM,
                "page": PAGE_PARAM,
            },
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["feeds"] = feed_links(self, request, ("documents",))
        return context


class OfficialDocumentPage(BasePage):
    """One document of the register. The title is its subject line (trích yếu); ``intro``
    says in plain words what it means for citizens."""

    doc_type = models.CharField("Loại văn bản", max_length=20, choices=DocumentType.choices)
    number = models.CharField(
        "Số, ký hiệu",
        max_length=80,
        help_text="Đúng như trên văn bản, ví dụ: 15/2025/QĐ-UBND. Địa chỉ trang được tạo từ số này.",
    )
    issuer = models.CharField(
        "Cơ quan ban hành", max_length=120, default="UBND phường", help_text="Ví dụ: UBND phường."
    )
    signer_title = models.CharField(
        "Chức vụ người ký", max_length=120, help_text="Ví dụ: Chủ tịch UBND phường."
    )
    signer_name = models.CharField("Họ tên người ký", max_length=120, blank=True)
    issued_on = models.DateField("Ngày ban hành")
    effective_on = models.DateField("Ngày có hiệu lực", null=True, blank=True)
    status = models.CharField(
        "Tình trạng hiệu lực",
        max_length=20,
        choices=DocumentStatus.choices,
        default=DocumentStatus.IN_FORCE,
        help_text="«Bị thay thế»: chọn văn bản thay thế ở tab Cài đặt (Được thay thế bởi).",
    )
    amended_by = models.ForeignKey(
        "governance.OfficialDocumentPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="amends",
        verbose_name="Được sửa đổi, bổ sung bởi",
    )
    file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Tệp văn bản (PDF)",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="Nội dung chính",
        help_text="Không bắt buộc: trích những điều người dân cần biết.",
    )

    parent_page_types = ["governance.DocumentRegisterPage"]
    subpage_types = []
    search_kind = "van-ban"
    default_review_days = 365
    reviewed_fields = BasePage.reviewed_fields + [
        "doc_type",
        "number",
        "issuer",
        "signer_title",
        "signer_name",
        "issued_on",
        "effective_on",
        "status",
        "amended_by",
        "file",
        "body",
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("number", boost=3),
        index.AutocompleteField("number"),
        index.SearchField("body"),
        index.FilterField("doc_type"),
        index.FilterField("status"),
        index.FilterField("issued_on"),
    ]
    content_panels = (
        BasePage.content_panels
        + [
            MultiFieldPanel(
                [
                    FieldRowPanel(["doc_type", "number"]),
                    "issuer",
                    FieldRowPanel(["signer_title", "signer_name"]),
                    FieldRowPanel(["issued_on", "effective_on"]),
                ],
                "Thông tin văn bản",
            ),
            FieldPanel("intro"),
            FieldPanel("file"),
            MultiFieldPanel(
                ["status", PageChooserPanel("amended_by", "governance.OfficialDocumentPage")],
                "Hiệu lực",
            ),
            FieldPanel("body"),
        ]
        + BasePage.change_note_panels
    )

    class Meta:
        verbose_name = "Văn bản"
        verbose_name_plural = "Văn bản"
        indexes = [models.Index(fields=["issued_on"]), models.Index(fields=["status"])]

    def full_clean(self, *args, **kwargs):
        for name in ("number", "issuer", "signer_title", "signer_name"):
            setattr(self, name, nfc(getattr(self, name)) or "")
        if self.number:
            self.slug = number_slug(self.number)
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.number and not number_slug(self.number):
            errors["number"] = "Số, ký hiệu phải có chữ hoặc số, ví dụ: 15/2025/QĐ-UBND."
        if self.effective_on and self.issued_on and self.effective_on < self.issued_on:
            errors["effective_on"] = "Ngày có hiệu lực không thể trước ngày ban hành."
        if self.status == DocumentStatus.REPLACED and not self.superseded_by_id:
            errors["status"] = (
                "Văn bản bị thay thế: hãy chọn văn bản thay thế ở tab Cài đặt (Được thay thế bởi)."
            )
        if self.status == DocumentStatus.AMENDED and not self.amended_by_id:
            errors["amended_by"] = "Hãy chọn văn bản sửa đổi, bổ sung."
        if self.amended_by_id and self.amended_by_id == self.pk:
            errors["amended_by"] = "Văn bản không thể tự sửa đổi chính nó."
        if errors:
            raise ValidationError(errors)

    def publishing_checklist(self):
        return super().publishing_checklist() + [
            ChecklistItem("Tệp văn bản (PDF)", bool(self.file_id)),
        ]

    @property
    def heading(self):
        return f"{self.get_doc_type_display()} số {self.number}"

    @property
    def in_force(self):
        return self.status in (DocumentStatus.IN_FORCE, DocumentStatus.AMENDED)

    def search_codes(self):
        return [self.number]

    def search_text(self):
        from django.utils.html import strip_tags

        parts = [
            self.get_doc_type_display(),
            self.number,
            self.issuer,
            self.signer_title,
            self.signer_name,
            self.get_status_display(),
            strip_tags(str(self.body)) if self.body else "",
        ]
        return " ".join(part for part in parts if part)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["short_link"] = ShortLink.objects.filter(page_id=self.pk).first()
        context["feeds"] = feed_links(self, request, ("documents",))
        # The documents this one replaces or amends (live and public) and the ones that
        # replace or amend it, in one query; the latter are kept on the foreign keys, so that
        # the template reads them (and checks that they are live) without a query each.
        shown = (models.Q(superseded_by=self.pk) | models.Q(amended_by=self.pk)) & models.Q(
            live=True
        )
        private = private_q()
        if private is not None:
            shown &= ~private
        targets = [pk for pk in (self.superseded_by_id, self.amended_by_id) if pk]
        related = list(
            OfficialDocumentPage.objects.filter(shown | models.Q(pk__in=targets))
            .annotate(shown=models.ExpressionWrapper(shown, output_field=models.BooleanField()))
            .only(
                "id",
                "title",
                "number",
                "doc_type",
                "url_path",
                "path",
                "depth",
                "live",
                "superseded_by_id",
                "amended_by_id",
                "content_type_id",
            )
            .order_by("path")
        )
        by_pk = {document.pk: document for document in related}
        if self.superseded_by_id in by_pk:  # else not a document: read when shown, as before
            self.superseded_by = by_pk[self.superseded_by_id]
        if self.amended_by_id in by_pk:
            self.amended_by = by_pk[self.amended_by_id]
        shown = [document for document in related if document.shown]
        context["replaces"] = [d for d in shown if d.superseded_by_id == self.pk]
        context["amends"] = [d for d in shown if d.amended_by_id == self.pk]
        return context
