"""Template helpers of the governance pillar."""

from django import template

register = template.Library()


@register.filter
def vnd(amount):
    """``1500000`` → ``1.500.000 đồng``."""
    try:
        amount = int(amount)
    except (TypeError, ValueError):
        return ""
    return f"{amount:,}".replace(",", ".") + " đồng"


@register.simple_tag
def page_query(query, param, number):
    """The query string of a results page: the current filters plus ``param=number``."""
    return f"?{query}&{param}={number}" if query else f"?{param}={number}"
