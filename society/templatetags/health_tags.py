from django import template

from content.text import json_script_value

register = template.Library()


@register.filter
def ld_json(value):
    """``value`` as JSON safe to put inside <script type="application/ld+json">."""
    return json_script_value(value)
