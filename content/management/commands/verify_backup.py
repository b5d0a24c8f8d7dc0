"""``make verify-backup``: the nightly restore check, by hand (content/backups.py). Exits with
an error, listing every problem, when the check does not pass."""

from django.core.management.base import BaseCommand, CommandError

from content.backups import BackupError, find_set, verify, verify_latest


class Command(BaseCommand):
    help = "Khôi phục thử bản sao lưu mới nhất (hoặc bản được chỉ) vào một cơ sở dữ liệu tạm và kiểm tra."

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="Bản sao lưu (mặc định: bản mới nhất).")

    def handle(self, *args, name=None, **options):
        try:
            check = verify(find_set(name)) if name else verify_latest()
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        if not check.ok:
            raise CommandError(
                f"Kiểm tra khôi phục {check.dump or '—'} KHÔNG ĐẠT:\n- "
                + check.problems.replace("\n", "\n- ")
            )
        self.stdout.write(
            f"Kiểm tra khôi phục {check.dump} đạt: {check.tables} bảng, {check.rows} dòng "
            f"khớp với lúc sao lưu; truy vấn thử đạt ({check.seconds:.1f} giây)."
        )
