"""The network (Vernetzen): organisations and their contacts, key persons, contact persons per field of
action, inquiries, the reporting point, meetings and mailings."""

from .inquiries import FieldContact, Inquiry, InquiryMessage
from .key_persons import Assignment, KeyPerson, KeyPersonLanguage
from .mailings import Mailing, MailingOptOut, MailingRecipient
from .meetings import ActionItem, MeetingInvitation, NetworkMeeting
from .organisations import Contact, Organisation, Relation
from .reports import Report

__all__ = [
    "ActionItem",
    "Assignment",
    "Contact",
    "FieldContact",
    "Inquiry",
    "InquiryMessage",
    "KeyPerson",
    "KeyPersonLanguage",
    "Mailing",
    "MailingOptOut",
    "MailingRecipient",
    "MeetingInvitation",
    "NetworkMeeting",
    "Organisation",
    "Relation",
    "Report",
]
