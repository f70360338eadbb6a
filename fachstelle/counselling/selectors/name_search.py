"""Finding clients by name without the database knowing names: a match of blind-index tokens.

`Client.name_tokens` holds the HMACs of every word prefix of the (encrypted) name, space-separated
(`fachstelle.core.crypto.name_search_tokens`). A search term matches when each of its tokens is one of them.
On PostgreSQL the tokens are read as an array with a GIN index on `string_to_array(name_tokens, ' ')`
(migration 0003), so the search is an index lookup even over 100,000 clients; SQLite compares substrings
(tokens are fixed-width hex, so a substring match is a whole-token match).
"""

from django.db import connection
from django.db.models import F, Func, QuerySet, TextField, Value

from fachstelle.core.models import Office

from ..models import Client


class NameTokenArray(Func):
    """string_to_array(name_tokens, ' ') — the expression the GIN index is built on."""

    function = "string_to_array"

    def __init__(self, column: str):
        from django.contrib.postgres.fields import ArrayField

        super().__init__(F(column), Value(" "), output_field=ArrayField(TextField()))


def clients_matching_tokens(*, office: Office, tokens: list[str]) -> QuerySet[Client]:
    """The office's clients whose name index holds every token (unordered; use as a subquery)."""
    clients = Client.objects.filter(office=office)
    if connection.vendor == "postgresql":
        return clients.alias(_name_tokens=NameTokenArray("name_tokens")).filter(_name_tokens__contains=tokens)
    for token in tokens:
        clients = clients.filter(name_tokens__contains=token)
    return clients
