from .health import HealthEvent, HealthPage, HotSpot, HotSpotPage
from .pillar import SocietyPage

__all__ = ["HealthEvent", "HealthPage", "HotSpot", "HotSpotPage", "SocietyPage"]
