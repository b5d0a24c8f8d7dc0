from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from content import views as content_views

from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", content_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("tai-lieu/", include(wagtaildocs_urls)),
]

if settings.SERVE_MEDIA:
    # Uploaded images and files; a reverse proxy or object storage can take this over
    # (docs/operations.md).
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [path("", include(wagtail_urls))]
