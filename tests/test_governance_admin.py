"""Adding governance pages in the admin: the address of a document is its number, a week
is checked to be a week, and a confidential entry is kept for the office."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from governance.models import OfficialDocumentPage, ScheduleEntry, WeekSchedulePage
from governance.models.schedule import monday_of
from tests import governance_helpers as gh

pillar = gh.pillar
pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model, pillar):
    user = django_user_model.objects.create_superuser("quantri-thu", "q@example.gov.vn", "x")
    client.force_login(user)
    return client


def add_url(parent, model):
    return reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )


def document_form(**overrides):
    data = {
        "title": "Về việc ban hành Quy chế tiếp công dân",
        "slug": "ve-viec-ban-hanh",
        "doc_type": "quyet-dinh",
        "number": "12/2026/QĐ-UBND",
        "issuer": "UBND phường",
        "signer_title": "Chủ tịch UBND phường",
        "signer_name": "",
        "issued_on": "2026-03-02",
        "effective_on": "2026-03-12",
        "intro": "Quy chế mới về tiếp công dân.",
        "status": "con-hieu-luc",
        "body": streamfield([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_a_document_added_in_the_admin_lives_at_its_number(admin_client, pillar):
    response = admin_client.post(add_url(pillar.register, OfficialDocumentPage), document_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    page = OfficialDocumentPage.objects.get()
    assert page.slug == "12-2026-qd-ubnd"


def test_a_replaced_status_without_a_replacement_is_refused_in_vietnamese(admin_client, pillar):
    response = admin_client.post(
        add_url(pillar.register, OfficialDocumentPage), document_form(status="bi-thay-the")
    )
    assert response.status_code == 200
    assert "hãy chọn văn bản thay thế" in response.content.decode()
    assert not OfficialDocumentPage.objects.exists()


def test_a_week_with_a_confidential_entry(admin_client, pillar):
    monday = monday_of(gh.today())
    entry = {
        "day": monday.isoformat(),
        "start_time": "09:00",
        "end_time": "10:00",
        "leader": "Chủ tịch UBND phường",
        "content": "Làm việc với đoàn công tác (mật)",
        "place": "Phòng họp số 2",
        "participants": "",
        "confidential": "on",
    }
    data = nested_form_data(
        {
            "title": "Lịch tuần",
            "slug": "lich-tuan",
            "week_start": (monday + datetime.timedelta(days=2)).isoformat(),
            "intro": "",
            "entries": inline_formset([entry]),
            "comments": inline_formset([]),
        }
    )
    response = admin_client.post(add_url(pillar.schedule, WeekSchedulePage), data)
    assert response.status_code == 200
    assert "Hãy chọn ngày thứ Hai đầu tuần." in response.content.decode()

    data["week_start"] = monday.isoformat()
    response = admin_client.post(add_url(pillar.schedule, WeekSchedulePage), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = WeekSchedulePage.objects.get()
    assert page.slug == f"tuan-{monday:%Y-%m-%d}"
    assert ScheduleEntry.objects.get(page=page).confidential
