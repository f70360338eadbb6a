"""Errors of the self-service rules; the message is translated and shown to the person who asked."""

# Tokens are 43 characters (secrets.token_urlsafe(32)); anything longer is not worth a query.
TOKEN_MAX_LENGTH = 64


class SelfServiceError(Exception):
    """A rule refused the request; the message is translated and meant for the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ProposalNotPending(SelfServiceError):
    pass
