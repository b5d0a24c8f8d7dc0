"""Photos sent by citizens: checked before decoding, re-encoded, stripped of metadata.

Order matters: the declared size first (no reading), then the first bytes (the file must
start like a JPEG, PNG or WebP: an HTML page or an SVG named .jpg does not), then the pixel
count read from the header alone (a decompression bomb is refused before any decoding), and
only then the decoding and re-encoding to a fresh JPEG with no EXIF, GPS or other metadata.
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED = {
    "JPEG": (b"\xff\xd8\xff",),
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "WEBP": (b"RIFF",),
}
MESSAGES = {
    "too_many": "Chỉ gửi được tối đa {limit} ảnh.",
    "too_big": "Ảnh «{name}» lớn hơn {mb} MB. Vui lòng chụp lại với kích thước nhỏ hơn.",
    "not_image": "Tệp «{name}» không phải ảnh JPEG, PNG hoặc WebP.",
    "too_many_pixels": "Ảnh «{name}» có quá nhiều điểm ảnh; vui lòng gửi ảnh nhỏ hơn.",
    "broken": "Không đọc được ảnh «{name}»; tệp có thể bị hỏng.",
}


@dataclass
class EncodedPhoto:
    data: bytes
    width: int
    height: int

    def content_file(self):
        return ContentFile(self.data)


def _short(name):
    name = str(name or "ảnh")
    return name if len(name) <= 60 else name[:57] + "…"


def check_count(files):
    limit = settings.FEEDBACK_MAX_PHOTOS
    if len(files) > limit:
        raise ValidationError(MESSAGES["too_many"].format(limit=limit), code="too_many")


def _sniff(head):
    for fmt, magics in ALLOWED.items():
        if any(head.startswith(m) for m in magics):
            if fmt == "WEBP" and head[8:12] != b"WEBP":
                continue
            return fmt
    return None


def clean_photo(upload):
    """Return an EncodedPhoto for ``upload`` or raise ValidationError with a Vietnamese
    message. Nothing is stored here."""
    name = _short(getattr(upload, "name", ""))
    max_bytes = settings.FEEDBACK_MAX_PHOTO_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            MESSAGES["too_big"].format(name=name, mb=max_bytes // (1024 * 1024)), code="too_big"
        )
    upload.seek(0)
    head = upload.read(16)
    fmt = _sniff(head)
    if fmt is None:
        raise ValidationError(MESSAGES["not_image"].format(name=name), code="not_image")
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))  # reads the header only
            if image.format != fmt:
                raise ValidationError(MESSAGES["not_image"].format(name=name), code="not_image")
            width, height = image.size
            if width * height > settings.FEEDBACK_MAX_PHOTO_PIXELS:
                raise ValidationError(
                    MESSAGES["too_many_pixels"].format(name=name), code="too_many_pixels"
                )
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            MESSAGES["too_many_pixels"].format(name=name), code="too_many_pixels"
        ) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise ValidationError(MESSAGES["broken"].format(name=name), code="broken") from None
    return reencode(image)


def reencode(image):
    """A new JPEG from the pixels alone: orientation applied, then no metadata at all."""
    image = ImageOps.exif_transpose(image)
    if image.mode != "RGB":
        background = Image.new("RGB", image.size, (255, 255, 255))
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    side = settings.FEEDBACK_PHOTO_MAX_SIDE
    image.thumbnail((side, side))
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=82, optimize=True)
    return EncodedPhoto(out.getvalue(), clean.width, clean.height)
