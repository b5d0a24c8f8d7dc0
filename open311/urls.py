"""/open311/v2/…: the GeoReport v2 endpoints, each with a .json or .xml suffix."""

from django.urls import re_path

from . import views

FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(rf"^discovery{FMT}", views.discovery, name="open311_discovery"),
    re_path(rf"^services{FMT}", views.services, name="open311_services"),
    re_path(
        rf"^services/(?P<code>[-a-zA-Z0-9_]{{1,60}}){FMT}",
        views.service_definition,
        name="open311_service",
    ),
    re_path(rf"^requests{FMT}", views.requests_view, name="open311_requests"),
    re_path(rf"^requests/(?P<pk>[0-9]{{1,12}}){FMT}", views.request_detail, name="open311_request"),
    re_path(rf"^tokens/(?P<token>[0-9a-f]{{32}}){FMT}", views.token_detail, name="open311_token"),
]
