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
