"""The 500 page: a reference number and nothing else, and the same number in the error's log
line, so that staff can find the error a citizen reports (docs/operations.md, "Errors").

``server_error`` runs while Django handles the exception; Django's ``django.request`` logger
then writes the error with its traceback, and ``ErrorReference`` (a filter on that logger,
``LOGGING`` in portal/settings/base.py) adds the page's reference to that line.
"""

import logging
import secrets

from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from .error_style import ERROR_CSS


def new_reference():
    """Ten characters, easy to read out on the phone: no 0/O or 1/I to confuse."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(10))


@requires_csrf_token
def server_error(request, template_name="500.html"):
    reference = new_reference()
    request.error_reference = reference
    try:
        template = loader.get_template(template_name)
        body = template.render({"reference": reference, "css": ERROR_CSS})
    except Exception:  # the page must show whatever else is broken
        logging.getLogger(__name__).exception("500 template failed (reference %s)", reference)
        body = f"<!DOCTYPE html><title>Lỗi hệ thống</title><p>Mã tham chiếu: {reference}</p>"
    response = HttpResponseServerError(body)
    response["X-Error-Reference"] = reference
    return response


class ErrorReference(logging.Filter):
    """Adds the 500 page's reference to the error's log line (field ``reference``)."""

    def filter(self, record):
        reference = getattr(getattr(record, "request", None), "error_reference", None)
        if reference and not hasattr(record, "reference") and isinstance(record.args, tuple):
            record.reference = reference
            record.msg = f"{record.msg} (reference %s)"
            record.args = (*record.args, reference)
        return True
