"""KOMPAKT models: population statistics and portraits, the process with its working group and workshops,
the canton's catalogue of proven offers, and the integration programme with its implementation."""

from .catalogue import CatalogueEntry, CatalogueExample
from .process import (
    BlockedDate,
    NeedForAction,
    Phase,
    Process,
    SchoolHoliday,
    WorkingGroupMember,
    Workshop,
)
from .programme import (
    CantonContribution,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    Programme,
    ProgrammeVersion,
    QualityMeeting,
)
from .statistics import (
    AGE_GROUPS,
    ColumnMapping,
    Permit,
    PopulationFigure,
    Portrait,
    Sex,
    StatisticsImport,
)

__all__ = [
    "AGE_GROUPS",
    "BlockedDate",
    "CantonContribution",
    "CatalogueEntry",
    "CatalogueExample",
    "ColumnMapping",
    "Goal",
    "Indicator",
    "IndicatorValue",
    "Measure",
    "NeedForAction",
    "Permit",
    "Phase",
    "PopulationFigure",
    "Portrait",
    "Process",
    "Programme",
    "ProgrammeVersion",
    "QualityMeeting",
    "SchoolHoliday",
    "Sex",
    "StatisticsImport",
    "WorkingGroupMember",
    "Workshop",
]
