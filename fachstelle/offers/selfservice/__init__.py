"""Public self-service of the directory: provider proposals, the periodic confirmation, reports on offers.

Services write (`proposal_submit`, `proposal_approve`, `confirmation_requests_send`, …), selectors read
(`proposal_diff`, `confirmation_get_valid`, …). The public views (offers/selfservice_views.py), the admin
(offers/admin_selfservice.py) and the command `request_offer_confirmations` call these functions; none of
them re-implements a rule. Offers are only ever written through `offers.services`.

  content.py        the stored shape of a proposed offer; what staff see (display, diff)
  proposals.py      submit, confirm the e-mail, approve, reject
  reports.py        "report outdated or wrong information"
  confirmations.py  the yearly confirmation: requests, overdue flagging, auto-hide, the personal link
  emails.py         the e-mails (plain-text templates in offers/email/), sent after commit
"""

from .confirmations import (
    ConfirmationSendResult,
    OverdueResult,
    confirmation_candidates,
    confirmation_get_valid,
    confirmation_offers,
    confirmation_requests_send,
    confirmations_flag_overdue,
    provider_confirm_offers,
)
from .content import (
    BOOLEAN_FIELDS,
    DATE_FIELDS,
    LIST_FIELDS,
    LOCATION_KEYS,
    SCALAR_FIELDS,
    DiffRow,
    offer_proposal_data,
    proposal_data_normalize,
    proposal_diff,
    proposal_display,
)
from .errors import TOKEN_MAX_LENGTH, ProposalNotPending, SelfServiceError
from .proposals import (
    PROPOSAL_CONFIRMATION_DAYS,
    proposal_approve,
    proposal_confirm_email,
    proposal_offer_for_change,
    proposal_reject,
    proposal_submit,
    providers_for_proposals,
)
from .reports import issue_report_resolve, issue_report_submit, issue_reports_open_count_by_offer

__all__ = [
    "BOOLEAN_FIELDS",
    "DATE_FIELDS",
    "LIST_FIELDS",
    "LOCATION_KEYS",
    "PROPOSAL_CONFIRMATION_DAYS",
    "SCALAR_FIELDS",
    "TOKEN_MAX_LENGTH",
    "ConfirmationSendResult",
    "DiffRow",
    "OverdueResult",
    "ProposalNotPending",
    "SelfServiceError",
    "confirmation_candidates",
    "confirmation_get_valid",
    "confirmation_offers",
    "confirmation_requests_send",
    "confirmations_flag_overdue",
    "issue_report_resolve",
    "issue_report_submit",
    "issue_reports_open_count_by_offer",
    "offer_proposal_data",
    "proposal_approve",
    "proposal_confirm_email",
    "proposal_data_normalize",
    "proposal_diff",
    "proposal_display",
    "proposal_offer_for_change",
    "proposal_reject",
    "proposal_submit",
    "provider_confirm_offers",
    "providers_for_proposals",
]
