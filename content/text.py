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


def json_script_value(data):
    """JSON for a <script type="application/ld+json"> body: <, > and & escaped so that no
    text (an editor's or a catalogue's) can close the script element."""
    import json

    from django.utils.safestring import mark_safe

    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 (escaped above, as django.utils.html.json_script does)
