"""What the admin's date pickers send (WAGTAIL_DATE_FORMAT, WAGTAIL_DATETIME_FORMAT: day
first) must parse day first. Django's Vietnamese locale has no input formats, so its defaults
(month first) read the picker's "01/12/2026 08:00" as 12 January; ISO dates stay accepted."""

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
