"""Admin view to import places from a CSV file, for ward staff who never touch a terminal."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Site

from .places import PlaceImportError, import_places
from .scoping import ward_sites


class PlaceImportForm(forms.Form):
    site = forms.ModelChoiceField(
        queryset=Site.objects.order_by("site_name", "hostname"),
        label="Phường/xã",
        empty_label=None,
    )
    file = forms.FileField(
        label="Tệp CSV",
        help_text="Cột bắt buộc: ma, ten. Cột tùy chọn: loai, khu_vuc, thu_tu. Bảng mã UTF-8.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = ward_sites(self.fields["site"].queryset, user, change=True)


def import_places_view(request):
    if not request.user.has_perms(["content.add_place", "content.change_place"]):
        raise PermissionDenied
    errors = []
    if request.method == "POST":
        form = PlaceImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                result = import_places(form.cleaned_data["site"], form.cleaned_data["file"].read())
            except PlaceImportError as exc:
                errors = exc.errors
            else:
                messages.success(request, f"Đã nhập danh sách: {result.summary()}.")
                return redirect(reverse("wagtailsnippets_content_place:list"))
    else:
        form = PlaceImportForm(user=request.user)
    return TemplateResponse(
        request,
        "content/admin/import_places.html",
        {
            "form": form,
            "errors": errors,
            "page_title": "Nhập tổ dân phố / thôn từ CSV",
            "header_title": "Nhập tổ dân phố / thôn từ CSV",
        },
    )
