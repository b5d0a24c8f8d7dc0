"""Periodic jobs of the site search."""

from celery import shared_task

from .indexing import rebuild


@shared_task(name="sitesearch.tasks.rebuild_search_index")
def rebuild_search_index():
    """Nightly: write every page's entry again, so that changes the publishing signals do not
    see (a renamed field of procedures, a restored database) reach the index."""
    return rebuild()
