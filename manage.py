#!/usr/bin/env python
"""Django's command-line utility, which reports configuration and connection problems in one line."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    from django.core.management import execute_from_command_line

    from portal.startup import explain_startup_error

    try:
        execute_from_command_line(sys.argv)
    except Exception as exc:
        message = explain_startup_error(exc)
        if message is None:
            raise
        sys.stderr.write(f"ERROR: {message}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
