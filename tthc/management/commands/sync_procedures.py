"""``python manage.py sync_procedures``: pull the procedure catalogue (docs/integrations.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content.models import SyncRun
from tthc import sync


class Command(BaseCommand):
    help = (
        "Đồng bộ danh mục thủ tục hành chính từ Cổng Dịch vụ công (TTHC_CATALOGUE_URL) "
        "hoặc từ tệp JSON/CSV/XLSX."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", help="đọc từ tệp .json, .csv hoặc .xlsx thay vì qua mạng")
        parser.add_argument("--url", help="địa chỉ danh mục (mặc định: TTHC_CATALOGUE_URL)")
        parser.add_argument(
            "--publish-new",
            action="store_true",
            help="đăng ngay trang của thủ tục mới (lần nạp đầu tiên); mặc định gửi vào quy trình duyệt",
        )
        parser.add_argument(
            "--confirm-withdrawals",
            action="store_true",
            help=(
                "xác nhận đánh dấu không còn hiệu lực cả khi số thủ tục vắng trong nguồn vượt "
                "ngưỡng TTHC_SYNC_MAX_WITHDRAW_SHARE (lần đồng bộ bị từ chối trước đó)"
            ),
        )

    def handle(self, file=None, url=None, publish_new=False, confirm_withdrawals=False, **options):
        choices = {"publish_new": publish_new, "confirm_withdrawals": confirm_withdrawals}
        try:
            if file:
                run = sync.sync_from_file(file, **choices)
            else:
                url = url or settings.TTHC_CATALOGUE_URL
                if not url:
                    raise CommandError("Chưa cấu hình TTHC_CATALOGUE_URL; dùng --url hoặc --file.")
                run = sync.sync_from_url(url, settings.TTHC_CATALOGUE_TOKEN or "", **choices)
        except sync.SyncBusy as error:
            raise CommandError(str(error)) from error
        if run.status != SyncRun.Status.SUCCESS:
            raise CommandError(f"{run.get_status_display()}: {run.message}")
        self.stdout.write(f"Đồng bộ xong: {run.summary()}.")
