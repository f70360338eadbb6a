"""Application-level encryption of personal free text, so that a database dump alone reveals nothing.

Keys come from the environment (`FIELD_ENCRYPTION_KEYS`, comma-separated Fernet keys): the first key
encrypts, every key decrypts. Rotation: put a new key in front, deploy, run
`manage.py rotate_encryption_keys` (reads every encrypted column, which decrypts with any key, and
writes it back, which encrypts with the first), then drop the old key.
`BLIND_INDEX_KEY` keys the HMACs that let us find a client by name without storing the name in clear
(duplicate check, quick search); changing it needs `manage.py rotate_encryption_keys --blind-indexes`.
"""

import functools
import hashlib
import hmac
import re
import unicodedata

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


@functools.cache
def _fernet() -> MultiFernet:
    keys = [key for key in getattr(settings, "FIELD_ENCRYPTION_KEYS", []) if key]
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: personal data cannot be stored.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS holds a key that is not a Fernet key.") from exc


def reset_key_cache() -> None:
    """After changing settings.FIELD_ENCRYPTION_KEYS (tests, key rotation)."""
    _fernet.cache_clear()


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "An encrypted value cannot be decrypted with FIELD_ENCRYPTION_KEYS (missing old key?)."
        ) from exc


class EncryptedTextField(models.TextField):
    """Text stored encrypted; reads give the plaintext. Not searchable in SQL, by design.

    `max_length` applies to the plaintext (validated by forms and `full_clean`); the column holds the
    longer ciphertext. Empty strings stay empty so that "no notes" needs no decryption.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length:
            self.validators.append(MaxLengthValidator(self.max_length))

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return encrypt(value)


class EncryptedCharField(EncryptedTextField):
    """A one-line encrypted value (name, phone, e-mail): a text input in forms."""

    def formfield(self, **kwargs):
        from django import forms

        defaults = {"widget": forms.TextInput}
        defaults.update(kwargs)
        return super().formfield(**defaults)


def encrypted_fields(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


# --- Blind indexes -------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def normalise_name(value: str) -> str:
    """Lower case, accents folded, single spaces: "Müller  Ali" and "muller ali" compare equal."""
    folded = unicodedata.normalize("NFKD", value or "")
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(folded.casefold()))


def blind_hash(value: str, *, purpose: str) -> str:
    key = getattr(settings, "BLIND_INDEX_KEY", "")
    if not key:
        raise ImproperlyConfigured("BLIND_INDEX_KEY is empty.")
    digest = hmac.new(key.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()
    return digest[:16]


def name_fingerprint(name: str) -> str:
    """The HMAC of the whole normalised name (duplicate check: same name + year of birth)."""
    normal = normalise_name(name)
    return blind_hash(normal, purpose="name") if normal else ""


def name_search_tokens(name: str) -> str:
    """HMACs of every prefix (2+ letters) of every word of `name`, space-separated.

    Stored next to the encrypted name so that a quick search for "ali" or "mül" finds "Ali Müller"
    without the database ever holding the name. A search term is hashed the same way and matched
    as a whole token.
    """
    tokens = set()
    for word in normalise_name(name).split():
        for end in range(2, min(len(word), 20) + 1):
            tokens.add(blind_hash(word[:end], purpose="prefix"))
    return " ".join(sorted(tokens))


def search_term_tokens(term: str) -> list[str]:
    """The tokens a quick-search term must all match (one per word, prefixes up to 20 letters)."""
    return [
        blind_hash(word[:20], purpose="prefix") for word in normalise_name(term).split() if len(word) >= 2
    ]


ENCRYPTED_HELP = _("Stored encrypted.")
