from wagtail.snippets.models import register_snippet

from .health_admin import HealthViewSetGroup

register_snippet(HealthViewSetGroup)
