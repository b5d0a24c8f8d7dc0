from django.core.management.base import BaseCommand

from feedback.spool import write_spooled


class Command(BaseCommand):
    help = (
        "Write into the database the feedback reports kept on disk (FEEDBACK_SPOOL_ROOT) while "
        "it was down; each exactly once."
    )

    def handle(self, **options):
        counts = write_spooled()
        self.stdout.write(f"Written: {counts['written']}; refused: {counts['refused']}.")
