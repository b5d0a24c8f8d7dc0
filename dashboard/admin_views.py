"""Loading case statistics from an export file of the one-stop system, for a ward whose city
has not opened the national portal's statistics to it. The file is checked whole: one error
and nothing changes; otherwise each month in the file replaces that month's figures."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Site

from content.models import SyncRun
from content.scoping import user_ward

from .models import Source
from .sources import base, cases

MAX_ERRORS = 100


class CaseStatsUploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp số liệu hồ sơ",
        help_text=(
            "Tệp .xlsx hoặc .csv (UTF-8) xuất từ hệ thống một cửa, tối đa 5 MB, mỗi dòng là "
            "một lĩnh vực trong một tháng. Tháng nào có trong tệp sẽ được thay toàn bộ số liệu "
            "của tháng đó; các tháng khác giữ nguyên."
        ),
    )


def ward_of(user):
    """The ward whose figures ``user`` loads: theirs, or the default ward for a superuser
    who works for no ward."""
    site = user_ward(user)
    if site is not None:
        return site
    if user.is_superuser:
        return Site.objects.filter(is_default_site=True).first()
    return None


def import_case_stats_view(request):
    if not request.user.has_perm("dashboard.import_case_stats"):
        raise PermissionDenied
    site = ward_of(request.user)
    context = {
        "page_title": "Nạp số liệu hồ sơ từ tệp",
        "header_title": "Nạp số liệu hồ sơ từ tệp",
        "columns": list(cases.FILE_COLUMNS),
        "errors": [],
        "site": site,
    }
    if site is None:
        context["errors"] = ["Tài khoản chưa được gán phường/xã nên chưa nạp được số liệu."]
    form = CaseStatsUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and site is not None and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = cases.import_bytes(site, upload.read(), upload.name)
        except base.Busy as error:
            messages.error(request, str(error))
            return redirect("dashboard_import_case_stats")
        if run.status == SyncRun.Status.SUCCESS:
            messages.success(request, f"Đã nạp số liệu hồ sơ. {run.message}")
            return redirect(reverse("content_syncrun:inspect", args=[run.pk]))
        errors = run.message.splitlines()
        context["errors"] = errors[:MAX_ERRORS]
        context["more_errors"] = max(run.rejected - MAX_ERRORS, 0)
    context["form"] = form
    context["last_run"] = (
        SyncRun.objects.filter(source=base.sync_source(site, Source.CASES)).first()
        if site
        else None
    )
    return TemplateResponse(request, "dashboard/admin/import_case_stats.html", context)
