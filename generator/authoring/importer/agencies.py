"""Agency names in a document matched to the registry, and who leads or coordinates a task.

Matching is by the registry's names, short names and aliases, compared without case or
diacritics (``fold``), and limited to one province and the central agencies. A list of names is
read left to right, taking the longest registry name at each place; "Các Sở: Tài chính, Nội vụ"
is read as "Sở Tài chính", "Sở Nội vụ", and "UBND cấp huyện, cấp xã" as "UBND cấp huyện",
"UBND cấp xã". A name that is not in the registry is kept verbatim (with did-you-mean
suggestions), never guessed.

Roles follow the rule of the editors' guide: a lead only where the text says "chủ trì" (or a
column or label says "Cơ quan chủ trì"). A "Phân công" text that names agencies without saying
"chủ trì" is read as the hand-written plans read it — those who act in the first clause lead,
those who check, guide, appraise or compile coordinate — and every agency read that way is
``derived``, with the reason quoted from the text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.sources.textnorm import fold, nfc

# Words that begin the name of an agency or a group of agencies.
_HEADS = (
    "so ", "ban ", "van phong", "vp ", "ubnd", "uy ban", "cuc ", "chi cuc", "kho bac",
    "bao hiem", "thanh tra", "cong an", "bo ", "dai ", "bao ", "hoi ", "lien doan", "mat tran",
    "tinh doan", "doan ", "trung tam", "truong ", "vien ", "buu dien", "toa an", "co quan",
    "cac co quan", "don vi", "cac don vi", "cac so", "cac nganh", "nganh", "dia phuong",
    "cac dia phuong", "thu truong", "giam doc", "chu tich", "hoi dong", "cac to chuc",
    "to chuc", "doanh nghiep", "cac hoi", "ngan hang", "cac cap", "cac phong",
)
# Verbs that end a list of names.
_VERBS = (" tham muu", " xay dung", " thuc hien", " trien khai", " to chuc ", " chu tri",
          " phoi hop", " huong dan", " kiem tra", " theo doi", " tong hop", " ra soat", " lap ",
          " trinh ", " bao cao", " de xuat", " dieu tra", " khao sat", " cap nhat", " tiep tuc")
# Verbs that make an agency a coordinator rather than a lead in a "Phân công" clause.
_SUPPORT_VERBS = ("phoi hop", "huong dan", "kiem tra", "don doc", "tham dinh", "tong hop",
                  "theo doi", "giam sat", "dau moi")
_SEPARATOR = re.compile(r"\s*(?:,|;|\bvà\b|\bvới\b)\s*", re.IGNORECASE)
_PAREN = re.compile(r"\s*\([^()]*\)")
_CAC_SO = re.compile(r"(?:các|Các|CÁC)\s+(?:Sở|sở|SỞ)\s*:\s*")


def _key(text: str) -> str:
    return " ".join(fold(nfc(text)).replace("&", " va ").split())


@dataclass
class AgencyIndex:
    """The registry's names for one province (and the central agencies), ready for matching."""

    names: dict[str, str]  # folded name -> agency id
    display: dict[str, str]  # agency id -> short name, for messages
    longest: int = 0

    @classmethod
    def build(cls, agencies: dict, province: str | None) -> AgencyIndex:
        """Index ``agencies`` (id -> Agency) of ``province`` and the central level."""
        names: dict[str, str] = {}
        display: dict[str, str] = {}
        for agency in agencies.values():
            if agency.province not in (None, province):
                continue
            display[agency.id] = agency.short_name
            for name in (agency.name, agency.short_name, *agency.aliases):
                key = _key(name)
                if key and key not in names:
                    names[key] = agency.id
        longest = max((len(k.split()) for k in names), default=0)
        return cls(names, display, longest)

    def lookup(self, text: str) -> str | None:
        """The id of the agency named exactly ``text`` (case and diacritics aside), if any."""
        return self.names.get(_key(text))

    def suggest(self, text: str) -> list[str]:
        """Up to three registry names close to ``text``."""
        keys = difflib.get_close_matches(_key(text), list(self.names), n=3, cutoff=0.6)
        seen: list[str] = []
        for key in keys:
            agency = self.names[key]
            if agency not in seen:
                seen.append(agency)
        return seen


@dataclass
class Mention:
    """An agency named in a text: its id (None when not in the registry) and the words used."""

    agency: str | None
    text: str
    start: int
    end: int


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\s,;:.()]+", text)]


def _boundary(text: str, end: int) -> bool:
    return end >= len(text) or not (text[end].isalnum() or text[end] in "-&/")


def read_list(text: str, index: AgencyIndex, start: int = 0) -> tuple[list[Mention], int]:
    """Agencies named one after another from ``start``: "Sở Nội vụ, Văn phòng UBND tỉnh và các
    cơ quan liên quan tham mưu…" gives three mentions and stops before "tham mưu"."""
    mentions: list[Mention] = []
    pos = start
    prefix = ""
    prefix_ubnd = ""
    while pos < len(text):
        sep = _SEPARATOR.match(text, pos) if mentions else None
        if sep and sep.end() > pos:
            pos = sep.end()
        cac_so = _CAC_SO.match(text, pos)
        if cac_so:
            prefix = "Sở "
            pos = cac_so.end()
        found = _longest_at(text, pos, index, prefix, prefix_ubnd)
        if found is None:
            chunk_end = _chunk_end(text, pos)
            chunk = text[pos:chunk_end].rstrip()
            folded = fold(chunk)
            # A name the registry lacks ends where the clause's verb begins.
            verb = min((folded.find(v) for v in _VERBS if folded.find(v) > 0), default=-1)
            if verb > 0:
                chunk = chunk[:verb].rstrip()
                chunk_end = pos + len(chunk)
            if chunk and any(folded.startswith(h) for h in _HEADS) \
                    and len(chunk.split()) <= 12:
                mentions.append(Mention(None, chunk, pos, pos + len(chunk)))
                pos = chunk_end
                if verb > 0:
                    break
                continue
            break
        agency, end = found
        mentions.append(Mention(agency, text[pos:end], pos, end))
        words = fold(text[pos:end])
        if words.startswith(("ubnd", "uy ban nhan dan")):
            prefix_ubnd = text[pos:end].split(" cấp")[0].split(" các")[0].split(" huyện")[0]
        pos = end
        paren = _PAREN.match(text, pos)
        if paren:
            pos = paren.end()
        nxt = _SEPARATOR.match(text, pos)
        if not nxt:
            break
    return mentions, pos


def _chunk_end(text: str, pos: int) -> int:
    match = re.compile(r",|;|\s+và\s+|\s+với\s+|\.\s|\.$|:").search(text, pos)
    return match.start() if match else len(text)


def _longest_at(text: str, pos: int, index: AgencyIndex, prefix: str,
                prefix_ubnd: str) -> tuple[str, int] | None:
    spans = _words(text[pos:])
    best: tuple[str, int] | None = None
    for count in range(min(index.longest + 2, len(spans)), 0, -1):
        end = pos + spans[count - 1][1]
        if not _boundary(text, end):
            continue
        piece = text[pos:end]
        candidates = [piece]
        if prefix:
            candidates.append(prefix + piece)
        if prefix_ubnd and fold(piece).startswith("cap "):
            candidates.append(prefix_ubnd + " " + piece)
        for candidate in candidates:
            agency = index.lookup(candidate)
            if agency is not None:
                best = (agency, end)
                break
        if best:
            break
    return best


def mentions_in(text: str, index: AgencyIndex) -> list[Mention]:
    """Every registry agency named anywhere in ``text`` (for checks, not for roles)."""
    out: list[Mention] = []
    pos = 0
    while pos < len(text):
        found = _longest_at(text, pos, index, "", "")
        if found:
            out.append(Mention(found[0], text[pos:found[1]], pos, found[1]))
            pos = found[1]
            continue
        nxt = re.compile(r"\s+").search(text, pos)
        if not nxt:
            break
        pos = nxt.end()
    return out


@dataclass
class Roles:
    """Who leads and who coordinates, as read from a text; unknown names kept verbatim."""

    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    derived: str | None = None  # reason, when the roles were read without "chủ trì"
    unknown: list[str] = field(default_factory=list)

    def add(self, target: list[str], mentions: Iterable[Mention], issuer: str | None) -> None:
        """Append the known agencies of ``mentions`` to ``target``; remember unknown names."""
        for mention in mentions:
            if mention.agency is None:
                if mention.text not in self.unknown:
                    self.unknown.append(mention.text)
            elif mention.agency != issuer and mention.agency not in target:
                target.append(mention.agency)

    def add_ids(self, target: list[str], ids: Iterable[str]) -> None:
        """Append agency ids (already matched) to ``target``, once each."""
        target.extend(a for a in ids if a not in target)

    def tidy(self) -> None:
        """An agency that leads is not also listed as coordinating."""
        self.support = [a for a in self.support if a not in self.lead]


_CLAUSE = re.compile(r"(?:^|(?<=[.;:])\s+|\n)[-+•]\s+|;\s+|\.\s+(?=[A-ZÀ-Ỹ])|\n")
_CHU_TRI = re.compile(r"\bchủ\s+trì\b", re.IGNORECASE)
_PHOI_HOP = re.compile(r"\bphối\s+hợp(?:\s+(?:với|cùng))?\s+", re.IGNORECASE)


def clauses(text: str) -> list[str]:
    """A "Phân công" text cut into its clauses (dash items, sentences, semicolon parts)."""
    parts = [p.strip(" .;") for p in _CLAUSE.split(text)]
    return [p for p in parts if p]


def assignment_roles(text: str, index: AgencyIndex, issuer: str | None) -> Roles:
    """Lead and coordinating agencies from a "Phân công" or "Nhiệm vụ" text."""
    roles = Roles()
    parts = clauses(text)
    explicit = any(_CHU_TRI.search(p) for p in parts)
    for n, part in enumerate(parts):
        subjects, after = read_list(part, index)
        rest = part[after:]
        if explicit:
            if _CHU_TRI.match(rest.strip()) or re.match(r"^\s*(?:,\s*)?chủ\s+trì", rest,
                                                          re.IGNORECASE):
                roles.add(roles.lead, subjects, issuer)
            else:
                roles.add(roles.support, subjects, issuer)
        else:
            head = fold(rest[:60])
            if n == 0 or not any(v in head for v in _SUPPORT_VERBS):
                roles.add(roles.lead, subjects, issuer)
            else:
                roles.add(roles.support, subjects, issuer)
        for match in _PHOI_HOP.finditer(rest):
            listed, _end = read_list(rest, index, match.end())
            roles.add(roles.support, listed, issuer)
        if not explicit:
            # "gửi Sở Nội vụ thẩm định": an agency named mid-clause before a checking verb.
            for mention in mentions_in(rest, index):
                tail = fold(rest[mention.end:mention.end + 25])
                if any(tail.strip().startswith(v) for v in _SUPPORT_VERBS):
                    roles.add(roles.support, [mention], issuer)
    if not explicit and (roles.lead or roles.support):
        roles.derived = ("Văn bản không ghi “chủ trì”; đọc theo câu chữ: “"
                         + " ".join(text.split()) + "”.")
    roles.tidy()
    return roles
