"""A small ward for the feedback tests (much faster than the demo ward), and test photos."""

import io
import struct
import zlib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from content.models import Place, StaffProfile
from feedback.forms import new_token
from feedback.models import FeedbackCategory, FeedbackIndexPage, create_report

from .factories import PlaceFactory, ward_site

FORM_URL = "/phan-anh-kien-nghi/gui/"


@pytest.fixture
def photo_root(settings, tmp_path):
    settings.FEEDBACK_PHOTO_ROOT = tmp_path / "feedback-photos"
    return settings.FEEDBACK_PHOTO_ROOT


@pytest.fixture
def ward(db, photo_root):
    """A ward with a home page, the feedback pillar, two places and a handler."""
    site = ward_site("Phường Thử Nghiệm", slug="phuong-thu")
    page = site.root_page.add_child(
        instance=FeedbackIndexPage(
            title="Phản ánh – kiến nghị", slug="phan-anh-kien-nghi", show_in_menus=True
        )
    )
    page.save_revision().publish()
    PlaceFactory(site=site, code="tdp-01", name="Tổ dân phố số 1", sort_order=1)
    PlaceFactory(site=site, code="tdp-02", name="Tổ dân phố số 2", sort_order=2)
    return site


def handler(site, username="canbo", email="canbo@example.gov.vn", personal=True):
    """A member of staff of ``site`` who handles reports."""
    user = get_user_model().objects.create_user(username, email=email, password="x" * 12)
    group, _ = Group.objects.get_or_create(name=f"Xử lý phản ánh {username}")
    codenames = ["access_admin", "view_feedbackreport", "change_feedbackreport"]
    if personal:
        codenames.append("view_personal_data")
    group.permissions.add(*Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    StaffProfile.objects.create(user=user, site=site)
    return user


def category(slug="ve-sinh-moi-truong"):
    return FeedbackCategory.objects.get(slug=slug)


def jpeg_bytes(size=(64, 48), colour=(200, 50, 50), gps=False):
    image = Image.new("RGB", size, colour)
    out = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "Sentinel Camera Maker"  # Make
        exif[0x9286] = "Sentinel comment"  # UserComment (in the main IFD here)
        gps_ifd = exif.get_ifd(0x8825)
        gps_ifd[1] = "N"
        gps_ifd[2] = (21.0, 2.0, 30.0)
        gps_ifd[3] = "E"
        gps_ifd[4] = (105.0, 46.0, 12.0)
        image.save(out, format="JPEG", exif=exif.tobytes())
    else:
        image.save(out, format="JPEG")
    return out.getvalue()


def upload(data, name="anh.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def png_bomb(width=50_000, height=50_000):
    """A tiny PNG whose header claims a huge picture (2.5 billion pixels)."""
    image = Image.new("L", (1, 1))
    out = io.BytesIO()
    image.save(out, format="PNG")
    data = bytearray(out.getvalue())
    # IHDR starts at byte 8: length (4), type (4), width (4), height (4), ...
    data[16:24] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12:29])) & 0xFFFFFFFF
    data[29:33] = struct.pack(">I", crc)
    return bytes(data)


def form_data(**overrides):
    data = {
        "category": category().pk,
        "urgency": "thuong",
        "place": Place.objects.filter(code="tdp-01").values_list("pk", flat=True).first(),
        "address": "Trước số nhà 12",
        "description": "Rác thải ứ đọng ở đầu ngõ nhiều ngày.",
        "contact_name": "",
        "contact_phone": "",
        "contact_email": "",
        "consent": "on",
        "website": "",
        "token": new_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_report(site, **fields):
    values = {
        "category": category(),
        "place": Place.objects.filter(site=site).first(),
        "description": "Cống thoát nước bị tắc.",
        "contact_name": "Đỗ Văn Riêng",
        "contact_phone": "0988777666",
        "consent_at": timezone.now(),
        "consent_version": "2026-01",
    }
    values.update(fields)
    report, _ = create_report(site=site, token="", **values)
    return report
