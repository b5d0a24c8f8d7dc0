"""The one-stop desk's satisfaction vote: the desk poster's QR code opens a 1–5 vote that works
without JavaScript, keeps no personal data, counts per day for the dashboard, and holds back
repeat votes."""

import io
import unicodedata

import pytest
import zxingcpp
from django.test import Client
from PIL import Image

from content import satisfaction
from content.models import SatisfactionComment, SatisfactionPage, SatisfactionVote, ShortLink


@pytest.fixture
def vote_page(demo_ward):
    return SatisfactionPage.objects.get()


def test_the_desk_qr_code_opens_the_vote(client, vote_page):
    link = ShortLink.objects.get(page=vote_page)
    png = client.get(f"/q/{link.code}.png?place=mot-cua")
    url = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))[0].text
    response = client.get(url.removeprefix("http://testserver"), follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and vote_page.question in html
    # The vote form carries no per-visitor token: its page may be served from the front's cache.
    assert '<form class="vote" method="post"' in html and "csrfmiddlewaretoken" not in html
    assert html.count('type="radio" name="score"') == 5
    assert response["Cache-Control"].startswith("public,") and not response.cookies


def test_a_vote_is_counted_per_day_and_score_with_an_optional_comment(client, vote_page):
    comment = unicodedata.normalize("NFD", "Cán bộ hướng dẫn tận tình")
    response = client.post(vote_page.url, {"score": "5", "comment": comment})
    assert response.status_code == 302 and response.url == vote_page.url + "?da-gui=1"
    assert vote_page.thanks in client.get(response.url).content.decode()

    other_phone = Client()
    other_phone.post(vote_page.url, {"score": "2"})
    assert SatisfactionVote.summary() == {"rated": 2, "satisfied": 1, "mean": 3.5}
    [day] = SatisfactionVote.per_day()
    assert (day["rated"], day["satisfied"]) == (2, 1)
    saved = SatisfactionComment.objects.get()
    assert saved.text == unicodedata.normalize("NFC", comment) and saved.score == 5
    # Nothing about who voted: counts, and comments with their day and score only.
    assert {f.name for f in SatisfactionVote._meta.get_fields()} == {
        "id", "page", "day", "score", "count",
    }  # fmt: skip
    assert {f.name for f in SatisfactionComment._meta.get_fields()} == {
        "id", "page", "day", "score", "text",
    }  # fmt: skip


@pytest.mark.parametrize(
    "data",
    [{}, {"score": "6"}, {"score": "abc"}, {"score": "4", "comment": "x" * 1001}],
    ids=["no-score", "out-of-range", "not-a-number", "comment-too-long"],
)
def test_bad_input_gets_a_vietnamese_message_and_changes_nothing(client, vote_page, data):
    response = client.post(vote_page.url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Chưa gửi được đánh giá" in html
    assert "Hãy chọn một mức đánh giá" in html or "Ý kiến dài quá 1000 ký tự" in html
    assert not SatisfactionVote.objects.exists() and not SatisfactionComment.objects.exists()


def test_the_vote_refuses_a_post_from_another_site(vote_page):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(vote_page.url, {"score": "5"}).status_code == 403
    evil = {"HTTP_ORIGIN": "https://evil.example"}
    assert strict.post(vote_page.url, {"score": "5"}, **evil).status_code == 403
    assert not SatisfactionVote.objects.exists()
    own = {"HTTP_ORIGIN": "http://testserver"}
    assert strict.post(vote_page.url, {"score": "5"}, **own).status_code == 302


def test_one_phone_votes_once_a_day(client, vote_page):
    client.post(vote_page.url, {"score": "4"})
    again = client.post(vote_page.url, {"score": "1", "comment": "lần hai"})
    assert again.url == vote_page.url + "?da-gui=lai"
    assert "đã đánh giá hôm nay" in client.get(again.url).content.decode()
    assert SatisfactionVote.summary()["rated"] == 1 and not SatisfactionComment.objects.exists()


def test_one_network_is_capped_per_hour(vote_page, monkeypatch):
    monkeypatch.setattr(satisfaction, "VOTES_PER_NETWORK_PER_HOUR", 3)
    answers = [Client().post(vote_page.url, {"score": "3"}).status_code for _ in range(4)]
    assert answers == [302, 302, 302, 429]
    assert SatisfactionVote.summary()["rated"] == 3
