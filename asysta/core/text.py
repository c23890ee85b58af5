"""Text normalisation for search: lower case, Polish (and other) diacritics removed."""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter and a combining mark.
_EXTRA = str.maketrans({"ł": "l", "Ł": "l", "đ": "d", "ø": "o", "ß": "ss"})


def normalize(text: str) -> str:
    """'Łódź, ul. Żeromskiego' -> 'lodz, ul. zeromskiego'."""
    text = text.translate(_EXTRA)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
