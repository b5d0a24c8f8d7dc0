from django.core.management.base import BaseCommand

from content.reviews import send_review_reminders


class Command(BaseCommand):
    help = "Remind owner groups of pages past their review-by date (once per page per period)."

    def handle(self, **options):
        pages = send_review_reminders()
        self.stdout.write(f"Reminded {len(pages)} page(s).")
