from .guides import (
    BusinessGuidePage,
    GuideDocument,
    GuideProcedure,
    GuideReviewFlag,
    GuideTopic,
    RuleChange,
)
from .pillar import BusinessPage

__all__ = [
    "BusinessGuidePage",
    "BusinessPage",
    "GuideDocument",
    "GuideProcedure",
    "GuideReviewFlag",
    "GuideTopic",
    "RuleChange",
]
