"""The governance pillar in the site search (/tim-kiem/): a document is found by its number,
and neither a confidential schedule entry nor a full name on a beneficiary list reaches the
search index."""

import datetime

import pytest

from governance.models import DisclosurePage, ListedPerson, ScheduleEntry, WeekSchedulePage
from governance.models.schedule import monday_of
from sitesearch.models import SearchEntry
from tests import governance_helpers as gh

pillar = gh.pillar
pytestmark = pytest.mark.django_db


def test_a_document_number_finds_the_document(client, pillar):
    page = pillar.document("15/2025/QĐ-UBND", title="Ban hành Quy chế tiếp công dân")
    page.save_revision().publish()
    entry = SearchEntry.objects.get(page=page)
    assert entry.kind == "van-ban"
    for typed in ("15/2025/QĐ-UBND", "15/2025/qd-ubnd"):
        html = client.get("/tim-kiem/", {"q": typed}).content.decode()
        first = html.index('class="search-result"')
        assert page.url in html[first : first + 1500], typed


def test_confidential_entries_and_full_names_stay_out_of_the_index(client, pillar):
    monday = monday_of(gh.today())
    week = WeekSchedulePage(title="Lịch tuần này", week_start=monday)
    for order, (content, secret) in enumerate(
        [("Giao ban đầu tuần", False), ("Làm việc về vụ án MẬT-4711", True)]
    ):
        week.entries.add(
            ScheduleEntry(
                sort_order=order,
                day=monday,
                start_time=datetime.time(8 + order),
                leader="Chủ tịch UBND phường",
                content=content,
                place="Trụ sở",
                confidential=secret,
            )
        )
    pillar.schedule.add_child(instance=week)
    week.save_revision().publish()
    listed = DisclosurePage(
        title="Danh sách trợ cấp",
        category="doi-tuong-thu-huong",
        posted_from=gh.today(),
        posted_until=gh.today() + datetime.timedelta(days=5),
    )
    listed.people.add(
        ListedPerson(full_name="Nguyễn Thị Hoa", place="Tổ dân phố số 3", benefit="Trợ cấp")
    )
    pillar.disclosures.add_child(instance=listed)
    listed.save_revision().publish()

    entries = SearchEntry.objects.filter(page__in=[week, listed])
    assert entries.count() == 2
    indexed = " ".join(f"{e.body} {e.folded_all} {e.summary}" for e in entries)
    assert "Giao ban đầu tuần" in indexed and "Nguyễn T. H." in indexed
    assert "4711" not in indexed
    assert "Thị Hoa" not in indexed and "thi hoa" not in indexed
    # Searching for the confidential words finds nothing of the week.
    assert week.url not in client.get("/tim-kiem/", {"q": "MẬT-4711"}).content.decode()
