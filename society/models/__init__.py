from .education import (
    EducationPage,
    EnrolmentZone,
    Ownership,
    PrivatePreschool,
    School,
    SchoolLevel,
    SchoolYear,
)
from .pillar import SocietyPage
from .welfare import WelfareIndexPage, WelfarePolicyPage

__all__ = [
    "EducationPage",
    "EnrolmentZone",
    "Ownership",
    "PrivatePreschool",
    "School",
    "SchoolLevel",
    "SchoolYear",
    "SocietyPage",
    "WelfareIndexPage",
    "WelfarePolicyPage",
]
