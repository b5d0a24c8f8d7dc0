from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from content.places import PlaceImportError, import_places


class Command(BaseCommand):
    help = "Import a ward's residential groups / villages from a CSV file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("csv_file")
        parser.add_argument(
            "--site", help="hostname of the ward's Wagtail site (default: the default site)"
        )

    def handle(self, csv_file, site=None, **options):
        if site:
            found = Site.objects.filter(hostname=site).first()
        else:
            found = Site.objects.filter(is_default_site=True).first()
        if found is None:
            raise CommandError(f"No Wagtail site {'for ' + site if site else 'is the default'}.")
        try:
            with open(csv_file, "rb") as handle:
                result = import_places(found, handle.read())
        except OSError as exc:
            raise CommandError(f"Cannot read {csv_file}: {exc.strerror}") from None
        except PlaceImportError as exc:
            raise CommandError("\n".join(exc.errors)) from None
        self.stdout.write(f"{found.hostname}: {result.summary()}")
