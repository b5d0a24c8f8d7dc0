"""Create a ward, or many from a CSV (docs/operations.md, «Adding a ward»). Idempotent."""

import logging
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.http.request import validate_host

from content.provisioning import WardError, clean_row, provision_ward, read_csv

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Create a ward (site, settings, home, the six pillars, standard pages, residential "
        "groups, groups, collections, workflows) from arguments or from a CSV of many."
    )

    def add_arguments(self, parser):
        parser.add_argument("--csv", metavar="FILE", help="a CSV of wards, one a row")
        parser.add_argument("--name", help="the ward's name, e.g. «Cửa Nam» or «Phường Cửa Nam»")
        parser.add_argument("--kind", help="phường or xã")
        parser.add_argument("--host", help="the ward's host name, e.g. phuong-cua-nam.hanoi.gov.vn")
        parser.add_argument("--dvc-unit-code", default="", help="unit code at the national portal")
        parser.add_argument("--ihanoi-unit", default="", help="unit at iHanoi")
        parser.add_argument("--address", default="")
        parser.add_argument("--hotline", default="")
        parser.add_argument("--places", metavar="FILE", help="the residential groups' CSV")
        parser.add_argument(
            "--port",
            type=int,
            default=443,
            help="the site's port: 443 makes its links https:// (default); 80 for plain http",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="with --csv: one bad row stops everything, and nothing is created",
        )

    def handle(self, csv=None, strict=False, port=443, **options):
        if csv:
            path = Path(csv)
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise CommandError(f"Không đọc được tệp «{csv}»: {exc.strerror}.") from None
            try:
                rows, errors = read_csv(data, base_dir=path.parent, port=port)
            except WardError as exc:
                raise CommandError(" ".join(exc.errors)) from None
        else:
            values = {
                "name": options["name"],
                "kind": options["kind"],
                "hostname": options["host"],
                "dvc_unit_code": options["dvc_unit_code"],
                "ihanoi_unit": options["ihanoi_unit"],
                "address": options["address"],
                "hotline": options["hotline"],
                "places": options["places"],
            }
            try:
                rows, errors = [clean_row(values, port=port)], []
            except WardError as exc:
                raise CommandError(" ".join(exc.errors)) from None
        if strict and errors:
            self._errors(errors)
            raise CommandError(f"Không tạo phường/xã nào: {len(errors)} dòng lỗi (--strict).")
        if strict:
            with transaction.atomic():
                results = [self._provision(row, errors, raise_=True) for row in rows]
        else:
            results = [self._provision(row, errors) for row in rows]
        done = [result for result in results if result]
        made = sum(1 for result in done if result.created)
        self.stdout.write(
            f"{len(done)} phường/xã xong ({made} tạo mới, {len(done) - made} đã có), "
            f"{len(errors)} lỗi."
        )
        if errors:
            self._errors(errors)
            raise CommandError(f"{len(errors)} phường/xã chưa tạo được; sửa rồi chạy lại.")

    def _provision(self, row, errors, raise_=False):
        try:
            result = provision_ward(row)
        except Exception as exc:
            # The ward's transaction is rolled back; the next ward is tried all the same.
            if isinstance(exc, WardError):
                messages = exc.errors
            else:
                logger.exception("add_ward: %s failed", row.hostname)
                messages = [f"{row.label}: không tạo được «{row.ward_name}»: {exc}"]
            if raise_:
                self._errors([*errors, *messages])
                raise CommandError("Không tạo phường/xã nào (--strict).") from None
            errors.extend(messages)
            return None
        prefix = f"Dòng {row.line}: " if row.line else ""
        self.stdout.write(prefix + result.summary())
        if not validate_host(row.hostname, settings.ALLOWED_HOSTS):
            self.stdout.write(
                f"  Lưu ý: tên miền «{row.hostname}» chưa có trong ALLOWED_HOSTS; thêm vào rồi "
                "khởi động lại các tiến trình web (docs/operations.md)."
            )
        return result

    def _errors(self, errors):
        for error in errors:
            self.stderr.write(error)
