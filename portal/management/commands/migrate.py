"""``manage.py migrate`` with PostgreSQL's lock and statement timeouts (checklist row 34).

A migration that alters a table waits for a lock on it; while it waits, every query of the
live site on that table queues behind it, and the site stops answering for as long as the
longest transaction in front of it lasts. With ``lock_timeout`` the migration gives up after
``MIGRATE_LOCK_TIMEOUT`` instead, its transaction is rolled back (PostgreSQL's DDL is
transactional), and it can simply be run again; ``statement_timeout``
(``MIGRATE_STATEMENT_TIMEOUT``) bounds a statement that would rewrite or scan a table for too
long. Both hold for every connection the command opens, post-migrate work included, and end
with it. Other databases migrate as Django does.
"""

from django.conf import settings
from django.core.management import CommandError
from django.core.management.commands.migrate import Command as DjangoMigrateCommand
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.utils import OperationalError

# PostgreSQL's error codes: lock_not_available (lock_timeout), query_canceled (statement_timeout).
TIMED_OUT = {"55P03": "MIGRATE_LOCK_TIMEOUT", "57014": "MIGRATE_STATEMENT_TIMEOUT"}


def set_timeouts(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('lock_timeout', %s, false), "
            "set_config('statement_timeout', %s, false)",
            [settings.MIGRATE_LOCK_TIMEOUT, settings.MIGRATE_STATEMENT_TIMEOUT],
        )


class Command(DjangoMigrateCommand):
    help = DjangoMigrateCommand.help + (
        " On PostgreSQL, with lock_timeout and statement_timeout "
        "(MIGRATE_LOCK_TIMEOUT, MIGRATE_STATEMENT_TIMEOUT)."
    )

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            return super().handle(*args, **options)

        def on_created(sender, connection, **kwargs):
            if connection.alias == options["database"]:
                set_timeouts(connection)

        connection_created.connect(on_created, weak=False)
        try:
            if connection.connection is not None:
                set_timeouts(connection)
            return super().handle(*args, **options)
        except OperationalError as error:
            setting = TIMED_OUT.get(getattr(error.__cause__, "sqlstate", None))
            if setting is None:
                raise
            raise CommandError(
                f"migration stopped after {getattr(settings, setting)} ({setting}): "
                f"{str(error).strip().splitlines()[0]}. The migration in progress was rolled "
                "back; run migrate again when nothing holds the table (docs/operations.md)."
            ) from error
        finally:
            connection_created.disconnect(on_created)
            if connection.connection is not None and connection.is_usable():
                with connection.cursor() as cursor:
                    cursor.execute("RESET lock_timeout; RESET statement_timeout")
