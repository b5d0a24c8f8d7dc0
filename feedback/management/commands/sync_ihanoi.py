"""``python manage.py sync_ihanoi``: import the ward's iHanoi items (docs/feedback.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from content.models import SyncRun
from feedback import ihanoi


class Command(BaseCommand):
    help = "Đồng bộ phản ánh từ iHanoi (IHANOI_URL) vào phường/xã."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="địa chỉ nguồn iHanoi (mặc định: IHANOI_URL)")
        parser.add_argument(
            "--site", type=int, help="id của trang phường (mặc định: trang mặc định)"
        )

    def handle(self, url=None, site=None, **options):
        url = url or settings.IHANOI_URL
        if not url:
            raise CommandError("Chưa cấu hình IHANOI_URL; dùng --url.")
        target = (
            Site.objects.filter(pk=site).first()
            if site
            else Site.objects.filter(is_default_site=True).first()
        )
        if target is None:
            raise CommandError("Không tìm thấy trang phường/xã.")
        try:
            run = ihanoi.sync_from_url(target, url, settings.IHANOI_TOKEN or "")
        except ihanoi.SyncBusy as error:
            raise CommandError(str(error)) from error
        if run.status != SyncRun.Status.SUCCESS:
            raise CommandError(f"{run.get_status_display()}: {run.message}")
        self.stdout.write(f"Đồng bộ iHanoi xong: {run.summary()}.")
