"""Uploads served by Django itself (portal/media.py; `make run`, or a stack without the front):
image renditions are public files, original images and documents are not. Documents go through
Wagtail's serve view, which keeps a private collection's documents behind its password.

The caching front applies the same rules from disk: tests/test_front_stack.py."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db

TRAVERSALS = (
    "/media/images/../original_images/{name}",
    "/media/images/%2e%2e/original_images/{name}",
    "/media//original_images/{name}",
    "/media/./original_images/{name}",
)


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def image():
    out = io.BytesIO()
    PILImage.new("RGB", (120, 90), (10, 120, 200)).save(out, format="JPEG")
    item = get_image_model()(title="Ảnh gốc thử")
    item.file = ImageFile(io.BytesIO(out.getvalue()), name="anh-goc-thu.jpg")
    item.save()
    yield item
    item.renditions.all().delete()
    item.delete()


@pytest.fixture
def private_document():
    collection = Collection.get_first_root_node().add_child(name="Hồ sơ nội bộ (thử)")
    CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="mat-khau-thu",
    )
    document = get_document_model()(title="Hồ sơ nội bộ", collection=collection)
    document.file.save("ho-so-noi-bo.pdf", ContentFile(b"%PDF-1.4 noi bo"), save=False)
    document.save()
    yield document
    document.file.delete(save=False)
    document.delete()


def test_row_19_original_images_are_never_served_only_their_renditions(client, image):
    original = image.file.name  # original_images/anh-goc-thu….jpg
    assert original.startswith("original_images/")
    assert (Path(settings.MEDIA_ROOT) / original).is_file()
    assert client.get(f"/media/{original}").status_code == 404
    name = original.split("/", 1)[1]
    for path in TRAVERSALS:
        assert client.get(path.format(name=name)).status_code == 404, path
    rendition = image.get_rendition("fill-60x45")
    assert rendition.url.startswith("/media/images/")
    served = client.get(rendition.url)
    assert served.status_code == 200
    assert body(served).startswith(b"\xff\xd8")


def test_row_19_documents_are_served_only_through_wagtails_view_and_its_privacy(
    client, private_document
):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    stored = private_document.file.name  # documents/ho-so-noi-bo….pdf
    assert (Path(settings.MEDIA_ROOT) / stored).is_file()
    assert client.get(f"/media/{stored}").status_code == 404
    assert client.get(f"/media/images/../{stored}").status_code == 404
    # The document's own address is Wagtail's serve view, which asks for the password.
    assert private_document.url.startswith("/tai-lieu/")
    asked = client.get(private_document.url)
    assert asked.status_code == 200
    assert b"%PDF" not in body(asked)
    assert 'name="password"' in asked.content.decode()


def test_nothing_else_under_media_root_is_served(client):
    stray = Path(settings.MEDIA_ROOT) / "khac" / "ghi-chu.txt"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_text("không công khai")
    try:
        assert client.get("/media/khac/ghi-chu.txt").status_code == 404
        assert client.get("/media/").status_code == 404
    finally:
        stray.unlink()
