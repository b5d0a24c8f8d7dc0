"""The demo ward's governance pillar: a register worth filtering, the schedule of this week
and next, a disclosure in every category, all within three clicks of the home page."""

import datetime
import re

import pytest
from django.utils import timezone

from governance.models import (
    AnnouncementPage,
    DisclosureCategory,
    DisclosurePage,
    DocumentStatus,
    DocumentType,
    GovernancePage,
    OfficialDocumentPage,
    ScheduleEntry,
    WeekSchedulePage,
)
from governance.models.schedule import monday_of

pytestmark = pytest.mark.django_db


def links(client, url):
    html = client.get(url).content.decode()
    return set(re.findall(r'href="(/[^"#?]*)"', html))


def test_demo_governance_content(client, demo_governance):
    documents = OfficialDocumentPage.objects.live()
    assert documents.count() >= 20
    assert set(documents.values_list("status", flat=True)) == set(DocumentStatus.values)
    assert len(set(documents.values_list("doc_type", flat=True))) == len(DocumentType.values)
    assert len({d.year for d in documents.dates("issued_on", "year")}) >= 2
    assert all(d.file_id for d in documents)
    replaced = documents.get(status=DocumentStatus.REPLACED)
    assert replaced.superseded_by.specific.status == DocumentStatus.IN_FORCE
    assert documents.get(status=DocumentStatus.AMENDED).amended_by_id

    this_monday = monday_of(timezone.localdate())
    weeks = set(WeekSchedulePage.objects.live().values_list("week_start", flat=True))
    assert {this_monday, this_monday + datetime.timedelta(weeks=1)} <= weeks
    assert ScheduleEntry.objects.filter(confidential=True).exists()

    categories = set(DisclosurePage.objects.live().values_list("category", flat=True))
    assert categories == set(DisclosureCategory.values)
    assert AnnouncementPage.objects.live().filter(image__isnull=False).exists()


def test_every_part_is_within_three_clicks_of_home(client, demo_governance):
    pillar = GovernancePage.objects.get()
    home_links = links(client, "/")
    assert pillar.url in home_links
    pillar_links = links(client, pillar.url)
    document = OfficialDocumentPage.objects.live().order_by("-issued_on").first()
    for index in pillar.get_children().live().specific():
        assert index.url in pillar_links, index.url
    assert document.url in links(client, document.get_parent().url)
    week = WeekSchedulePage.objects.get(week_start=monday_of(timezone.localdate()))
    assert week.url in links(client, week.get_parent().url)
    for disclosure in DisclosurePage.objects.live():
        assert disclosure.url in links(client, disclosure.get_parent().url)


def test_demo_confidential_entries_and_names_stay_private(client, demo_governance):
    secret = ScheduleEntry.objects.filter(confidential=True).first()
    listed = DisclosurePage.objects.get(category=DisclosureCategory.BENEFICIARIES)
    full_names = [p.full_name for p in listed.people.all()]
    urls = ["/sitemap.xml", secret.page.url, secret.page.get_parent().url]
    urls += [secret.page.get_parent().url + "ical/", listed.url]
    pillar = GovernancePage.objects.get()
    urls += [pillar.url, pillar.url + "van-ban/rss/", pillar.url + "thong-bao-ke-hoach/rss/"]
    for url in urls:
        body = client.get(url).content.decode()
        assert secret.content not in body, url
        for name in full_names:
            assert name not in body, url


def test_admin_menu_opens_the_wards_indexes_for_those_who_edit_them(client, demo_governance):
    from django.urls import reverse

    from governance.models import DocumentRegisterPage
    from tests.workflow_helpers import user

    register_url = reverse("wagtailadmin_explore", args=[DocumentRegisterPage.objects.get().pk])
    client.force_login(user("quantri"))
    assert register_url in client.get(reverse("wagtailadmin_home")).content.decode()
    # The demo specialist edits the "Văn hóa – xã hội" section only.
    client.force_login(user("chuyenmon"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert register_url not in html
