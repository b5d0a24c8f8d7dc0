"""The test databases: one database per *state*, seeded once for the whole run.

A state is what a test starts from: ``empty`` (the migrated database, as pytest-django creates
it), ``ward`` (the demo ward without the procedures, governance and business demos), one state
per such part on top of ``ward``, and ``full`` (everything ``seed_demo`` makes).

Each test process (pytest-xdist worker) has a working database per state it uses. Each state
also has one *pristine* copy for the whole run: a PostgreSQL template database, or a copy of
the SQLite file. The first process that needs a state builds it (under a file lock, so two
processes never build the same state) and keeps the pristine copy; every other process copies
it. A test runs on its state (``StateSwitch.use``): the default connection is pointed at that
database and the test's own transaction is rolled back as usual, so the database stays as it
was built. A test that commits (``transactional_db``, ``live_server``) leaves its state dirty;
the state is copied again from its pristine copy before the next test uses it.
docs/development.md says which fixture asks for which state.

Why: the demo takes half a minute to build, a copy of its database a fraction of a second,
and pointing the connection at another database a few milliseconds.
"""

import fcntl
import re
import shutil
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

REGISTRY = "pristine-databases.txt"


@dataclass(frozen=True)
class State:
    """How to build a state: ``build()`` run on a copy of ``parent``."""

    parent: str | None
    build: Callable[[], None]


# Every state of the suite, by name; a state's name is the name of the fixture that asks for it.
STATES = {}


def database_state(parent="empty"):
    """Declares a state: the decorated function builds it, once per run, on a copy of
    ``parent`` (another state's name). Returns a fixture of the function's name; a test that
    uses it (directly or through another fixture) starts from that state::

        @database_state()
        def search_ward():
            # build the ward: pages, procedures, FAQ...
            ...

    A test may use several states only when each is built on the one before it; it gets the
    last. The state's fixture gives nothing: ask the database for what it holds.
    """

    def declare(build):
        name = build.__name__
        if name in STATES or (parent != "empty" and parent not in STATES):
            raise pytest.UsageError(f"database state {name!r}: duplicate or unknown parent")
        STATES[name] = State(parent, build)

        @pytest.fixture(name=name)
        def fixture(db):
            return None

        fixture.__doc__ = build.__doc__
        return fixture

    return declare


def state_of(fixturenames):
    """The state a test starts from: the deepest of the states its fixtures ask for."""
    asked = [name for name in fixturenames if name in STATES]
    if not asked:
        return "empty"

    def ancestors(name):
        while name != "empty":
            yield name
            name = STATES[name].parent

    deepest = max(asked, key=lambda name: len(list(ancestors(name))))
    if not set(asked) <= set(ancestors(deepest)):
        raise pytest.UsageError(f"A test may use states that build on each other only: {asked}")
    return deepest


def _copy(source, target):
    """Make ``target`` a copy of ``source``; nothing may be connected to ``source``."""
    connection.close()
    if connection.vendor == "sqlite":
        shutil.copyfile(source, target)
    else:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def _drop(name):
    if connection.vendor == "sqlite":
        Path(name).unlink(missing_ok=True)
    else:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def drop_pristine_copies(shared):
    """Drop the run's pristine copies; called once, when every process has finished."""
    registry = Path(shared) / REGISTRY
    if registry.exists():
        for name in set(registry.read_text().split()):
            _drop(name)
        registry.unlink()


class StateSwitch:
    """The databases of each state and which one the default connection uses now.

    ``shared`` is a folder every process of the run sees (pytest's base temporary folder)."""

    def __init__(self, shared, states=STATES):
        self.states = states
        self.shared = Path(shared)
        self.base = connection.settings_dict["NAME"]
        self.vendor = connection.vendor
        # The run's name for a database, the same in every process: without pytest-xdist's
        # "_gwN" suffix.
        self.run_base = re.sub(r"_gw\d+$", "", self.base)
        self.ready = set()
        self.dirty = set()
        self.current = "empty"
        self._working = []
        # pytest-django's database is this process's empty state; keep a pristine copy of it.
        _copy(self.base, self._pristine("empty"))
        self._working.append(self._pristine("empty"))
        self.ready.add("empty")

    def _name(self, base, state, suffix):
        if self.vendor == "sqlite":
            path = Path(base)
            return str(path.with_name(f"{path.name}_{state}{suffix}"))
        return f"{base}_{state}{suffix}"

    def _working_name(self, state):
        return self.base if state == "empty" else self._name(self.base, state, "")

    def _pristine(self, state):
        if state == "empty":  # each process's own: its migrated database
            return self._name(self.base, state, "_pristine")
        return self._name(self.run_base, state, "_pristine")

    def _point_at(self, name):
        if connection.settings_dict["NAME"] != name:
            connection.close()
            # The dict is shared with new threads' connections (the live server's).
            connection.settings_dict["NAME"] = name
        # Content types are cached by id. Every state starts from the same migrations, so the
        # ids agree, but a cache filled on another state is not trusted.
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()

    @contextmanager
    def _lock(self, state):
        with open(self.shared / f"state-{state}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _prepare(self, state):
        """Give this process a working database of ``state``: a copy of the run's pristine
        copy, which the first process to need it builds."""
        recipe = self.states[state]
        if recipe.parent not in self.ready:
            self._prepare(recipe.parent)
        working = self._working_name(state)
        with self._lock(state):
            built = self.shared / f"state-{state}.built"
            if built.exists():
                _copy(self._pristine(state), working)
            else:
                _copy(self._pristine(recipe.parent), working)
                self._point_at(working)
                self.current = state
                recipe.build()
                _copy(working, self._pristine(state))
                with open(self.shared / REGISTRY, "a") as registry:
                    registry.write(self._pristine(state) + "\n")
                built.touch()
        self._working.append(working)
        self.ready.add(state)

    def use(self, state):
        """Point the default connection at ``state``'s database: prepared if no test of this
        process asked for it before, copied back from the pristine copy if a test that
        committed changed it."""
        if state not in self.ready:
            self._prepare(state)
        elif state in self.dirty:
            _copy(self._pristine(state), self._working_name(state))
        self.dirty.discard(state)
        self._point_at(self._working_name(state))
        self.current = state

    def mark_dirty(self):
        """The test on the current state committed: copy it back before its next use."""
        self.dirty.add(self.current)

    def close(self):
        """Point back at pytest-django's database (which it drops) and drop this process's
        other databases. The pristine copies of the run are dropped by drop_pristine_copies."""
        self._point_at(self.base)
        connection.close()
        for name in self._working:
            _drop(name)
