"""One clear line instead of a traceback when the portal cannot start."""

from django.db.utils import InterfaceError as DjangoInterfaceError
from django.db.utils import OperationalError as DjangoOperationalError

from .settings.env import ConfigError


def describe_database(settings_dict):
    """The database's address without its password, for messages and logs."""
    engine = settings_dict.get("ENGINE", "").rsplit(".", 1)[-1]
    if engine == "sqlite3":
        return f"SQLite file {settings_dict.get('NAME')}"
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or "5432"
    return f"{engine} database {settings_dict.get('NAME')!r} at {host}:{port}"


def explain_startup_error(exc):
    """Return a one-line explanation for errors an operator can fix, or None to re-raise."""
    if isinstance(exc, ConfigError):
        return f"configuration: {exc}"
    if isinstance(exc, (DjangoOperationalError, DjangoInterfaceError)):
        from django.db import connection

        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return (
            f"cannot reach the {describe_database(connection.settings_dict)} "
            f"(check DATABASE_URL): {reason}"
        )
    return None
