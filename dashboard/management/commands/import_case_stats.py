"""``python manage.py import_case_stats FILE``: case statistics from a one-stop export."""

from django.core.management.base import BaseCommand, CommandError

from dashboard.sources import cases
from dashboard.sources.base import Busy

from ._ward import add_site_argument, report, ward


class Command(BaseCommand):
    help = "Nạp số liệu hồ sơ từ tệp .xlsx/.csv xuất từ hệ thống một cửa (docs/integrations.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .xlsx hoặc .csv")
        add_site_argument(parser)

    def handle(self, file, site=None, **options):
        try:
            run = cases.import_file(ward(site), file)
        except FileNotFoundError as error:
            raise CommandError(f"Không tìm thấy tệp {file}.") from error
        except Busy as error:
            raise CommandError(str(error)) from error
        report(self, run)
