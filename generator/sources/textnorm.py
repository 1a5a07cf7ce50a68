"""Unicode normalisation and ASCII folding of Vietnamese text."""

from __future__ import annotations

import re
import unicodedata

# "đ" has no Unicode decomposition, so NFD-stripping leaves it untouched.
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_SLUG_D_MAP = str.maketrans({"đ": "dd", "Đ": "dd"})


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


# Precomposed Latin letters (Vietnamese ones included) mapped to their bare letter, so folding
# most text is a single str.translate; anything else takes the general path.
_FOLD_TABLE = {
    code: _strip_marks(chr(code))
    for code in range(0x00C0, 0x1F00)
    if _strip_marks(chr(code)) != chr(code) and _strip_marks(chr(code)).isascii()
}
_FOLD_TABLE.update({ord("đ"): "d", ord("Đ"): "D"})


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form every stored string uses."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lowercase and strip Vietnamese diacritics: "Đầu Tư" -> "dau tu"."""
    folded = text.translate(_FOLD_TABLE)
    # Decomposed input, or marks outside the Latin letters, take the general path. Text that is
    # left with other non-ASCII characters only (typographic quotes, dashes) is already what
    # that path would return when it is NFC and NFD at once and has no combining mark: the
    # check is cheap, the path is not (the search index folds megabytes of such text).
    if not folded.isascii() and not (
        unicodedata.is_normalized("NFD", folded) and unicodedata.is_normalized("NFC", folded)
        and not any(unicodedata.combining(ch) for ch in _NON_ASCII.findall(folded))
    ):
        folded = _strip_marks(folded).translate(_FOLD_TABLE)
    return folded.lower()


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
