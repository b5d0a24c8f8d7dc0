from django import template
from wagtail.models import Site

from content.models import SectionPage
from content.page_parts import menu_sections
from content.visibility import public
from portal.csp import nonce_attribute

register = template.Library()


@register.simple_tag
def page_query(query, param, number):
    """The query string of a results page: the current filters plus ``param=number``
    (templates/includes/pagination.html)."""
    return f"?{query}&{param}={number}" if query else f"?{param}={number}"


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The sections shown in the main menu of the current ward's site (kept between
    requests, content.page_parts)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return menu_sections(
        site,
        lambda site: (
            public(SectionPage.objects.child_of(site.root_page).live())
            .in_menu()
            .only("id", "title", "url_path", "path", "depth", "icon")
        ),
    )


@register.filter
def is_ancestor_of(section, page):
    """True when ``page`` lies in ``section`` (for marking the current menu item)."""
    return bool(page) and getattr(page, "path", "").startswith(section.path)


@register.filter
def breadcrumb_trail(page):
    """The pages above ``page`` from its ward's home down, as its route walked them
    (content.routing) or from the database when it was not routed (previews)."""
    if not page:
        return []
    trail = getattr(page, "route_ancestors", None)
    if trail is None:
        trail = page.get_ancestors()
    return [ancestor for ancestor in trail if ancestor.depth > 1]


@register.simple_tag
def csp_nonce():
    """`` nonce="…"`` on an inline script of the admin (portal/csp.py); nothing elsewhere."""
    return nonce_attribute()
