"""Small fixtures of the governance pillar: a ward home with the pillar and its four index
pages, without the whole demo (which costs seconds per test)."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents.models import Document

from governance.demo.pdf import demo_pdf
from governance.models import (
    AnnouncementIndexPage,
    DisclosureIndexPage,
    DocumentRegisterPage,
    GovernancePage,
    OfficialDocumentPage,
    ScheduleIndexPage,
)

from .factories import ward_site


class Pillar:
    """The pages of a governance pillar made for a test."""

    def __init__(self):
        self.home = ward_site("Phường Thử", slug="trang-chu").root_page
        self.pillar = self.home.add_child(
            instance=GovernancePage(title="Điều hành – công khai", slug="dieu-hanh-cong-khai")
        )
        self.register = self.pillar.add_child(
            instance=DocumentRegisterPage(title="Hệ thống văn bản", slug="van-ban")
        )
        self.schedule = self.pillar.add_child(
            instance=ScheduleIndexPage(title="Lịch công tác", slug="lich-cong-tac")
        )
        self.disclosures = self.pillar.add_child(
            instance=DisclosureIndexPage(title="Thông tin công khai", slug="cong-khai")
        )
        self.announcements = self.pillar.add_child(
            instance=AnnouncementIndexPage(title="Thông báo – kế hoạch", slug="thong-bao-ke-hoach")
        )
        self._documents = 0

    def document(self, number, **fields):
        self._documents += 1
        values = {
            "title": f"Về việc thử nghiệm số {self._documents}",
            "doc_type": "quyet-dinh",
            "issuer": "UBND phường",
            "signer_title": "Chủ tịch UBND phường",
            "signer_name": "Người Ký Thử",
            "issued_on": datetime.date(2026, 1, 1) + datetime.timedelta(days=self._documents),
            "intro": "Tóm tắt văn bản thử.",
        }
        values.update(fields)
        page = OfficialDocumentPage(number=number, **values)
        self.register.add_child(instance=page)
        return page

    def pdf(self, title="Tệp thử"):
        document = Document(title=title)
        document.file.save("thu.pdf", ContentFile(demo_pdf([title])), save=False)
        document.save()
        return document


@pytest.fixture
def pillar(db):
    return Pillar()


def count_queries(client, url):
    """Queries of a warm request to ``url`` (the first request fills per-process caches)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def today():
    return timezone.localdate()


def text_of(response):
    return response.content.decode()


__all__ = ["Pillar", "count_queries", "pillar", "text_of", "today"]
