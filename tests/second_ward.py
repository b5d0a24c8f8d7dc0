"""A second ward beside the demo ward (tests/conftest.py, ``second_ward``): its own site at
phuong-b.localhost, the six pillars and the demo's standard pages, residential groups of its
own, ``setup_ward``'s groups, collections and workflows, and one account per role group
("b-chuyenmon" …) working for it. Also the city's read-only account "thanhpho"."""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from content.models import HomePage, StaffProfile, WardSettings
from content.places import import_places
from content.roles import CITY_VIEWERS, SPECIALISTS
from content.wards import setup_city_viewers, setup_ward

HOSTNAME = "phuong-b.localhost"
NAME = "Phường Thứ Hai"
PREFIX = "b-"
CITY_VIEWER = "thanhpho"
PLACES = (
    "ma,ten,loai,khu_vuc,thu_tu\n"
    "b-tdp-01,Tổ dân phố Bắc Một,Tổ dân phố,Cụm Bắc,1\n"
    "b-tdp-02,Tổ dân phố Bắc Hai,Tổ dân phố,Cụm Bắc,2\n"
)


def build_second_ward():
    from content.management.commands.seed_demo import DEMO_SPECIALIST_SECTION, DEMO_USERS, Command

    home = Page.get_first_root_node().add_child(
        instance=HomePage(title=NAME, slug="phuong-thu-hai")
    )
    home.save_revision().publish()
    site = Site.objects.create(hostname=HOSTNAME, port=80, root_page=home, site_name=NAME)
    Command(stdout=io.StringIO()).ensure_pages(home)
    WardSettings.objects.update_or_create(site=site, defaults={"ward_name": NAME})
    import_places(site, PLACES.encode())
    field_groups = setup_ward(site)
    User = get_user_model()
    for username, first_name, last_name, group_name in DEMO_USERS:
        user = User.objects.create_user(
            PREFIX + username,
            email=f"{PREFIX}{username}@example.gov.vn",
            first_name=first_name,
            last_name=f"{last_name} (phường B)",
        )
        user.groups.add(Group.objects.get(name=group_name))
        if group_name == SPECIALISTS:
            user.groups.add(field_groups[DEMO_SPECIALIST_SECTION])
        StaffProfile.objects.create(user=user, site=site)
    viewer = User.objects.create_user(CITY_VIEWER, first_name="Sở", last_name="Thành phố")
    viewer.groups.add(setup_city_viewers())
    assert viewer.groups.filter(name=CITY_VIEWERS).exists()
    return site
