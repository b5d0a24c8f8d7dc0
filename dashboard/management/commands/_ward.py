"""Shared by the dashboard's commands: which ward, and how a run's outcome is reported."""

from django.core.management.base import CommandError
from wagtail.models import Site

from content.models import SyncRun


def add_site_argument(parser):
    parser.add_argument("--site", type=int, help="id của trang phường (mặc định: trang mặc định)")


def ward(site_id):
    site = (
        Site.objects.filter(pk=site_id).first()
        if site_id
        else Site.objects.filter(is_default_site=True).first()
    )
    if site is None:
        raise CommandError("Không tìm thấy trang phường/xã.")
    return site


def report(command, run):
    if run.status != SyncRun.Status.SUCCESS:
        raise CommandError(f"{run.get_status_display()}: {run.message}")
    command.stdout.write(f"Xong. {run.message}")
