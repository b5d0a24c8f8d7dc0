from django import template

from ..banner import live_notices

register = template.Library()


@register.inclusion_tag("society/_emergency_banner.html", takes_context=True)
def emergency_banner(context):
    """The live emergency notices of the current ward, on top of every public page."""
    request = context.get("request")
    page = context.get("page")
    return {
        "notices": live_notices(request),
        "current_page_id": getattr(page, "pk", None),
    }


@register.filter
def relief_kind(value):
    """«Điểm sơ tán» for ``so-tan``, and so on (the block's choice label)."""
    from ..models.emergency import ReliefPointBlock

    return dict(ReliefPointBlock.KINDS).get(value, value)
