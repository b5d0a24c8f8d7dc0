"""Build the demo ward. Idempotent: running it again changes nothing that is already there."""

import secrets
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site, Workflow

from content import ward_pages
from content.demo import pages as demo
from content.demo import wards as demo_wards
from content.demo import workflow as demo_workflow
from content.models import (
    HomePage,
    Place,
    StaffProfile,
    StandardPage,
    WardSettings,
)
from content.places import import_places
from content.provisioning import HOME_INTRO
from content.roles import LEADERS, LEGAL, OFFICE, PORTAL_ADMINS, SPECIALISTS
from content.wards import FIVE_STEP_WORKFLOW, setup_ward
from dashboard.demo import seed as seed_dashboard
from sitesearch.demo import seed_search_log

PLACES_CSV = Path(demo.__file__).with_name("places.csv")

# One demo account per role group; usernames are what the README documents.
DEMO_USERS = [
    ("chuyenmon", "Chuyên viên", "Văn hóa – Xã hội", SPECIALISTS),
    ("vanphong", "Cán bộ", "Văn phòng", OFFICE),
    ("tuphap", "Công chức", "Tư pháp", LEGAL),
    ("lanhdao", "Phó Chủ tịch", "UBND phường", LEADERS),
    ("quantri", "Quản trị", "Cổng thông tin", PORTAL_ADMINS),
]
# At most this many light demo wards (each takes a few seconds).
MAX_LIGHT_WARDS = 200
# Feature apps' demo content: a function taking the pillar page, in tthc/demo etc.
PILLAR_DEMOS = {
    "thu-tuc-hanh-chinh": "tthc.demo.seed",
    "phan-anh-kien-nghi": "feedback.demo.seed",
    "dieu-hanh-cong-khai": "governance.demo.seed",
    "van-hoa-xa-hoi": "society.demo.seed",
    "doanh-nghiep": "business.demo.seed",
}
# The section whose specialists' group the demo specialist joins.
DEMO_SPECIALIST_SECTION = "van-hoa-xa-hoi"


class Command(BaseCommand):
    help = "Create the demo ward (pages, settings, places, one account per role group)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when the database already has a ward home page",
        )
        parser.add_argument(
            "--without",
            action="append",
            default=[],
            metavar="SLUG",
            help="leave out a pillar's demo content (e.g. thu-tuc-hanh-chinh; for quick tests)",
        )
        parser.add_argument(
            "--wards",
            type=int,
            default=0,
            metavar="N",
            help="also add N light demo wards at phuong-1.localhost … phuong-N.localhost, and "
            "the city's own site at thanh-pho.localhost",
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="give the demo accounts new passwords (printed when DEBUG is on)",
        )

    def handle(self, if_empty=False, reset_passwords=False, without=(), wards=0, **options):
        if wards < 0 or wards > MAX_LIGHT_WARDS:
            raise CommandError(f"--wards: từ 0 đến {MAX_LIGHT_WARDS}.")
        if if_empty and HomePage.objects.exists():
            self.stdout.write("Demo ward already present; not seeding.")
            self.seed_light_wards(wards)
            return
        with transaction.atomic():
            site, home = self.ensure_site()
            about, english = self.ensure_pages(home)
            self.ensure_settings(site, about, english)
            result = import_places(site, PLACES_CSV.read_bytes())
            self.stdout.write(f"Places: {result.summary()}.")
            field_groups = setup_ward(site)
            users = self.ensure_users(site, field_groups, reset_passwords)
            passwords = users.pop("_passwords")
            demo_workflow.ensure_pages_at_every_step(
                home, Workflow.objects.get(name=FIVE_STEP_WORKFLOW), users
            )
            for slug, dotted in PILLAR_DEMOS.items():
                if slug not in without:
                    module, name = dotted.rsplit(".", 1)
                    seed = getattr(import_module(module), name)
                    seed(Page.objects.child_of(home).get(slug=slug).specific, stdout=self.stdout)
            seed_search_log(site)
            seed_dashboard(site, stdout=self.stdout)
        self.report(site, passwords)
        self.seed_light_wards(wards)

    def seed_light_wards(self, count):
        """The light demo wards, one transaction each, and the city's own site with them
        (content/demo/wards.py)."""
        if count:
            with transaction.atomic():
                city = demo_wards.seed_city()
            if city is not None:
                self.stdout.write(f"Demo city «{city.site_name}»: http://{city.hostname}:8000/")
        for number in range(1, count + 1):
            with transaction.atomic():
                site = demo_wards.seed_light_ward(number)
            self.stdout.write(f"Demo ward «{site.site_name}»: http://{site.hostname}:8000/")

    def ensure_site(self):
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(depth=2).first()
        if home is None:
            home = root.add_child(
                instance=HomePage(
                    title=demo.WARD_SETTINGS["ward_name"],
                    slug="trang-chu",
                    intro=HOME_INTRO.format(unit="phường"),
                )
            )
            home.save_revision().publish()
        site = Site.objects.filter(root_page=home).first()
        if site is None:
            site = Site.objects.filter(is_default_site=True).first() or Site(
                hostname="localhost", port=80, is_default_site=True
            )
            previous_root = site.root_page_id
            site.root_page = home
            site.site_name = demo.WARD_SETTINGS["ward_name"]
            site.save()
            # Wagtail's "Welcome to your new Wagtail site!" page has nothing to say to citizens.
            if previous_root and previous_root != home.pk:
                Page.objects.filter(pk=previous_root, content_type__model="page").delete()
        return site, home

    def ensure_settings(self, site, about, english):
        values = {**demo.WARD_SETTINGS, "about_page": about, "english_page": english}
        ward, created = WardSettings.objects.get_or_create(site=site, defaults=values)
        if not created and ward.ward_name == WardSettings._meta.get_field("ward_name").default:
            # Settings rows made by visiting the admin before seeding hold only defaults.
            for key, value in values.items():
                setattr(ward, key, value)
            ward.save()

    def ensure_pages(self, home):
        """Every ward's pages (content/ward_pages.py; each pillar's demo makes its own lists),
        and the demo's own pages under the pillars."""
        pillars, about, english = ward_pages.ensure_ward_pages(
            home, with_structure=False, about_extra=demo.ABOUT_FIGURES
        )
        for slug, children in demo.PILLAR_CHILDREN.items():
            for child_slug, child_title, child_intro, child_paragraphs in children:
                ward_pages.ensure_child(
                    pillars[slug],
                    StandardPage,
                    child_slug,
                    title=child_title,
                    intro=child_intro,
                    body=ward_pages.body(child_paragraphs),
                )
        return about, english

    def ensure_users(self, site, field_groups, reset_passwords):
        """One account per role group, all working for this ward. Returns users by username,
        and the new passwords under "_passwords"."""
        User = get_user_model()
        users, passwords = {}, {}
        for username, first_name, last_name, group_name in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first_name,
                    "last_name": last_name,
                    "email": f"{username}@example.gov.vn",
                },
            )
            user.groups.add(Group.objects.get(name=group_name))
            if group_name == SPECIALISTS:
                user.groups.add(field_groups[DEMO_SPECIALIST_SECTION])
            StaffProfile.objects.get_or_create(user=user, defaults={"site": site})
            if created or reset_passwords:
                passwords[username] = secrets.token_urlsafe(9)
                user.set_password(passwords[username])
                user.save()
            users[username] = user
        users["_passwords"] = passwords
        return users

    def report(self, site, passwords):
        self.stdout.write(
            f"Demo ward «{site.site_name}»: {Place.objects.filter(site=site).count()} places, "
            f"{site.root_page.get_descendants(inclusive=True).live().count()} live pages."
        )
        if not passwords:
            return
        if not settings.DEBUG:
            self.stdout.write("Demo accounts created; passwords are shown only when DEBUG is on.")
            return
        self.stdout.write("Demo accounts for /admin/ (shown once; reset with --reset-passwords):")
        for username, _, _, group_name in DEMO_USERS:
            if username in passwords:
                self.stdout.write(f"  {group_name:<14} {username:<10} {passwords[username]}")
