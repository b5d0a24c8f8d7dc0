from .education import (
    EducationPage,
    EnrolmentZone,
    Ownership,
    PrivatePreschool,
    School,
    SchoolLevel,
    SchoolYear,
)
from .emergency import EmergencyIndexPage, EmergencyLevel, EmergencyNoticePage
from .health import HealthEvent, HealthPage, HotSpot, HotSpotPage
from .pillar import SocietyPage
from .welfare import WelfareIndexPage, WelfarePolicyPage

__all__ = [
    "EducationPage",
    "EmergencyIndexPage",
    "EmergencyLevel",
    "EmergencyNoticePage",
    "EnrolmentZone",
    "HealthEvent",
    "HealthPage",
    "HotSpot",
    "HotSpotPage",
    "Ownership",
    "PrivatePreschool",
    "School",
    "SchoolLevel",
    "SchoolYear",
    "SocietyPage",
    "WelfareIndexPage",
    "WelfarePolicyPage",
]
