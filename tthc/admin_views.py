"""Loading the catalogue from a CSV, XLSX or JSON file in the admin, for a ward whose city
has no catalogue API yet: upload, see what would change, then confirm. Nothing is written
before the confirmation, and nothing at all when the file has an error."""

import secrets

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from content.models import SyncRun

from . import catalogue as reader
from . import sync
from .models import Procedure

PENDING_KEY = "tthc:upload:{}"
PENDING_SECONDS = 60 * 60
SESSION_KEY = "tthc_catalogue_upload"
PREVIEW_ROWS = 50


class CatalogueUploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp danh mục",
        help_text=(
            "Tệp .xlsx, .csv (UTF-8) hoặc .json xuất từ Cổng Dịch vụ công, tối đa 20 MB. "
            "Tệp phải có toàn bộ danh mục của phường: thủ tục không có trong tệp sẽ được "
            "đánh dấu là không còn hiệu lực."
        ),
    )
    publish_new = forms.BooleanField(
        label="Đăng ngay trang của thủ tục mới",
        required=False,
        help_text="Chỉ dùng khi nạp danh mục lần đầu. Nếu không chọn, trang mới được gửi vào "
        "quy trình duyệt.",
    )


def upload_catalogue_view(request):
    if not request.user.has_perm("tthc.import_catalogue"):
        raise PermissionDenied
    context = {
        "page_title": "Nạp danh mục thủ tục từ tệp",
        "header_title": "Nạp danh mục thủ tục từ tệp",
        "errors": [],
        "preview": None,
    }
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    if request.method == "POST":
        form = CatalogueUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            catalogue = reader.read_bytes(upload.read(), upload.name)
            if catalogue.errors:
                context["errors"] = catalogue.errors[:100]
                context["more_errors"] = max(len(catalogue.errors) - 100, 0)
            else:
                token = secrets.token_urlsafe(16)
                cache.set(PENDING_KEY.format(token), catalogue, PENDING_SECONDS)
                request.session[SESSION_KEY] = {
                    "token": token,
                    "publish_new": form.cleaned_data["publish_new"],
                }
                context["preview"] = sync.preview(catalogue.items)
                context["file_name"] = catalogue.origin
                context["publish_new"] = form.cleaned_data["publish_new"]
                context["rows"] = PREVIEW_ROWS
    else:
        form = CatalogueUploadForm()
    context["form"] = form
    context["last_run"] = SyncRun.objects.filter(source=sync.SOURCE).first()
    return TemplateResponse(request, "tthc/admin/upload_catalogue.html", context)


def _confirm(request):
    pending = request.session.pop(SESSION_KEY, None) or {}
    catalogue = cache.get(PENDING_KEY.format(pending.get("token", "")))
    if catalogue is None:
        messages.error(request, "Tệp đã tải lên quá lâu hoặc đã được nạp; hãy tải lên lại.")
        return redirect("tthc_upload_catalogue")
    cache.delete(PENDING_KEY.format(pending["token"]))
    try:
        # The preview listed every procedure the file lacks: loading it confirms them.
        run = sync.sync_from_items(
            catalogue, publish_new=pending.get("publish_new", False), confirm_withdrawals=True
        )
    except sync.SyncBusy as error:
        messages.error(request, str(error))
        return redirect("tthc_upload_catalogue")
    if run.status == SyncRun.Status.SUCCESS:
        messages.success(request, f"Đã nạp danh mục: {run.summary()}.")
    else:
        messages.error(request, f"{run.get_status_display()}: {run.message}")
    return redirect(reverse("content_syncrun:inspect", args=[run.pk]))


def export_catalogue_view(request):
    """The catalogue in force as an XLSX file in the upload format: to read, or to correct and
    load again when the city has no catalogue API."""
    if not request.user.has_perm("tthc.view_procedure"):
        raise PermissionDenied
    procedures = (
        Procedure.national()
        .filter(in_force=True)
        .select_related("current__field", "current__procedure")
    )
    data = reader.xlsx_bytes(p.current.as_item() for p in procedures)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="danh-muc-thu-tuc.xlsx"'
    return response
