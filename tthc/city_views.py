"""The city-wide catalogue in the admin: which wards have published each catalogue change
(«Thay đổi danh mục»), and a ward's own procedures («Thêm thủ tục riêng của phường», «Sửa
thông tin thủ tục»)."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Site, WorkflowState

from content.scoping import sees_every_ward, user_ward, ward_pages

from .models import (
    OnlineLevel,
    Procedure,
    ProcedureField,
    ProcedureIndexPage,
    ProcedurePage,
    ProcedureVersion,
)
from .sync import (
    _changed_parts,
    _send_change_to_workflow,
    _start_workflow,
    new_version,
    next_number,
)

CHANGES_PER_PAGE = 30
PUBLISHED, REVIEWING, NOT_STARTED, NO_PAGE = "published", "reviewing", "not_started", "no_page"
STATE_LABELS = {
    PUBLISHED: "Đã đăng",
    REVIEWING: "Đang duyệt",
    NOT_STARTED: "Chưa bắt đầu duyệt",
    NO_PAGE: "Chưa có trang",
}


def _may_read(user):
    return user.has_perm("tthc.view_procedure")


def _ward_states(versions, user):
    """For each catalogue change in ``versions``: the state of each ward's page the user may
    see. Three queries whatever the number of wards or changes."""
    procedure_ids = {v.procedure_id for v in versions}
    pages = list(
        ward_pages(ProcedurePage.objects.filter(procedure__in=procedure_ids), user).values(
            "pk", "path", "live", "procedure_id", "catalogue__number"
        )
    )
    in_review = set(
        WorkflowState.objects.filter(
            base_content_type__model="page",
            base_content_type__app_label="wagtailcore",
            object_id__in=[str(p["pk"]) for p in pages],
            status=WorkflowState.STATUS_IN_PROGRESS,
        ).values_list("object_id", flat=True)
    )
    sites = sorted(
        Site.objects.select_related("root_page"),
        key=lambda s: len(s.root_page.path),
        reverse=True,
    )

    def site_of(path):
        return next((s for s in sites if path.startswith(s.root_page.path)), None)

    result = {}
    for version in versions:
        rows = []
        for page in pages:
            if page["procedure_id"] != version.procedure_id:
                continue
            if page["live"] and page["catalogue__number"] >= version.number:
                state = PUBLISHED
            elif str(page["pk"]) in in_review:
                state = REVIEWING
            else:
                state = NOT_STARTED
            rows.append({"site": site_of(page["path"]), "page_id": page["pk"], "state": state})
        rows.sort(key=lambda row: row["site"].site_name if row["site"] else "")
        result[version.pk] = rows
    return result


def catalogue_changes_view(request):
    """Every change of the national catalogue, newest first, with how many of the user's
    wards have published it, are reviewing it, or have not started."""
    if not _may_read(request.user):
        raise PermissionDenied
    versions = (
        ProcedureVersion.objects.filter(number__gt=1, procedure__ward__isnull=True)
        .select_related("procedure")
        .order_by("-created_at", "-pk")
    )
    page_obj = Paginator(versions, CHANGES_PER_PAGE).get_page(request.GET.get("p"))
    states = _ward_states(list(page_obj.object_list), request.user)
    changes = []
    for version in page_obj.object_list:
        rows = states[version.pk]
        counts = {key: sum(1 for row in rows if row["state"] == key) for key in STATE_LABELS}
        changes.append({"version": version, "counts": counts, "wards": len(rows)})
    return TemplateResponse(
        request,
        "tthc/admin/catalogue_changes.html",
        {
            "page_title": "Thay đổi danh mục",
            "header_title": "Thay đổi danh mục thủ tục: các phường đã đăng chưa",
            "changes": changes,
            "page_obj": page_obj,
            "city": sees_every_ward(request.user),
            "labels": STATE_LABELS,
        },
    )


def catalogue_change_view(request, pk):
    """One catalogue change: each ward (of those the user may see) and its page's state."""
    if not _may_read(request.user):
        raise PermissionDenied
    version = get_object_or_404(
        ProcedureVersion.objects.select_related("procedure", "field"),
        pk=pk,
        procedure__ward__isnull=True,
    )
    rows = _ward_states([version], request.user)[version.pk]
    for row in rows:
        row["label"] = STATE_LABELS[row["state"]]
    if sees_every_ward(request.user):
        with_page = {row["site"].pk for row in rows if row["site"]}
        indexes = list(ProcedureIndexPage.objects.values_list("path", flat=True))
        wards = [
            site
            for site in Site.objects.select_related("root_page").order_by("site_name")
            if site.pk not in with_page
            and any(path.startswith(site.root_page.path) for path in indexes)
        ]
        rows += [
            {"site": site, "page_id": None, "state": NO_PAGE, "label": STATE_LABELS[NO_PAGE]}
            for site in wards
        ]
    return TemplateResponse(
        request,
        "tthc/admin/catalogue_change.html",
        {
            "page_title": f"Thay đổi danh mục: {version.name}",
            "header_title": f"{version.procedure.code} — {version.name} (phiên bản {version.number})",
            "version": version,
            "rows": rows,
        },
    )


# --- A ward's own procedures -----------------------------------------------------------------

# The change note of a page's revision after the ward corrected its own procedure's facts.
WARD_CHANGE_NOTE = "Cập nhật thông tin thủ tục riêng của phường"


def national_or_own(queryset, site):
    """The national catalogue, and the ward-only procedures of ``site`` (no other ward's)."""
    return queryset.filter(Q(ward__isnull=True) | Q(ward=site))


def edit_ward_procedure_url(procedure, user):
    """Where ``user`` corrects the facts of ``procedure``: only a ward-only procedure of the
    user's own ward, for those who may add one; otherwise None."""
    if procedure is None or procedure.ward_id is None:
        return None
    if not user.has_perm("tthc.import_catalogue"):
        return None
    site = user_ward(user)
    if site is None or site.pk != procedure.ward_id:
        return None
    return reverse("tthc_edit_ward_procedure", args=[procedure.pk])


class WardProcedureForm(forms.Form):
    name = forms.CharField(label="Tên thủ tục", max_length=500)
    field = forms.ModelChoiceField(
        label="Lĩnh vực", queryset=ProcedureField.objects.all(), empty_label=None
    )
    level = forms.ChoiceField(label="Mức độ trực tuyến", choices=OnlineLevel.choices)
    processing_days = forms.DecimalField(
        label="Thời hạn giải quyết (ngày làm việc)",
        min_value=Decimal(0),
        max_value=Decimal(999),
        decimal_places=1,
    )
    processing_note = forms.CharField(
        label="Ghi chú thời hạn", required=False, widget=forms.Textarea
    )
    agency = forms.CharField(label="Cơ quan giải quyết", max_length=500)
    result = forms.CharField(label="Kết quả", max_length=1000)
    online_url = forms.URLField(
        label="Đường dẫn nộp trực tuyến", required=False, max_length=2000, assume_scheme="https"
    )

    def clean(self):
        data = super().clean()
        if data.get("level") in (OnlineLevel.FULL, OnlineLevel.PARTIAL) and not data.get(
            "online_url"
        ):
            self.add_error("online_url", "Thủ tục trực tuyến cần đường dẫn nộp hồ sơ trực tuyến.")
        return data


def add_ward_procedure_view(request):
    """A procedure only this ward has (a local service not in the national catalogue): its
    facts and its page, sent into the ward's workflow. The sync never touches it and no
    other ward sees it."""
    if not request.user.has_perm("tthc.import_catalogue"):
        raise PermissionDenied
    site = user_ward(request.user)
    index_page = (
        ProcedureIndexPage.objects.filter(path__startswith=site.root_page.path).first()
        if site
        else None
    )
    if index_page is None:
        messages.error(
            request,
            "Tài khoản của bạn chưa gắn với phường nào có trang «Thủ tục hành chính»: "
            "chỉ cán bộ của phường thêm được thủ tục riêng của phường.",
        )
        return redirect("tthc_procedure:index")
    if request.method == "POST":
        form = WardProcedureForm(request.POST)
        if form.is_valid():
            page = _create_ward_procedure(site, index_page, form.cleaned_data)
            messages.success(
                request,
                f"Đã thêm thủ tục riêng «{page.title}» ({page.procedure.code}); trang đã được "
                f"gửi vào quy trình duyệt của phường.",
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
    else:
        form = WardProcedureForm()
    return TemplateResponse(
        request,
        "tthc/admin/ward_procedure_form.html",
        {
            "page_title": "Thêm thủ tục riêng của phường",
            "header_title": "Thêm thủ tục riêng của phường",
            "breadcrumbs_items": _ward_procedure_breadcrumbs("Thêm thủ tục riêng"),
            "form": form,
            "site": site,
            "submit_label": "Thêm thủ tục",
        },
    )


def _ward_procedure_breadcrumbs(label, procedure=None):
    """The trail above the ward-procedure forms: the catalogue, the procedure, this form."""
    items = [{"url": reverse("tthc_procedure:index"), "label": "Danh mục thủ tục"}]
    if procedure:
        items.append(
            {"url": reverse("tthc_procedure:inspect", args=[procedure.pk]), "label": procedure.code}
        )
    return items + [{"url": "", "label": label}]


def edit_ward_procedure_view(request, pk):
    """Correct the facts of one of the ward's own procedures (the add form, filled in): a new
    version of the procedure, which reaches the ward's page as a new revision sent into the
    ward's workflow, as a catalogue change does. A national procedure's facts are the
    catalogue's and are refused here; another ward's procedure is not found."""
    if not request.user.has_perm("tthc.import_catalogue"):
        raise PermissionDenied
    site = user_ward(request.user)
    procedure = get_object_or_404(
        national_or_own(Procedure.objects, site).select_related("current__field"), pk=pk
    )
    if procedure.ward_id is None:
        messages.error(
            request,
            f"«{procedure}» thuộc danh mục thủ tục quốc gia, dùng chung cho mọi phường, xã: "
            "thông tin của thủ tục chỉ thay đổi theo danh mục (đồng bộ hoặc nạp tệp), không "
            "sửa được ở đây. Hướng dẫn riêng của phường viết trên trang thủ tục của phường.",
        )
        return redirect("tthc_procedure:inspect", procedure.pk)
    if site is None or procedure.ward_id != site.pk:  # national_or_own lets none through
        raise Http404
    version = procedure.current
    if request.method == "POST":
        form = WardProcedureForm(request.POST)
        if form.is_valid():
            revised = _revise_ward_procedure(procedure, site, form.cleaned_data)
            if revised is None:
                messages.info(request, "Thông tin thủ tục không thay đổi; không có gì để lưu.")
            else:
                messages.success(
                    request,
                    f"Đã lưu thông tin thủ tục «{revised.name}» ({procedure.code}), phiên bản "
                    f"{revised.number}; trang thủ tục của phường đã được gửi vào quy trình duyệt.",
                )
            return redirect("tthc_procedure:inspect", procedure.pk)
    else:
        form = WardProcedureForm(
            initial={
                "name": version.name,
                "field": version.field_id,
                "level": version.level,
                "processing_days": version.processing_days,
                "processing_note": version.processing_note,
                "agency": version.agency,
                "result": version.result,
                "online_url": version.online_url,
            }
        )
    return TemplateResponse(
        request,
        "tthc/admin/ward_procedure_form.html",
        {
            "page_title": f"Sửa thông tin thủ tục {procedure.code}",
            "header_title": f"Sửa thông tin thủ tục {procedure.code}",
            "breadcrumbs_items": _ward_procedure_breadcrumbs("Sửa thông tin", procedure),
            "form": form,
            "site": site,
            "procedure": procedure,
            "submit_label": "Lưu thông tin thủ tục",
        },
    )


def _ward_item(code, data):
    """The catalogue item (normalised) of a ward's own procedure, from the form's data."""
    from . import catalogue as reader

    item = {
        "code": code,
        "name": data["name"],
        "field": data["field"].name,
        "level": data["level"],
        "processing_days": str(data["processing_days"]),
        "processing_note": data["processing_note"],
        "fees": [],
        "documents": [],
        "steps": [],
        "legal_basis": [],
        "agency": data["agency"],
        "result": data["result"],
        "online_url": data["online_url"],
        "updated_at": None,
    }
    item = reader.normalise(item)
    item["online_url"] = item["online_url"] or ""
    return item


@transaction.atomic
def _create_ward_procedure(site, index_page, data):
    from content.text import ascii_slug

    from . import catalogue as reader

    # One at a time per ward, so two editors never get the same code.
    Site.objects.select_for_update().filter(pk=site.pk).first()
    procedure = Procedure.objects.create(code=Procedure.next_ward_code(site), ward=site)
    item = _ward_item(procedure.code, data)
    procedure.current = new_version(procedure, 1, item, data["field"], reader.fingerprint(item))
    procedure.save(update_fields=["current"])
    slugs = set(index_page.get_children().values_list("slug", flat=True))
    base = ascii_slug(item["name"])[:80].rstrip("-") or ascii_slug(procedure.code)
    slug = base if base not in slugs else f"{base}-{ascii_slug(procedure.code)}"
    page = index_page.add_child(
        instance=ProcedurePage(
            title=item["name"],
            slug=slug,
            procedure=procedure,
            catalogue=procedure.current,
            live=False,
        )
    )
    page.save_revision(log_action=True)
    _start_workflow(page)
    return page


@transaction.atomic
def _revise_ward_procedure(procedure, site, data):
    """A new version of the ward's own ``procedure`` when ``data`` changes its facts (None
    when it does not), sent to the ward's page as the sync sends a catalogue change."""
    from . import catalogue as reader

    # One at a time per procedure, so two saves never get the same version number.
    procedure = (
        Procedure.objects.select_for_update(of=("self",))
        .select_related("current")
        .get(pk=procedure.pk)
    )
    item = _ward_item(procedure.code, data)
    digest = reader.fingerprint(item)
    previous = procedure.current
    if previous.fingerprint == digest:
        return None
    procedure.current = new_version(procedure, next_number(procedure), item, data["field"], digest)
    procedure.save(update_fields=["current"])
    parts = _changed_parts(previous, procedure.current)
    for page in ProcedurePage.objects.filter(
        procedure=procedure, path__startswith=site.root_page.path
    ):
        _send_change_to_workflow(page, procedure, parts, WARD_CHANGE_NOTE)
    return procedure.current
