import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# Characters that could end the <script> element or start markup, escaped for JSON-LD.
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.filter
def ld_json(value):
    """``value`` as JSON safe to put inside <script type="application/ld+json">."""
    text = json.dumps(value, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(text)  # noqa: S308 (<, > and & escaped above, as json_script does)
