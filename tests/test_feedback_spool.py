"""With the database down (issue 23): a Vietnamese 503 instead of a 500, and a citizen's report
kept on disk and written exactly once when the database is back (feedback/spool.py,
portal/outage.py). The database is really unreachable: the connection is pointed at a closed
port (SQLite: a file in a folder that does not exist), nothing is mocked."""

import io
import shutil
import stat

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from feedback.models import FeedbackPhoto, FeedbackReport
from tests import feedback_helpers
from tests.feedback_helpers import FORM_URL, form_data, jpeg_bytes, upload
from tests.test_feedback_delivery import closed_port

ward = feedback_helpers.ward
photo_root = feedback_helpers.photo_root


@pytest.fixture
def spool_root(settings, tmp_path):
    settings.FEEDBACK_SPOOL_ROOT = tmp_path / "spool"
    return settings.FEEDBACK_SPOOL_ROOT


@pytest.fixture
def database(transactional_db):
    """``database.down()`` makes it unreachable, ``database.up()`` brings it back."""
    saved = dict(connection.settings_dict)

    class Switch:
        @staticmethod
        def down():
            connection.close()
            if connection.vendor == "sqlite":
                connection.settings_dict["NAME"] = "/nonexistent-folder/portal.sqlite3"
            else:
                connection.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))

        @staticmethod
        def up():
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)

    yield Switch
    Switch.up()


def kept(root):
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name != "failed")


def test_a_report_sent_while_the_database_is_down_is_kept_and_written_once_when_it_is_back(
    client, ward, photo_root, spool_root, database
):
    data = form_data(
        description="Cống thoát nước bị tắc.\r\nNước tràn ra đường.",
        contact_name="Trần Thị Thử",
        contact_email="thu@example.vn",
    )
    incomplete = form_data(consent=None)
    sent_at = timezone.now()
    database.down()
    response = client.post(FORM_URL, {**data, "photos": [upload(jpeg_bytes())]})
    assert response.status_code == 202
    html = response.content.decode()
    assert "Phản ánh của ông/bà đã được lưu lại" in html and "Không cần gửi lại" in html
    assert "thư điện tử" in html
    [entry] = kept(spool_root)
    assert sorted(p.name for p in entry.iterdir()) == ["photo-0", "report.json"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in entry.iterdir())
    assert stat.S_IMODE(spool_root.stat().st_mode) == 0o700
    # Sent twice (a double tap): kept once.
    client.post(FORM_URL, {**data, "photos": [upload(jpeg_bytes())]})
    assert len(kept(spool_root)) == 1
    # Incomplete: told what to fix, nothing kept.
    refused = client.post(FORM_URL, incomplete)
    assert refused.status_code == 400 and "đánh dấu ô đồng ý" in refused.content.decode()
    assert len(kept(spool_root)) == 1
    # Other pages: a Vietnamese 503 that the front replaces with its copy; /healthz as before.
    page = client.get(FORM_URL)
    assert page.status_code == 503 and page["Retry-After"]
    assert "Hệ thống tạm thời gián đoạn" in page.content.decode()
    assert client.get("/healthz").status_code == 503
    # While it is still down the writer stops without losing anything.
    with pytest.raises(Exception, match="connect|open"):
        call_command("write_spooled_reports")
    assert len(kept(spool_root)) == 1

    database.up()
    backup = spool_root.parent / "backup"
    shutil.copytree(entry, backup)
    call_command("write_spooled_reports")
    report = FeedbackReport.objects.get()
    assert report.description == data["description"]
    assert report.contact_name == "Trần Thị Thử"
    assert FeedbackPhoto.objects.filter(report=report).count() == 1
    assert sent_at <= report.received_at < sent_at + timezone.timedelta(minutes=1)
    assert report.consent_at == report.received_at
    assert kept(spool_root) == []
    # Exactly once: run again; or the folder is still there after a crash once the report
    # was committed; or the citizen sends the same form again now that the site is back.
    call_command("write_spooled_reports")
    shutil.copytree(backup, entry)
    call_command("write_spooled_reports")
    assert kept(spool_root) == []
    again = client.post(FORM_URL, data)
    assert again.status_code == 302 and report.code in again["Location"]
    assert FeedbackReport.objects.count() == 1


def test_a_report_that_cannot_be_kept_tells_the_citizen_to_try_again(
    client, ward, settings, tmp_path, database
):
    (tmp_path / "a-file").write_text("")
    settings.FEEDBACK_SPOOL_ROOT = tmp_path / "a-file" / "spool"  # cannot be made
    data = form_data()
    database.down()
    response = client.post(FORM_URL, data)
    assert response.status_code == 503
    html = response.content.decode()
    assert "CHƯA được tiếp nhận" in html and "gửi lại sau ít phút" in html


def test_a_kept_report_the_form_refuses_is_set_aside_with_its_reasons(
    client, ward, spool_root, database
):
    data = form_data(category=987654)  # no such category when it is written
    database.down()
    assert client.post(FORM_URL, data).status_code == 202
    database.up()
    out = io.StringIO()
    call_command("write_spooled_reports", stdout=out)
    assert out.getvalue().strip() == "Written: 0; refused: 1."
    assert not FeedbackReport.objects.exists()
    [failed] = (spool_root / "failed").iterdir()
    assert (failed / "errors.txt").read_text().strip()
    assert (failed / "report.json").exists()


def test_a_page_with_nothing_kept_answers_503_while_the_database_is_down(client, ward, database):
    """Row 29: the front serves its stale copy on a 503; a 500 would be a bug page."""
    from django.core.cache import cache

    cache.clear()  # nothing kept: the ward itself must be read from the database
    database.down()
    response = client.get("/thu-tuc-hanh-chinh/")
    assert response.status_code == 503
    assert "gián đoạn" in response.content.decode()
