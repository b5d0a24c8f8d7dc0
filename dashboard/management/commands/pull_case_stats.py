"""``python manage.py pull_case_stats``: the ward's case statistics from the national portal."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dashboard import jobs
from dashboard.sources.base import Busy

from ._ward import add_site_argument, report, ward


class Command(BaseCommand):
    help = "Lấy số liệu hồ sơ của phường từ Cổng Dịch vụ công quốc gia (CASE_STATS_URL)."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="địa chỉ nguồn (mặc định: CASE_STATS_URL)")
        add_site_argument(parser)

    def handle(self, url=None, site=None, **options):
        if not (url or settings.CASE_STATS_URL):
            raise CommandError("Chưa cấu hình CASE_STATS_URL; dùng --url hoặc import_case_stats.")
        try:
            run = jobs.pull_case_stats(ward(site), url)
        except Busy as error:
            raise CommandError(str(error)) from error
        report(self, run)
