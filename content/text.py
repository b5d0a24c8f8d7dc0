"""Text hygiene for everything that comes in: phones and Macs send decomposed (NFD) Vietnamese."""

import unicodedata


def nfc(value):
    """Return ``value`` in Unicode NFC with outer white space removed; None stays None."""
    if value is None:
        return None
    return unicodedata.normalize("NFC", str(value)).strip()
