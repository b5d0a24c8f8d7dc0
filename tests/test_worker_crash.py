"""A Celery worker killed with ``kill -9`` in the middle of a task loses nothing and sends
nothing twice: a real worker (``celery --app portal worker``) on the test's Redis and
database, a real SMTP server on 127.0.0.1 that holds the first connection open, and the
worker's process killed while it waits on it.

Row 32 of section (b) of the reliability checklist. With ``task_acks_late`` alone the killed
task would be acknowledged and lost (Celery's docs: "a killed child is still acked");
``task_reject_on_worker_lost`` puts it back on the queue, and the task's own lock
(``notified_at``, set in the same transaction as the send) makes the rerun the only send.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from content.models import Notification
from feedback.models import FeedbackReport
from feedback.tasks import notify_new_report
from portal.celery import app
from tests import feedback_helpers
from tests.feedback_helpers import handler, make_report

ward = feedback_helpers.ward
photo_root = feedback_helpers.photo_root

pytestmark = pytest.mark.skipif(
    not settings.REDIS_URL or connection.vendor != "postgresql",
    reason="needs the real Redis broker and PostgreSQL (REDIS_URL, DATABASE_URL)",
)


class SmtpServer:
    """Enough SMTP for Django's backend. The first connection is accepted and then held
    without a greeting (the task is stuck in the middle of its send, its row locked);
    later ones are served and their messages kept."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.held = threading.Event()
        self.messages = []
        self._held_sockets = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            if self.connections == 1:
                self._held_sockets.append(conn)
                self.held.set()
                continue
            threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    def _talk(self, conn):
        with conn, conn.makefile("rb") as lines:
            conn.sendall(b"220 stub\r\n")
            data = None
            for raw in lines:
                line = raw.rstrip(b"\r\n")
                if data is not None:
                    if line == b".":
                        self.messages.append(b"\n".join(data))
                        data = None
                        conn.sendall(b"250 queued\r\n")
                    else:
                        data.append(line)
                    continue
                verb = line[:4].upper()
                if verb == b"DATA":
                    data = []
                    conn.sendall(b"354 go on\r\n")
                elif verb == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:
                    conn.sendall(b"250 ok\r\n")

    def close(self):
        self.sock.close()
        for held in self._held_sockets:
            held.close()


def worker_children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def smtp():
    server = SmtpServer()
    yield server
    server.close()


@pytest.fixture
def worker(transactional_db, smtp, tmp_path):
    """A real Celery worker with one child process, on the test database and Redis."""
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "DATABASE_URL": f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.CELERY_BROKER_URL,
        "WORKER_SMTP_PORT": str(smtp.port),
    }
    env.pop("PYTEST_XDIST_WORKER", None)  # the broker URL above is already this worker's
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")
    log = open(tmp_path / "worker.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).with_name("celery")),
            "--app",
            "portal",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            "1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "INFO",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log = tmp_path / "worker.log"
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_row_32_a_worker_killed_mid_task_reruns_it_and_sends_once(ward, worker, smtp):
    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost
    staff = handler(ward)
    report = make_report(ward)
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        notify_new_report.apply_async((report.pk,))
    finally:
        app.conf.task_always_eager = saved
    # The task has started: its child process is inside send_mail, the report row locked.
    if not smtp.held.wait(timeout=90):
        pytest.fail("the worker never ran the task:\n" + worker.log.read_text()[-3000:])
    [child] = worker_children(worker.pid)
    os.kill(child, signal.SIGKILL)

    def notified():
        return FeedbackReport.objects.filter(pk=report.pk, notified_at__isnull=False).exists()

    try:
        wait_for(notified, 90, "the task to run again after its worker was killed")
    except AssertionError:
        pytest.fail("the task was lost:\n" + worker.log.read_text()[-3000:])
    time.sleep(1)  # give a duplicate, if any, the time to arrive
    assert smtp.connections == 2  # the killed try, and exactly one rerun
    assert len(smtp.messages) == 1
    assert report.code.encode() in smtp.messages[0]
    assert Notification.objects.filter(recipient=staff).count() == 1
    assert "WorkerLostError" in worker.log.read_text()
