"""RSS feeds of the pillar (Django syndication): announcements and the document register.

A feed is built for one index page and called from that page's route, so each ward's feed
lists that ward's pages only. Django's feed generator escapes every text it writes."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from content.visibility import public

FEED_ITEMS = 30


class PageFeed(Feed):
    """A feed of the live, public children of ``index_page``."""

    feed_type = Rss201rev2Feed
    language = "vi"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, obj):
        return obj.title

    def link(self, obj):
        return obj.get_url(self.request)

    def description(self, obj):
        return obj.intro or obj.title

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at


class AnnouncementFeed(PageFeed):
    def items(self, obj):
        from .models import AnnouncementPage

        return public(AnnouncementPage.objects.child_of(obj).live(), self.request).order_by(
            "-first_published_at"
        )[:FEED_ITEMS]

    def item_description(self, item):
        return item.intro

    def item_categories(self, item):
        return [item.get_kind_display()]


class DocumentFeed(PageFeed):
    def items(self, obj):
        from .models import OfficialDocumentPage

        return public(OfficialDocumentPage.objects.child_of(obj).live(), self.request).order_by(
            "-issued_on", "-pk"
        )[:FEED_ITEMS]

    def item_title(self, item):
        return f"{item.get_doc_type_display()} số {item.number}: {item.title}"

    def item_description(self, item):
        return f"{item.get_status_display()}. {item.intro}".strip()

    def item_categories(self, item):
        return [item.get_doc_type_display(), item.get_status_display()]
