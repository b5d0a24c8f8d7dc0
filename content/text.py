"""Text hygiene for everything that comes in: phones and Macs send decomposed (NFD) Vietnamese."""

import unicodedata


def nfc(value):
    """Return ``value`` in Unicode NFC with outer white space removed; None stays None."""
    if value is None:
        return None
    return unicodedata.normalize("NFC", str(value)).strip()


def ascii_slug(value):
    """A URL slug in Vietnamese without diacritics: "Đăng ký khai sinh" → "dang-ky-khai-sinh"."""
    from django.utils.text import slugify

    return slugify(str(value).replace("đ", "d").replace("Đ", "D"))
