"""Text folding shared by the core's comparisons of names typed in different ways."""

from __future__ import annotations

import unicodedata


def unaccented(text: str) -> str:
    """``text`` case-folded, without its accents and other combining marks ("Loranzé" → "loranze")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
