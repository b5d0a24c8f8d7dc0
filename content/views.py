from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.documents.views import serve as wagtaildocs_serve


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def serve_document(request, document_id, document_filename):
    """Wagtail's document download, without the ``Content-Encoding: None`` header it sends.

    ``wagtail.utils.sendfile`` sets ``Content-Encoding`` to the encoding ``mimetypes`` guessed,
    which is ``None`` for every file that is not itself compressed, and Django writes the word
    out; a proxy or browser that believes it would try to decode a PDF (issue 22)."""
    response = wagtaildocs_serve.serve(request, document_id, document_filename)
    if response.get("Content-Encoding") in ("None", ""):
        del response["Content-Encoding"]
    return response
