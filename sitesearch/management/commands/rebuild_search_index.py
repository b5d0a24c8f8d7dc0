from django.core.management.base import BaseCommand

from sitesearch.indexing import rebuild


class Command(BaseCommand):
    help = "Write the site search index of every live page again (docs/search.md)."

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(f"Indexed {count} pages.")
