"""Unicode normalisation and ASCII folding of Vietnamese text."""

from __future__ import annotations

import re
import unicodedata

# "đ" has no Unicode decomposition, so NFD-stripping leaves it untouched.
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_SLUG_D_MAP = str.maketrans({"đ": "dd", "Đ": "dd"})


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form every stored string uses."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lowercase and strip Vietnamese diacritics: "Đầu Tư" -> "dau tu"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


def slugify(text: str) -> str:
    """ASCII slug for URLs and anchors.

    "đ" becomes "dd" (Telex spelling) so that lettered items "d)" and "đ)", which both occur in
    real plans, keep distinct anchors.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_SLUG_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", stripped).strip("-")


def toc_slugify(value: str, separator: str = "-") -> str:
    """Heading anchors that stay readable: "Đơn vị chủ trì" -> "don-vi-chu-tri".

    Used by Python-Markdown's toc extension (``slugify`` option), whose default drops every
    accented letter ("on-vi-chu-tri").
    """
    return re.sub(r"[^a-z0-9]+", separator, fold(value)).strip(separator)
