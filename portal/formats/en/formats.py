"""The admin in English uses the same day-first pickers (see ../vi/formats.py)."""

from ..vi.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

__all__ = ["DATETIME_INPUT_FORMATS", "DATE_INPUT_FORMATS"]
