"""A source document's copy as readable paragraphs.

The copies in ``content/nguon/`` come from legal-document websites: lines break in the middle of
phrases, table cells sit on lines of their own between ``|`` separators. On its page the copy is
shown in paragraphs, where the document has them: a line continues the one before unless that
one ended a sentence or clause, or the line starts something new (a list dash, a numbered or
lettered point, an article, a heading). Only line breaks and ``|`` separators change; every word
stays as the copy has it (the raw copy is downloadable beside it).
"""

from __future__ import annotations

import re

# A line that starts a new block: list dashes, numbered points "1.", "1.2.", lettered points
# "a)", "đ)", Roman numerals "II.", articles, parts and the usual opening phrases of a document.
_STARTS_BLOCK = re.compile(
    r"^(?:[-+•*–]\s|\d+(?:\.\d+)*[.)]\s|[a-zđ]\)\s|[IVXLC]+\.\s|(?:Điều|Phần|Chương|Mục)\s+"
    r"\d|Căn cứ\b|Xét đề nghị\b|Nơi nhận\b|Số:|\(Ban hành kèm|QUYẾT ĐỊNH:|CHỈ THỊ:)"
)
# A paragraph ends a clause with its punctuation, or is a parenthesis of its own ("(Ban hành
# kèm theo Quyết định số …)").
_ENDS_CLAUSE = re.compile(r"[.;:!?]\s*$|\./\.$|^\(.*\)$")
_RULE = re.compile(r"^[-_=.*\s]{3,}$")


def paragraphs(text: str) -> list[str]:
    """The copy's text as paragraphs (see the module docstring)."""
    out: list[str] = []
    open_paragraph = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(raw.replace("|", " ").split())
        if not line:  # a blank line or a bare "|" separator ends the paragraph
            open_paragraph = False
            continue
        if _RULE.match(line):  # a rule under a heading stands alone
            out.append(line)
            open_paragraph = False
            continue
        if open_paragraph and not _STARTS_BLOCK.match(line) and not _ENDS_CLAUSE.search(out[-1]):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        open_paragraph = not raw.strip().endswith("|") and not raw.strip().startswith("|")
    return out
