"""``python manage.py pull_case_stats``: every ward's case statistics from the national portal
(or one ward's, with ``--ward``)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content.ward_jobs import add_ward_argument, run_over_wards
from dashboard import jobs
from dashboard.sources.base import Busy


class Command(BaseCommand):
    help = (
        "Lấy số liệu hồ sơ của từng phường/xã từ Cổng Dịch vụ công quốc gia (CASE_STATS_URL, "
        "theo mã đơn vị của phường/xã)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", help="địa chỉ gốc của nguồn (mặc định: CASE_STATS_URL)")
        add_ward_argument(parser)

    def handle(self, url=None, ward=None, **options):
        if not (url or settings.CASE_STATS_URL):
            raise CommandError("Chưa cấu hình CASE_STATS_URL; dùng --url hoặc import_case_stats.")
        run_over_wards(self, ward, lambda site: jobs.pull_case_stats(site, url), busy=(Busy,))
