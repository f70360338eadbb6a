"""IBAN checks for the payout account: country length and the ISO 13616 mod-97 checksum.

Only the countries sponsors of a Swiss integration office realistically bank in are listed with their
length; other countries pass with the checksum alone (15–34 characters)."""

import re

# Country code → total IBAN length (ISO 13616 registry).
IBAN_LENGTHS = {
    "CH": 21,
    "LI": 21,
    "DE": 22,
    "AT": 20,
    "FR": 27,
    "IT": 27,
    "LU": 20,
    "NL": 18,
    "BE": 16,
    "ES": 24,
    "PT": 25,
    "GB": 22,
}
IBAN_PATTERN = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")


def iban_normalize(value: str) -> str:
    """Without spaces and dashes, upper case (as typed from a bank statement: "CH93 0076 2011 …")."""
    return re.sub(r"[\s\-]", "", value or "").upper()


def iban_is_valid(value: str) -> bool:
    iban = iban_normalize(value)
    if not IBAN_PATTERN.match(iban):
        return False
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return False
    # Move the first four characters to the end, letters → numbers (A=10 … Z=35), remainder mod 97 is 1.
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    return int(digits) % 97 == 1


def iban_format(value: str) -> str:
    """Groups of four for display: CH93 0076 2011 6238 5295 7."""
    iban = iban_normalize(value)
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
