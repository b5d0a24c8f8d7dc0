"""Models of the governance pillar, one module per page type family."""

from .announcements import AnnouncementIndexPage, AnnouncementPage
from .disclosures import DisclosureCategory, DisclosureIndexPage, DisclosurePage, ListedPerson
from .documents import DocumentRegisterPage, DocumentStatus, DocumentType, OfficialDocumentPage
from .pillar import GovernancePage
from .schedule import ScheduleEntry, ScheduleIndexPage, WeekSchedulePage

__all__ = [
    "AnnouncementIndexPage",
    "AnnouncementPage",
    "DisclosureCategory",
    "DisclosureIndexPage",
    "DisclosurePage",
    "DocumentRegisterPage",
    "DocumentStatus",
    "DocumentType",
    "GovernancePage",
    "ListedPerson",
    "OfficialDocumentPage",
    "ScheduleEntry",
    "ScheduleIndexPage",
    "WeekSchedulePage",
]
