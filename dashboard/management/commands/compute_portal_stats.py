"""``python manage.py compute_portal_stats``: recompute the portal's own activity counts for recent months."""

from django.core.management.base import BaseCommand, CommandError

from dashboard import jobs
from dashboard.sources.base import Busy

from ._ward import add_site_argument, report, ward


class Command(BaseCommand):
    help = "Tính lại số liệu hoạt động của Cổng (tin bài, rà soát, lượt tải, lượt quét QR …) của các tháng gần đây."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months", type=int, default=2, help="số tháng tính lại, kể cả tháng này (mặc định 2)"
        )
        add_site_argument(parser)

    def handle(self, months=2, site=None, **options):
        if months < 1:
            raise CommandError("--months phải từ 1 trở lên.")
        try:
            run = jobs.compute_portal_stats(ward(site), months)
        except Busy as error:
            raise CommandError(str(error)) from error
        report(self, run)
