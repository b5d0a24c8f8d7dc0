"""``make backup``: one backup set (database dump, media and feedback photos, manifest) into
BACKUP_DIR, keeping the newest BACKUP_KEEP sets (content/backups.py)."""

from django.core.management.base import BaseCommand, CommandError

from content.backups import BackupError, make_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu (pg_dump -Fc), ảnh và tài liệu vào BACKUP_DIR."

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep", type=int, help="Số bộ sao lưu giữ lại (mặc định BACKUP_KEEP)."
        )

    def handle(self, *args, keep=None, **options):
        try:
            backup = make_backup(keep=keep)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        manifest = backup.manifest
        self.stdout.write(
            f"Đã sao lưu: {backup.dump} ({manifest['dump_bytes']} byte, "
            f"{sum(manifest['tables'].values())} dòng trong {len(manifest['tables'])} bảng), "
            f"{backup.files} ({manifest['files_count']} tệp)."
        )
