from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from content import admin_reports, short_links
from content import views as content_views
from feedback import views as feedback_views
from sitesearch import views as search_views
from tthc import views as tthc_views

from .health import healthz
from .sitemap import sitemap

# A reference number and nothing else, the same number logged with the error (portal/errors.py).
handler500 = "portal.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", content_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    # Wagtail's site history report, limited to the ward of the member of staff.
    *admin_reports.urlpatterns,
    path("admin/", include(wagtailadmin_urls)),
    path("tim-kiem/", search_views.search_view, name="search"),
    path("tim-kiem/goi-y/", search_views.suggest_view, name="search_suggest"),
    path("tim-kiem/dem/", search_views.count_view, name="search_count"),
    # Document downloads, through a wrapper that mends one header (content.views.serve_document);
    # the name is Wagtail's, so document links and the rest of wagtaildocs are unchanged.
    re_path(r"^tai-lieu/(\d+)/(.*)$", content_views.serve_document, name="wagtaildocs_serve"),
    path("tai-lieu/", include(wagtaildocs_urls)),
    # Short links for QR codes: lower case in print, but a code typed in capitals still works.
    re_path(r"^q/(?P<code>[2-9a-zA-Z]{4,16})/?$", short_links.follow, name="short_link"),
    # The same code tagged with the place where it is posted (docs/qr-codes.md).
    re_path(
        r"^q/(?P<code>[2-9a-zA-Z]{4,16})/(?P<place>[-_0-9a-zA-Z]{1,32})/?$",
        short_links.follow,
        name="short_link_place",
    ),
    re_path(r"^q/(?P<code>[2-9a-zA-Z]{4,16})\.svg$", short_links.qr_svg, name="short_link_svg"),
    re_path(r"^q/(?P<code>[2-9a-zA-Z]{4,16})\.png$", short_links.qr_png, name="short_link_png"),
    re_path(
        r"^thu-tuc-hanh-chinh/ma/(?P<code>[0-9](?:\.[0-9A-Z]{1,6}){1,5})/$",
        tthc_views.procedure_by_code,
        name="procedure_by_code",
    ),
    # Feedback photos: always image/jpeg with nosniff, never from /media/ (docs/feedback.md).
    re_path(
        r"^phan-anh-kien-nghi/anh/(?P<name>[0-9a-f]{32})\.jpg$",
        feedback_views.photo,
        name="feedback_photo",
    ),
    # Open311 GeoReport v2: other apps read and file the ward's reports (docs/integrations.md).
    path("open311/v2/", include("open311.urls")),
    # «Trang này có hữu ích không?», asked at the foot of every page.
    path("y-kien-trang/", feedback_views.page_usefulness, name="page_usefulness"),
]

if settings.SERVE_MEDIA:
    # Image renditions only: originals never, documents through /tai-lieu/ (portal/media.py);
    # the caching front or object storage can take this over (docs/operations.md).
    from .media import serve_public_media

    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_public_media)]

urlpatterns += [path("", include(wagtail_urls))]
