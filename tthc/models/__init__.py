"""Models of the procedures pillar: the shared catalogue and the ward's pages."""

from .catalogue import OnlineLevel, Procedure, ProcedureField, ProcedureVersion
from .pages import (
    FaqLibraryPage,
    FaqPage,
    LifeEventIndexPage,
    LifeEventLink,
    LifeEventPage,
    ProcedureFormItem,
    ProcedureIndexPage,
    ProcedurePage,
)

__all__ = [
    "FaqLibraryPage",
    "FaqPage",
    "LifeEventIndexPage",
    "LifeEventLink",
    "LifeEventPage",
    "OnlineLevel",
    "Procedure",
    "ProcedureField",
    "ProcedureFormItem",
    "ProcedureIndexPage",
    "ProcedurePage",
    "ProcedureVersion",
]
