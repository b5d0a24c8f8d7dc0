"""``python manage.py sync_ihanoi``: import every ward's iHanoi items (or one ward's, with
``--ward``); docs/feedback.md."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content.ward_jobs import add_ward_argument, run_over_wards
from feedback import ihanoi


class Command(BaseCommand):
    help = "Đồng bộ phản ánh từ iHanoi (IHANOI_URL, theo mã đơn vị iHanoi của từng phường/xã)."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="địa chỉ gốc của nguồn iHanoi (mặc định: IHANOI_URL)")
        add_ward_argument(parser)

    def handle(self, url=None, ward=None, **options):
        if not (url or settings.IHANOI_URL):
            raise CommandError("Chưa cấu hình IHANOI_URL; dùng --url.")
        run_over_wards(
            self, ward, lambda site: ihanoi.sync_ward(site, url), busy=(ihanoi.SyncBusy,)
        )
