"""Serving uploads from Django (``SERVE_MEDIA``, on by default: `make run` and a stack without
the caching front). Only image renditions are public files. Original images are never
served by URL, documents only through Wagtail's serve view (``/tai-lieu/…``, which checks a
collection's privacy), and citizens' photos live outside MEDIA_ROOT altogether. The caching
front applies the same rule (deploy/nginx.conf.in).
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

# Folders of MEDIA_ROOT whose files anyone may fetch: Wagtail's renditions.
PUBLIC_MEDIA_FOLDERS = ("images/",)


def serve_public_media(request, path):
    """A rendition under MEDIA_ROOT/images/; 404 for anything else (original_images/,
    documents/, whatever else lands in MEDIA_ROOT)."""
    path = posixpath.normpath(path).lstrip("/")
    if not path.startswith(PUBLIC_MEDIA_FOLDERS):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
