"""Models of the shared app, one module per concern, re-exported here."""

from .backups import BackupCheck
from .downloads import DocumentDownload
from .history import ChangeNote, ReviewReminder
from .pages import (
    BasePage,
    ChecklistItem,
    HomePage,
    PageTag,
    PillarIcon,
    SectionPage,
    SourceAndContact,
    StandardPage,
)
from .places import Place
from .satisfaction import SatisfactionComment, SatisfactionPage, SatisfactionVote
from .settings import WardSettings
from .short_links import ShortLink, ShortLinkScan
from .staff import StaffProfile, user_site_id
from .sync import SyncRun
from .workflow import (
    ChecklistIncomplete,
    Notification,
    PublishingTask,
    RaciActivity,
    RaciStep,
    WardApprovalTask,
    page_site_id,
)

__all__ = [
    "BackupCheck",
    "BasePage",
    "ChangeNote",
    "ChecklistIncomplete",
    "ChecklistItem",
    "DocumentDownload",
    "Notification",
    "PageTag",
    "PublishingTask",
    "RaciActivity",
    "RaciStep",
    "ReviewReminder",
    "SatisfactionComment",
    "SatisfactionPage",
    "SatisfactionVote",
    "StaffProfile",
    "ShortLink",
    "ShortLinkScan",
    "SyncRun",
    "WardApprovalTask",
    "page_site_id",
    "user_site_id",
    "HomePage",
    "PillarIcon",
    "Place",
    "SectionPage",
    "SourceAndContact",
    "StandardPage",
    "WardSettings",
]
