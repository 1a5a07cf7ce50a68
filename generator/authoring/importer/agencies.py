"""Agency names in a document matched to the registry, and who leads or coordinates a task.

Matching is by the registry's names, short names and aliases, compared without case or
diacritics (``fold``), and limited to one province and the central agencies. A list of names is
read left to right, taking the longest registry name at each place; "Các Sở: Tài chính, Nội vụ"
is read as "Sở Tài chính", "Sở Nội vụ", and "UBND cấp huyện, cấp xã" as "UBND cấp huyện",
"UBND cấp xã". A name that is not in the registry is kept verbatim (with did-you-mean
suggestions), never guessed.

Roles follow the rule of the editors' guide (Định dạng dữ liệu, "Dạng suy ra"), agency by
agency: an agency is a lead as such only where the text says "chủ trì" (or a column or label
says "Cơ quan chủ trì"), and coordinates as such only where it says "phối hợp" ("X phối hợp với
Y": both coordinate, neither leads). Any other reading is ``derived``, with its reason quoting the
clause it was read from: those a text names as acting without "chủ trì" ("Giao Sở …", "Các sở,
ban, ngành xây dựng …") lead; those who check, guide, appraise, compile, or act beside a named
lead coordinate. "Thủ trưởng …", "Chủ tịch …" name an agency by its head; "UBND các cấp" is the
province's people's committees at every level in the registry.
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
# An agency named by its head: "Thủ trưởng các sở, ban, ngành", "Chủ tịch UBND cấp huyện".
_HEAD_OF = re.compile(r"(?:Thủ trưởng|Chủ tịch|Giám đốc|Người đứng đầu)\s+(?:của\s+)?",
                      re.IGNORECASE)
# The people's committees of every level.
_ALL_LEVELS = re.compile(r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+các\s+cấp\b",
                         re.IGNORECASE)
_LEVELS = ("tinh", "huyen", "xa")


def _key(text: str) -> str:
    return " ".join(fold(nfc(text)).replace("&", " va ").split())


@dataclass
class AgencyIndex:
    """The registry's names for one province (and the central agencies), ready for matching."""

    names: dict[str, str]  # folded name -> agency id
    display: dict[str, str]  # agency id -> short name, for messages
    longest: int = 0
    levels: tuple[str, ...] = ()  # the people's committees of the province, level by level

    @classmethod
    def build(cls, agencies: dict, province: str | None) -> AgencyIndex:
        """Index ``agencies`` (id -> Agency) of ``province`` and the central level."""
        names: dict[str, str] = {}
        display: dict[str, str] = {}
        levels: dict[str, str] = {}
        for agency in agencies.values():
            if agency.province not in (None, province):
                continue
            display[agency.id] = agency.short_name
            # The province's committee itself, and the groups of all district and commune ones.
            if province and agency.level in _LEVELS and agency.level not in levels and \
                    fold(agency.name).startswith("uy ban nhan dan") and \
                    agency.group == (agency.level != "tinh"):
                levels[agency.level] = agency.id
            for name in (agency.name, agency.short_name, *agency.aliases):
                key = _key(name)
                if key and key not in names:
                    names[key] = agency.id
        longest = max((len(k.split()) for k in names), default=0)
        return cls(names, display, longest,
                   tuple(levels[level] for level in _LEVELS if level in levels))

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
    via: str | None = None  # "head": named by its head ("Thủ trưởng …"); "levels": "UBND các cấp"


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
        levels = _ALL_LEVELS.match(text, pos)
        if levels and index.levels:
            mentions.extend(Mention(a, levels.group(0), pos, levels.end(), "levels")
                            for a in index.levels)
            pos = levels.end()
            if not _SEPARATOR.match(text, pos):
                break
            continue
        via = None
        head = _HEAD_OF.match(text, pos)
        found = _longest_at(text, head.end(), index, prefix, prefix_ubnd) if head else None
        if found is not None:
            via = "head"
        else:
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
        mentions.append(Mention(agency, text[pos:end], pos, end, via))
        words = fold(text[head.end() if via else pos:end])
        if words.startswith(("ubnd", "uy ban nhan dan")):
            prefix_ubnd = text[head.end() if via else pos:end].split(" cấp")[0].split(
                " các")[0].split(" huyện")[0]
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


LEAD, SUPPORT = "lead", "support"


@dataclass
class Roles:
    """Who leads and who coordinates, as read from a text; unknown names kept verbatim.

    ``reasons`` holds, for each agency whose role is a reading rather than the text's own word,
    why (the ``derived`` of the plan file); an agency without a reason is stated as such.
    """

    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    reasons: dict[tuple[str, str], str] = field(default_factory=dict)  # (role, agency) -> why

    @property
    def derived(self) -> bool:
        """True when some role is a reading (marked ``derived``)."""
        return bool(self.reasons)

    def ids(self, role: str) -> list[str]:
        """The agencies of ``role`` (LEAD or SUPPORT)."""
        return self.lead if role == LEAD else self.support

    def reason(self, role: str, agency: str) -> str | None:
        """Why ``agency`` has ``role``, when it is a reading."""
        return self.reasons.get((role, agency))

    def add(self, role: str, mentions: Iterable[Mention], issuer: str | None,
            reason: str | None = None, restates: bool = True) -> None:
        """Give the known agencies of ``mentions`` ``role`` (with ``reason`` when it is a
        reading); remember unknown names. The issuer is left out (it is who the work is reported
        to), except when the text names every level of people's committees, itself included.
        ``restates=False``: the text does not state the role of an agency already read."""
        for mention in mentions:
            if mention.agency is None:
                if mention.text not in self.unknown:
                    self.unknown.append(mention.text)
            elif mention.agency != issuer or mention.via == "levels":
                why = reason
                if why and mention.via:
                    how = (" (qua người đứng đầu cơ quan)" if mention.via == "head" else
                           f" (“{mention.text}”: Ủy ban nhân dân các cấp của tỉnh)")
                    why = why.replace(": “", how + ": “", 1)
                self.add_ids(role, [mention.agency], why, restates)

    def add_ids(self, role: str, ids: Iterable[str], reason: str | None = None,
                restates: bool = True) -> None:
        """Give agency ids (already matched) ``role``, once each. A role stated in the text
        replaces the same role read from it, never the other way round."""
        target = self.ids(role)
        for agency in ids:
            if agency not in target:
                target.append(agency)
                if reason:
                    self.reasons[(role, agency)] = reason
            elif reason is None and restates:
                self.reasons.pop((role, agency), None)

    def merge(self, other: Roles) -> None:
        """Add ``other``'s roles, reasons and unknown names to these."""
        for role in (LEAD, SUPPORT):
            for agency in other.ids(role):
                self.add_ids(role, [agency], other.reason(role, agency))
        self.unknown.extend(u for u in other.unknown if u not in self.unknown)

    def tidy(self) -> None:
        """An agency that leads is not also listed as coordinating."""
        for agency in [a for a in self.support if a in self.lead]:
            self.support.remove(agency)
            self.reasons.pop((SUPPORT, agency), None)


_CLAUSE = re.compile(r"(?:^|(?<=[.;:])\s+|\n)[-+•]\s+|;\s+|\.\s+(?=[A-ZÀ-Ỹ])|\n")
_CHU_TRI = re.compile(r"\bchủ\s+trì\b", re.IGNORECASE)
_PHOI_HOP = re.compile(r"\bphối\s+hợp(?:\s+(?:với|cùng))?\s+", re.IGNORECASE)
_LEADS_AFTER = re.compile(r"^\s*(?:,\s*)?chủ\s+trì\b", re.IGNORECASE)
# "phối hợp" among the verbs right after the agencies: "X phối hợp …", "X theo dõi, phối hợp …".
_COORDINATES_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:[^\s,.;]+(?:\s+[^\s,.;]+)?\s*(?:,|\bvà\b)\s*){0,3}(?:cùng\s+)?"
    r"phối\s+hợp\b", re.IGNORECASE)
_GIAO = re.compile(r"(?:Giao|giao)\s+(?:cho\s+)?")


def clauses(text: str) -> list[str]:
    """A "Phân công" text cut into its clauses (dash items, sentences, semicolon parts)."""
    parts = [p.strip(" .;") for p in _CLAUSE.split(text)]
    return [p for p in parts if p]


def _quote(text: str) -> str:
    return "“" + " ".join(text.split()) + "”"


def lead_reason(clause: str) -> str:
    """Why the agencies a clause names as acting, without "chủ trì", are recorded as leads."""
    return "Văn bản không ghi “chủ trì”; câu chữ giao việc cho cơ quan này: " + _quote(clause) + "."


def support_reason(clause: str) -> str:
    """Why agencies with another role than "phối hợp" are recorded as coordinating."""
    return ("Văn bản không ghi “phối hợp” cho cơ quan này; vai trò của cơ quan được ghi là phối "
            "hợp: " + _quote(clause) + ".")


def subjects(clause: str, index: AgencyIndex) -> tuple[list[Mention], int]:
    """The agencies a clause begins with (after "Giao …", if it says so) and where they end."""
    giao = _GIAO.match(clause)
    return read_list(clause, index, giao.end() if giao else 0)


def assignment_roles(text: str, index: AgencyIndex, issuer: str | None) -> Roles:
    """Lead and coordinating agencies from a "Phân công" or "Nhiệm vụ" text, clause by clause."""
    roles = Roles()
    parts = clauses(text)
    explicit = any(_CHU_TRI.search(p) for p in parts)
    for n, part in enumerate(parts):
        named, after = subjects(part, index)
        rest = part[after:]
        if _LEADS_AFTER.match(rest):
            roles.add(LEAD, named, issuer)
        elif _COORDINATES_AFTER.match(rest):
            # "X phối hợp với Y": X coordinates, as the text says; it does not lead.
            roles.add(SUPPORT, named, issuer)
        elif explicit or (n > 0 and any(v in fold(rest[:60]) for v in _SUPPORT_VERBS)):
            roles.add(SUPPORT, named, issuer, support_reason(part))
        else:
            roles.add(LEAD, named, issuer, lead_reason(part))
        for match in _PHOI_HOP.finditer(rest):
            # "phối hợp với Y": Y's part is stated where Y acts itself, if it does.
            listed, _end = read_list(rest, index, match.end())
            roles.add(SUPPORT, listed, issuer, restates=False)
        if not explicit:
            # "gửi Sở Nội vụ thẩm định": an agency named mid-clause before a checking verb.
            for mention in mentions_in(rest, index):
                tail = fold(rest[mention.end:mention.end + 25])
                if any(tail.strip().startswith(v) for v in _SUPPORT_VERBS):
                    roles.add(SUPPORT, [mention], issuer, support_reason(part))
    roles.tidy()
    return roles


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ỹ\u0110])")
# After the agencies a sentence begins with, a verb (a lowercase word), not a heading's colon.
_ACTS = re.compile(r"\s+(?:phải\s+|có trách nhiệm\s+)?[a-zà-ỹđ]")


def sentences(text: str) -> list[str]:
    """``text`` cut into its sentences (a full stop followed by a capital)."""
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def names_actors(text: str, index: AgencyIndex) -> bool:
    """True when ``text`` begins by naming agencies of the registry (after "Giao …", if it says
    so) and then what they do: "Giao Sở Tài nguyên và Môi trường … tiếp tục …", "Các sở, ban,
    ngành … xây dựng …", "Thủ trưởng các sở, ban, ngành … tập trung chỉ đạo …"."""
    named, after = subjects(text, index)
    return any(m.agency for m in named) and bool(_ACTS.match(text, after))


def acting_roles(text: str, index: AgencyIndex, issuer: str | None) -> Roles:
    """Roles from the sentences of a prose task that begin by naming who acts.

    A sentence that says "chủ trì" is read as a "Phân công" text; one that does not makes the
    agencies it begins with leads, ``derived`` with the sentence as the reason ("X phối hợp với
    Y …" makes both coordinate, as stated). Sentences that do not begin with agencies give
    nothing: a name met in the middle of a requirement is not read as a role.
    """
    roles = Roles()
    for sentence in sentences(text):
        if not names_actors(sentence, index):
            continue
        if _CHU_TRI.search(sentence):
            roles.merge(assignment_roles(sentence, index, issuer))
            continue
        named, after = subjects(sentence, index)
        rest = sentence[after:]
        if _COORDINATES_AFTER.match(rest):
            roles.add(SUPPORT, named, issuer)
        else:
            roles.add(LEAD, named, issuer, lead_reason(sentence.rstrip(" .;")))
        for match in _PHOI_HOP.finditer(rest):
            listed, _end = read_list(rest, index, match.end())
            roles.add(SUPPORT, listed, issuer)
    roles.tidy()
    return roles
