"""The code of a referral printed on its slip (``INV-7K3Q-92``): short, read over the phone.

Derived from the referral's id, so every replica (desk and server) computes the same code without
storing it. 30 bits: the code alone identifies a referral only together with the person's birth date
(the provider page's check) and under a rate limit; ambiguous characters (0/O, 1/I) are left out.
"""

from __future__ import annotations

import hashlib

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_LENGTH = 6
PREFIX = "INV"


def referral_code(referral_id: str) -> str:
    """``INV-XXXX-XX`` for a referral id (the same on every replica)."""
    number = int.from_bytes(hashlib.sha256(referral_id.encode("utf-8")).digest()[:8], "big")
    chars = []
    for _ in range(_LENGTH):
        number, index = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[index])
    text = "".join(chars)
    return f"{PREFIX}-{text[:4]}-{text[4:]}"


def normalize(code: str) -> str:
    """A code as typed (lower case, spaces, without dashes or prefix) in its printed form, or "" if it is not one."""
    letters = "".join(c for c in code.upper() if c.isalnum())[:20]
    if letters.startswith(PREFIX):
        letters = letters[len(PREFIX):]
    if len(letters) != _LENGTH or any(c not in ALPHABET for c in letters):
        return ""
    return f"{PREFIX}-{letters[:4]}-{letters[4:]}"
