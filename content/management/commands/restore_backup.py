"""``make restore DUMP=…``: restore a named backup over the database, after the operator types
the database's name (content/backups.py, docs/operations.md "Backup and restore")."""

from django.core.management.base import BaseCommand, CommandError

from content.backups import BackupError, database, find_set, restore


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu đè lên cơ sở dữ liệu (sau khi xác nhận)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Tên bản sao lưu (portal-….dump) hoặc đường dẫn tới nó.")
        parser.add_argument("--files", action="store_true", help="Khôi phục cả ảnh và tài liệu.")
        parser.add_argument(
            "--database", help="Khôi phục vào cơ sở dữ liệu khác trên cùng máy chủ."
        )
        parser.add_argument(
            "--yes", action="store_true", help="Không hỏi lại (dùng trong kịch bản)."
        )

    def handle(self, *args, name, files=False, yes=False, **options):
        target = options.get("database") or database()["NAME"]
        try:
            backup = find_set(name)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        created = backup.manifest.get("created_at", "không rõ thời điểm")
        self.stdout.write(
            f"Sẽ khôi phục {backup.dump.name} (sao lưu lúc {created}) ĐÈ LÊN cơ sở dữ liệu "
            f"«{target}»{' cùng ảnh và tài liệu' if files else ''}. Mọi thay đổi sau lần sao "
            "lưu đó sẽ mất. Hãy dừng web, worker và beat trước."
        )
        if not yes:
            answer = input(f"Gõ tên cơ sở dữ liệu ({target}) để xác nhận: ").strip()
            if answer != target:
                raise CommandError("Chưa xác nhận: không khôi phục gì.")
        try:
            restore(backup, target=target, with_files=files)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Đã khôi phục {backup.dump.name} vào «{target}». Tiếp theo: manage.py migrate, "
            "manage.py rebuild_search_index, rồi khởi động lại các dịch vụ."
        )
