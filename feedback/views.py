"""Citizen-facing views of the feedback pillar, called by FeedbackIndexPage's routes.

None of them ever shows the reporter's name, phone, e-mail, exact address, map point or own
words: public views use the public title, category, place, status history, public answer and
the photos a member of staff made public. The tracking code is the reporter's key: public
listings (similar reports, results, RSS) never show it or link by it, and look-ups that could
be guesses are limited per client (``ratelimit.lookup_refused``).
"""

import logging

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page, Site

from content.models import Place
from content.text import nfc

from . import ratelimit
from .forms import LookupForm, RatingForm, ReopenForm, ReportForm, new_token, submission_key
from .models import (
    CLOSED_STATUSES,
    FeedbackCategory,
    FeedbackPhoto,
    FeedbackReport,
    PageUsefulness,
    Status,
    create_report,
    is_legacy_code,
)
from .notify import queue_new_report

logger = logging.getLogger(__name__)
SIMILAR_LIMIT = 5
RESULTS_PER_PAGE = 20


def _site(request, page):
    return Site.find_for_request(request) or page.get_site()


def _render(request, page, template, context, status=200):
    context = {"page": page, "self": page, **context}
    return TemplateResponse(request, template, context, status=status)


def similar_reports(site, category=None, place=None):
    """Open and resolved reports of the same place and category, newest first (FixMyStreet's
    "already reported?" step). Those closed otherwise (rejected, forwarded, not fixed, out of
    the ward's remit) are left out."""
    if not (category or place):
        return []
    queryset = FeedbackReport.objects.filter(site=site, anonymised_at__isnull=True).exclude(
        status__in=CLOSED_STATUSES - {Status.RESOLVED}
    )
    if category:
        queryset = queryset.filter(category=category)
    if place:
        queryset = queryset.filter(place=place)
    return list(
        queryset.select_related("category", "place").order_by("-received_at")[:SIMILAR_LIMIT]
    )


def file_report(site, form, token=""):
    """Store the report of a valid ``ReportForm`` and queue the staff notification once it is
    committed: the one path of every report a citizen files, on the portal's form or through
    the Open311 API (open311/views.py). Returns (report, created)."""
    report, created = create_report(
        site=site,
        token=token,
        photos=form.encoded_photos,
        consent_at=timezone.now(),
        **form.report_fields(),
    )
    if created:
        queue_new_report(report.pk)
    return report, created


def report_form(request, page):
    """The report form. Its page is cached for every visitor alike (portal/caching.py), so
    the form's hidden token is shared by everyone the cached copy reaches: a double
    submission is recognised by the token together with what was written
    (``submission_key``), never by the token alone."""
    site = _site(request, page)
    if request.method == "POST":
        # A body larger than five photos was refused before anything read it
        # (portal/public_input.py, PUBLIC_MAX_BODY).
        if ratelimit.hit(request):
            return _render(
                request, page, "feedback/refused.html", {"message": ratelimit.MESSAGE}, status=429
            )
        token = submission_key(request.POST)
        existing = (
            token and FeedbackReport.objects.filter(site=site, submission_token=token).first()
        )
        if existing:
            # The same form sent twice (a double tap, a reload): one report.
            return redirect(page.url + page.reverse_subpage("sent_route", args=[existing.code]))
        form = ReportForm(request.POST, site=site, files_list=request.FILES.getlist("photos"))
        if form.is_valid():
            report, _created = file_report(site, form, token)
            return redirect(page.url + page.reverse_subpage("sent_route", args=[report.code]))
        status = 400
    else:
        initial = {"token": new_token()}
        form = ReportForm(initial=initial, site=site)
        status = 200
    chosen_category = _pick(FeedbackCategory.objects.filter(is_active=True), request, "category")
    chosen_place = _pick(Place.objects.filter(site=site, is_active=True), request, "place")
    if request.method == "GET" and (chosen_category or chosen_place):
        form.initial.update({"category": chosen_category, "place": chosen_place})
    return _render(
        request,
        page,
        "feedback/report_form.html",
        {
            "form": form,
            "similar": similar_reports(site, chosen_category, chosen_place),
            "checked_similar": bool(chosen_category or chosen_place),
            "categories": FeedbackCategory.objects.filter(is_active=True),
            "places": Place.objects.filter(site=site, is_active=True),
            "chosen_category": chosen_category,
            "chosen_place": chosen_place,
            "max_photos": settings.FEEDBACK_MAX_PHOTOS,
        },
        status=status,
    )


def _pick(queryset, request, name):
    value = request.POST.get(name) if request.method == "POST" else request.GET.get(name)
    if not value or not str(value).isdigit():
        return None
    return queryset.filter(pk=value).first()


def _lookup_refused(request, page, form=None):
    response = _render(
        request,
        page,
        "feedback/lookup.html",
        {"form": form or LookupForm(), "refused": ratelimit.LOOKUP_MESSAGE},
        status=429,
    )
    response["Retry-After"] = str(settings.FEEDBACK_LOOKUP_WINDOW)
    return response


def _find_report(request, page, code):
    """(report, None) for ``code`` on this ward, or (None, a 429 answer) once this client has
    used up its guesses. An unknown code, and any old counting-up code, counts as a guess."""
    if ratelimit.lookup_refused(request):
        return None, _lookup_refused(request, page)
    report = (
        FeedbackReport.objects.filter(site=_site(request, page), code=code)
        .select_related("category", "place")
        .first()
    )
    if report is None or is_legacy_code(code):
        ratelimit.lookup_missed(request)
    if report is None:
        raise Http404
    return report, None


@never_cache
def sent(request, page, code):
    report, refused = _find_report(request, page, code)
    if refused:
        return refused
    status_url = page.url + page.reverse_subpage("status_route", args=[report.code])
    return _render(
        request, page, "feedback/sent.html", {"report": report, "status_url": status_url}
    )


def lookup(request, page):
    form = LookupForm(request.GET or None)
    not_found = False
    if form.is_bound and ratelimit.lookup_refused(request):
        return _lookup_refused(request, page, form)
    if form.is_valid():
        code = form.cleaned_data["ma"]
        if FeedbackReport.objects.filter(site=_site(request, page), code=code).exists():
            return redirect(page.url + page.reverse_subpage("status_route", args=[code]))
        ratelimit.lookup_missed(request)
        not_found = True
    return _render(
        request,
        page,
        "feedback/lookup.html",
        {"form": form, "not_found": not_found},
        status=404 if not_found else (400 if form.is_bound and not form.is_valid() else 200),
    )


def _public_photos(page, report):
    photos = [p for p in report.photos.all() if p.is_public]
    for photo in photos:
        photo.url = photo.public_path
    return {
        "before": [p for p in photos if p.kind == FeedbackPhoto.Kind.BEFORE],
        "after": [p for p in photos if p.kind == FeedbackPhoto.Kind.AFTER],
    }


@never_cache
def status(request, page, code):
    report, refused = _find_report(request, page, code)
    if refused:
        return refused
    return _render(
        request,
        page,
        "feedback/status.html",
        {
            "report": report,
            "history": report.public_history,
            "photos": _public_photos(page, report),
            "can_rate": report.status == Status.RESOLVED and report.rating is None,
            "rating_url": page.url + page.reverse_subpage("rating_route", args=[report.code]),
            "can_reopen": report.can_reopen,
            "reopen_form": ReopenForm(code=report.code),
            "reopen_url": page.url + page.reverse_subpage("reopen_route", args=[report.code]),
            "reopened": "da-mo-lai" in request.GET,
        },
    )


@never_cache
def reopen(request, page, code):
    """The citizen reopens a report closed as fixed (``FeedbackReport.reopen``), by its code
    and a short reason, within FEEDBACK_REOPEN_DAYS of its closing. A plain form (no
    JavaScript): GET shows it, POST reopens and redirects to the status page."""
    report, refused = _find_report(request, page, code)
    if refused:
        return refused
    status_url = page.url + page.reverse_subpage("status_route", args=[report.code])
    if not report.can_reopen:
        return _render(
            request,
            page,
            "feedback/reopen.html",
            {
                "report": report,
                "form": None,
                "status_url": status_url,
                "reopen_days": settings.FEEDBACK_REOPEN_DAYS,
            },
            status=409 if request.method == "POST" else 200,
        )
    form = ReopenForm(request.POST or None, code=report.code)
    if request.method == "POST":
        if ratelimit.hit(request, scope="reopen", limit=10):
            return _render(
                request, page, "feedback/refused.html", {"message": ratelimit.MESSAGE}, status=429
            )
        if form.is_valid():
            entry = report.reopen(form.cleaned_data["reason"])
            if entry is None:
                return HttpResponseRedirect(status_url)
            return HttpResponseRedirect(status_url + "?da-mo-lai=1")
    return _render(
        request,
        page,
        "feedback/reopen.html",
        {"report": report, "form": form, "status_url": status_url},
        status=400 if form.is_bound and form.errors else 200,
    )


@never_cache
def rate(request, page, code):
    report, refused = _find_report(request, page, code)
    if refused:
        return refused
    status_url = page.url + page.reverse_subpage("status_route", args=[report.code])
    if report.status != Status.RESOLVED or report.rating is not None:
        return HttpResponseRedirect(status_url)
    form = RatingForm(request.POST or None)
    if (
        request.method == "POST"
        and not ratelimit.hit(request, scope="rating", limit=20)
        and form.is_valid()
    ):
        # One rating per report, even when two are sent at once.
        FeedbackReport.objects.filter(pk=report.pk, rating__isnull=True).update(
            rating=form.cleaned_data["rating"], rating_comment=form.cleaned_data["comment"] or ""
        )
        return HttpResponseRedirect(status_url + "?da-danh-gia=1")
    return _render(
        request,
        page,
        "feedback/rate.html",
        {"report": report, "form": form, "status_url": status_url},
        status=400 if form.is_bound and form.errors else 200,
    )


def published_results(site):
    return (
        FeedbackReport.objects.filter(
            site=site, status=Status.RESOLVED, publish_result=True, anonymised_at__isnull=True
        )
        .select_related("category", "place")
        .order_by("-closed_at")
    )


def results(request, page):
    site = _site(request, page)
    queryset = published_results(site)
    chosen_category = _pick(FeedbackCategory.objects.all(), request, "category")
    chosen_place = _pick(Place.objects.filter(site=site), request, "place")
    if chosen_category:
        queryset = queryset.filter(category=chosen_category)
    if chosen_place:
        queryset = queryset.filter(place=chosen_place)
    reports = list(queryset.prefetch_related("photos")[:RESULTS_PER_PAGE])
    for report in reports:
        report.public_photos = _public_photos(page, report)
        report.public_url = result_url(page, report)
    return _render(
        request,
        page,
        "feedback/results.html",
        {
            "reports": reports,
            "categories": FeedbackCategory.objects.all(),
            "places": Place.objects.filter(site=site, is_active=True),
            "chosen_category": chosen_category,
            "chosen_place": chosen_place,
            "feed_url": page.url + page.reverse_subpage("results_feed_route"),
        },
    )


def result_url(page, report):
    """The public page of a published result: by its number, never by the tracking code."""
    return page.url + page.reverse_subpage("result_route", args=[report.pk])


def result(request, page, pk):
    """One published result: what the results page shows of it, with its public history."""
    report = published_results(_site(request, page)).filter(pk=pk).first()
    if report is None:
        raise Http404
    return _render(
        request,
        page,
        "feedback/result.html",
        {
            "report": report,
            "history": report.public_history,
            "photos": _public_photos(page, report),
            "results_url": page.url + page.reverse_subpage("results_route"),
        },
    )


class ResultsFeed(Feed):
    """RSS of published results. Django's feed generator escapes every text it writes."""

    description_template = None

    def __call__(self, request, *args, page=None, **kwargs):
        self.page = page
        self.site = _site(request, page)
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"Kết quả xử lý phản ánh – {self.site.site_name or ''}".strip(" –")

    def link(self):
        return self.page.url + self.page.reverse_subpage("results_route")

    def description(self):
        return "Phản ánh của người dân đã được phường xử lý xong và công khai kết quả."

    def items(self):
        return published_results(self.site)[:50]

    def item_title(self, item):
        return item.display_title

    def item_description(self, item):
        return item.public_answer

    def item_link(self, item):
        return result_url(self.page, item)

    def item_pubdate(self, item):
        return item.closed_at


def results_feed(request, page):
    return ResultsFeed()(request, page=page)


def photo_response(item, filename):
    """The file of ``item`` as image/jpeg with nosniff and a sandboxing CSP, or 404."""
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'inline; filename="{filename}.jpg"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def photo(request, name):
    """A photo a member of staff made public, never interpreted as HTML. Private photos answer
    404 whoever asks (staff see them through the admin's own view). The caching front keeps a
    public one for the usual time and is purged when staff make it private again
    (feedback/admin_forms.py). (A plain Django view: Wagtail's page URLs end with a slash.)"""
    item = FeedbackPhoto.objects.filter(
        file__endswith=f"/{name}.jpg", is_public=True, report__site=Site.find_for_request(request)
    ).first()
    if item is None:
        raise Http404
    return photo_response(item, name)


@csrf_exempt
@require_POST
def page_usefulness(request):
    """«Trang này có hữu ích không?» on every page. No CSRF token: a public page then needs no
    cookie (and stays cacheable), and a forged vote gains nothing; the rate limit and the
    honeypot keep robots out. Answers with a redirect back to the page (no JavaScript)."""
    site = Site.find_for_request(request)
    page = (
        Page.objects.live().public().filter(pk=request.POST.get("page") or 0).first()
        if str(request.POST.get("page", "")).isdigit()
        else None
    )
    if site is None or page is None or not page.path.startswith(site.root_page.path):
        raise Http404
    back = page.get_url(request) or "/"
    useful = {"co": True, "khong": False}.get(request.POST.get("useful"))
    if useful is None or request.POST.get("website"):
        return HttpResponseRedirect(back + "#y-kien-trang")
    if ratelimit.hit(request, scope="page-usefulness", limit=30):
        return HttpResponseRedirect(back + "?y-kien-nhieu=1#y-kien-trang")
    comment = nfc(request.POST.get("comment", ""))[:500]
    PageUsefulness.objects.create(site=site, page=page, useful=useful, comment=comment)
    return HttpResponseRedirect(back + "?y-kien-cam-on=1#y-kien-trang")
