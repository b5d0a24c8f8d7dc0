from django.core.management.base import BaseCommand

from feedback.retention import anonymise_expired


class Command(BaseCommand):
    help = "Remove the personal data of feedback reports closed longer than the retention period."

    def handle(self, **options):
        self.stdout.write(f"Anonymised: {anonymise_expired()}.")
