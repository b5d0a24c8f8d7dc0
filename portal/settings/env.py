"""Reading configuration from the environment.

Every setting that differs between machines comes from an environment variable. A bad value
raises ``ConfigError``, whose message names the variable; ``manage.py`` prints it as one line.
"""

import os

from django.core.exceptions import ImproperlyConfigured


class ConfigError(ImproperlyConfigured):
    """A missing or unsafe configuration value; the message names the variable."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=None):
    value = os.environ.get(name)
    return default if value is None else value.strip()


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigError(f"{name}={value!r} is not a boolean (use 1/0, true/false, yes/no).")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not a whole number.") from None


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def require(name):
    """Return a non-empty environment value or stop with a message naming ``name``."""
    value = env_str(name)
    if not value:
        raise ConfigError(f"{name} is not set; production needs it (see docs/configuration.md).")
    return value
