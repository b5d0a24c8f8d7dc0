"""Benchmark: citizens sending reports, and the pages that list them.

Run on a scratch database (it seeds the demo ward when none is there):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \
        REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/feedback_submit.py

Prints the time of a report without photos and with one 12-megapixel photo (checked,
decoded, re-encoded), median and slowest of BENCH_REPORTS each; then the results page and
the staff queue with that many more reports in the database.
"""

import io
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()
logging.disable(logging.WARNING)

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from PIL import Image  # noqa: E402

COUNT = int(os.environ.get("BENCH_REPORTS", "30"))
FORM = "/phan-anh-kien-nghi/gui/"


def photo():
    image = Image.effect_noise((4000, 3000), 60).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def timed(client, data):
    started = time.perf_counter()
    response = client.post(FORM, data)
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    return elapsed


def main():
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    settings.FEEDBACK_PHOTO_ROOT = Path(tempfile.mkdtemp(prefix="bench-feedback-"))
    settings.FEEDBACK_RATE_LIMIT = 10**6
    settings.ALLOWED_HOSTS = ["*"]
    call_command("seed_demo", "--if-empty", "--without", "thu-tuc-hanh-chinh", stdout=io.StringIO())
    from feedback.forms import new_token
    from feedback.models import FeedbackCategory, FeedbackReport

    client = Client(HTTP_HOST="localhost")
    category = FeedbackCategory.objects.get(slug="ve-sinh-moi-truong")
    jpeg = photo()
    print(f"photo: 4000×3000 JPEG, {len(jpeg) / 1e6:.1f} MB")
    for label, with_photo in [("report, no photo", False), ("report, one photo", True)]:
        times = []
        for _ in range(COUNT):
            cache.clear()
            data = {
                "category": category.pk,
                "urgency": "thuong",
                "description": "Rác thải ứ đọng ở đầu ngõ nhiều ngày.",
                "consent": "on",
                "token": new_token(),
            }
            if with_photo:
                data["photos"] = [SimpleUploadedFile("a.jpg", jpeg, content_type="image/jpeg")]
            times.append(timed(client, data))
        print(
            f"{label:<22} median {statistics.median(times) * 1000:7.0f} ms"
            f"   slowest {max(times) * 1000:7.0f} ms   ({COUNT} reports)"
        )
    total = FeedbackReport.objects.count()
    for label, path in [
        ("results page", "/phan-anh-kien-nghi/ket-qua/"),
        ("results RSS", "/phan-anh-kien-nghi/ket-qua/rss/"),
        ("form with similar", f"{FORM}?category={category.pk}"),
    ]:
        client.get(path)
        started = time.perf_counter()
        for _ in range(10):
            client.get(path)
        print(f"{label:<22} {(time.perf_counter() - started) * 100:7.0f} ms  ({total} reports)")


if __name__ == "__main__":
    main()
