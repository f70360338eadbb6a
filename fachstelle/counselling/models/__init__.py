"""Counselling (Beratung): the most sensitive data of the platform. Free text and names are encrypted at
rest (`fachstelle.core.crypto`); categorical fields stay in clear so that statistics survive anonymisation.
Access goes through `fachstelle.counselling.access`; every read and write is audited."""

from .cases import Case, Channel, CounsellingSession, FollowUp, Referral, ShortConsultation, Topic
from .clients import (
    Client,
    ClientLanguage,
    Consent,
    GoalCategory,
    Intake,
    IntakeGoal,
    IntegrationPlan,
    PlanGoal,
    PlanStep,
    Qualification,
)
from .interpreters import Interpreter, InterpreterBooking, InterpreterLanguage
from .office import CounsellingSettings, PersonalDataExport

__all__ = [
    "Case",
    "Channel",
    "Client",
    "ClientLanguage",
    "Consent",
    "CounsellingSession",
    "CounsellingSettings",
    "FollowUp",
    "GoalCategory",
    "Intake",
    "IntakeGoal",
    "IntegrationPlan",
    "Interpreter",
    "InterpreterBooking",
    "InterpreterLanguage",
    "PersonalDataExport",
    "PlanGoal",
    "PlanStep",
    "Qualification",
    "Referral",
    "ShortConsultation",
    "Topic",
]
