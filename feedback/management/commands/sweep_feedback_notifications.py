from django.core.management.base import BaseCommand

from feedback.notify import sweep


class Command(BaseCommand):
    help = "Send staff notifications of feedback reports that are still unsent."

    def handle(self, **options):
        self.stdout.write(f"Sent: {sweep()}.")
