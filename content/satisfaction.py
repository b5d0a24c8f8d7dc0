"""Serving the one-stop desk's satisfaction vote (content.models.satisfaction).

A plain HTML form (works without JavaScript, CSRF-protected by Django's middleware). A vote is
one counter increment; an optional comment is one row. After a vote the browser is sent back to
the page with ``?da-gui=1`` (post/redirect/get), so reloading does not vote twice.

Repeat votes are held back two ways, neither storing anything about the voter:
- a signed cookie ``danh_gia_mot_cua`` holding today's date: the same phone votes once a day;
- an hourly cap per network (the client address, hashed with the secret key, kept only in the
  cache for the hour): a script cannot pour votes in. The cap is generous, since a desk's
  visitors may share one Wi-Fi network.
"""

import hashlib

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone

from .models.satisfaction import SCORES, SatisfactionComment, SatisfactionVote
from .text import nfc

COOKIE = "danh_gia_mot_cua"
COOKIE_SALT = "content.satisfaction"
VOTES_PER_NETWORK_PER_HOUR = 60
COMMENT_MAX = 1000


class VoteForm(forms.Form):
    score = forms.TypedChoiceField(
        label="Mức độ hài lòng",
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Hãy chọn một mức đánh giá, từ 1 đến 5.",
            "invalid_choice": "Hãy chọn một mức đánh giá, từ 1 đến 5.",
        },
    )
    comment = forms.CharField(
        label="Ý kiến thêm (không bắt buộc)",
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Xin đừng ghi họ tên, số điện thoại hay số hồ sơ.",
        error_messages={
            "max_length": f"Ý kiến dài quá {COMMENT_MAX} ký tự, xin viết ngắn hơn.",
        },
    )

    def clean_comment(self):
        return nfc(self.cleaned_data.get("comment") or "")


def _network_key(request, page):
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()[:20]
    hour = timezone.now().strftime("%Y%m%d%H")
    return f"satisfaction:{page.pk}:{digest}:{hour}"


def _over_cap(request, page):
    key = _network_key(request, page)
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) > VOTES_PER_NETWORK_PER_HOUR
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        return False


def _voted_today(request):
    today = timezone.localdate().isoformat()
    return request.get_signed_cookie(COOKIE, default=None, salt=COOKIE_SALT) == today


def serve_vote(page, request):
    context = page.get_context(request)
    status = 200
    if request.method == "POST":
        form = VoteForm(request.POST)
        if form.is_valid():
            if _voted_today(request):
                return HttpResponseRedirect(page.url + "?da-gui=lai")
            if _over_cap(request, page):
                context["refused"] = (
                    "Đã có quá nhiều lượt đánh giá từ cùng một mạng trong giờ này. "
                    "Xin ông/bà thử lại sau."
                )
                status = 429
            else:
                score = form.cleaned_data["score"]
                SatisfactionVote.record(page, score)
                if form.cleaned_data["comment"]:
                    SatisfactionComment.objects.create(
                        page=page,
                        day=timezone.localdate(),
                        score=score,
                        text=form.cleaned_data["comment"],
                    )
                response = HttpResponseRedirect(page.url + "?da-gui=1")
                response.set_signed_cookie(
                    COOKIE,
                    timezone.localdate().isoformat(),
                    salt=COOKIE_SALT,
                    max_age=24 * 3600,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
                return response
        else:
            status = 400
    else:
        form = VoteForm()
    context["form"] = form
    if request.method == "GET":
        context["sent"] = request.GET.get("da-gui") == "1"
        context["again"] = request.GET.get("da-gui") == "lai"
    # The form carries no per-visitor token (anonymous forms are checked by origin,
    # portal/caching.py): the page is cached like any other, its POST answers never.
    return TemplateResponse(request, page.get_template(request), context, status=status)
