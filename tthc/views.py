"""Views of the procedures pillar outside the page tree."""

from django.http import Http404
from django.shortcuts import redirect
from wagtail.models import Site

from .models import ProcedurePage


def procedure_by_code(request, code):
    """``/thu-tuc-hanh-chinh/ma/1.001193/``: the national code printed on a paper or a notice
    board leads to this ward's page of the procedure. (A plain Django view: Wagtail's page URLs
    do not allow the dots of a code.)"""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    page = (
        ProcedurePage.objects.live()
        .descendant_of(site.root_page)
        .filter(procedure__code=code)
        .first()
    )
    if page is None:
        raise Http404
    return redirect(page.get_url(request))
