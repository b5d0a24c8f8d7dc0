"""The iHanoi guide of the feedback pillar: a picture per step, each with alt text, rendered on
the public page; seeding it again makes nothing new."""

import html
import json
import re

import pytest
from wagtail.images import get_image_model

from content.models import StandardPage
from feedback import demo
from feedback.models import FeedbackIndexPage
from tests import feedback_helpers

ward = feedback_helpers.ward
photo_root = feedback_helpers.photo_root

pytestmark = pytest.mark.django_db
GUIDE_URL = f"/phan-anh-kien-nghi/{demo.GUIDE_SLUG}/"
STEPS = json.loads((demo.GUIDE_DIR / "guide.json").read_text(encoding="utf-8"))


def _seed():
    demo._seed_guide(FeedbackIndexPage.objects.get())
    return StandardPage.objects.get(slug=demo.GUIDE_SLUG)


def test_the_guide_has_one_picture_with_alt_text_per_step(ward):
    guide = _seed()
    headings = [b.value["text"] for b in guide.body if b.block_type == "heading"]
    images = [b.value for b in guide.body if b.block_type == "image"]
    assert 5 <= len(STEPS) <= 6
    assert headings == [f"Bước {n}: {s['title']}" for n, s in enumerate(STEPS, start=1)]
    assert len(images) == len(STEPS)
    assert [i.contextual_alt_text for i in images] == [s["alt"] for s in STEPS]
    assert all(i.contextual_alt_text.strip() and not i.decorative for i in images)
    assert all((i.width, i.height) == (360, 640) for i in images)
    # Small pictures: a phone on a slow connection loads the whole guide quickly.
    assert all((demo.GUIDE_DIR / s["image"]).stat().st_size < 60_000 for s in STEPS)


def test_the_guide_page_renders_each_picture_with_its_alt_text(client, ward):
    _seed()
    response = client.get(GUIDE_URL)
    assert response.status_code == 200
    page = response.content.decode()
    alts = [html.unescape(a) for a in re.findall(r'<img[^>]*\balt="([^"]*)"', page)]
    for step in STEPS:
        assert step["alt"] in alts
        assert html.escape(step["text"], quote=False) in page
    assert "Không dùng điện thoại thông minh?" in page


def test_seeding_the_guide_again_makes_no_new_page_or_image(ward, django_assert_max_num_queries):
    first = _seed()
    images = get_image_model().objects.count()
    index = FeedbackIndexPage.objects.get()
    with django_assert_max_num_queries(2):
        demo._seed_guide(index)
    second = StandardPage.objects.get(slug=demo.GUIDE_SLUG)
    assert second.pk == first.pk
    assert get_image_model().objects.count() == images == len(STEPS)
    assert StandardPage.objects.filter(slug=demo.GUIDE_SLUG).count() == 1


def test_an_older_guide_without_pictures_gets_them(ward):
    index = FeedbackIndexPage.objects.get()
    old = index.add_child(
        instance=StandardPage(
            slug=demo.GUIDE_SLUG,
            title=demo.GUIDE_TITLE,
            body=[{"type": "paragraph", "value": "<p>Bước 1. Cài ứng dụng.</p>"}],
        )
    )
    guide = _seed()
    assert guide.pk == old.pk
    assert sum(b.block_type == "image" for b in guide.body) == len(STEPS)
    assert guide.live
