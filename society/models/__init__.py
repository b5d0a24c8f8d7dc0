from .emergency import EmergencyIndexPage, EmergencyLevel, EmergencyNoticePage
from .pillar import SocietyPage

__all__ = ["EmergencyIndexPage", "EmergencyLevel", "EmergencyNoticePage", "SocietyPage"]
