from .emergency import EmergencyIndexPage, EmergencyLevel, EmergencyNoticePage
from .health import HealthEvent, HealthPage, HotSpot, HotSpotPage
from .pillar import SocietyPage

__all__ = [
    "EmergencyIndexPage",
    "EmergencyLevel",
    "EmergencyNoticePage",
    "HealthEvent",
    "HealthPage",
    "HotSpot",
    "HotSpotPage",
    "SocietyPage",
]
