"""What the site shows of the lineage of agencies and provinces: events with their legal bases,
the banner on a body that no longer exists, the tasks a successor inherited, the province pages
and the page listing every change ("Thay đổi tổ chức bộ máy").

Document names stay as the documents wrote them; what is known of the present is added beside
them, with its date, its legal basis and what is not established ("chưa xác định").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from generator.common import urls
from generator.facts.lineage import Heir
from generator.facts.snapshot import TaskFact
from generator.facts.status import COMPLETED, Status
from generator.model.entities import (
    Agency,
    LineageBasis,
    LineageEvent,
    LineageStatus,
    Party,
    Province,
    Source,
)
from generator.site.list_views import ListViews
from generator.site.views import Link, Page
from generator.sources.clock import vn_date
from generator.sources.vocabulary import LEVEL_NAMES, LINEAGE_KIND_NAMES, LINEAGE_STATUS_NAMES

UNKNOWN = "chưa xác định"
# For readers of the site (the registry's labels speak to editors, naming keys).
CONFIDENCE_WORDS = {
    "day-du": "Đầy đủ: nguồn nêu số văn bản, nội dung và ngày hiệu lực",
    "mot-phan": "Một phần: còn thiếu thông tin hoặc có suy luận (ghi bên dưới)",
}
# How a sentence about an event begins, before the bodies it names.
LEAD_IN = {
    "doi-ten": "Đổi tên thành",
    "hop-nhat-vao": "Hợp nhất, sáp nhập vào",
    "chia-tach": "Chia tách; chức năng chuyển cho",
    "ket-thuc": "Giải thể, kết thúc hoạt động; nơi tiếp nhận chức năng:",
    "thanh-lap": "Thành lập từ",
}


@dataclass(frozen=True)
class BasisView:
    """A legal basis as shown; parts not found are None and read "chưa xác định"."""

    phrase: str
    url: str | None
    article: str | None
    note: str | None
    known: bool


@dataclass(frozen=True)
class PartyView:
    """A successor or predecessor: a link, a name, or "chưa xác định"."""

    link: Link | None
    functions: str | None
    derived: str | None

    @property
    def unknown(self) -> bool:
        """True when the sources do not establish who it is."""
        return self.link is None


@dataclass(frozen=True)
class SourceView:
    """A source with its host name shown as the link text."""

    url: str
    host: str
    quote: str
    type: str | None


@dataclass(frozen=True)
class EventView:
    """One lineage event as shown."""

    anchor: str
    subject: Link
    kind: str
    kind_label: str
    lead_in: str
    date: str
    date_text: str | None
    known_by: str
    in_effect: bool
    successors: list[PartyView]
    predecessors: list[PartyView]
    co_predecessors: tuple[str, ...]
    basis: BasisView | None
    other_bases: list[BasisView]
    confidence: str
    partial: bool
    missing: tuple[str, ...]
    derived: str | None
    note: str | None
    sources: list[SourceView]
    demo: bool
    sort_key: tuple[object, ...] = field(compare=False, default=())


def basis_phrase(basis: LineageBasis) -> str:
    """The legal basis in one phrase, every unknown part said to be unknown."""
    if not (basis.number or basis.title or basis.issuer or basis.date):
        return f"Văn bản {UNKNOWN}"
    title = basis.title or "Văn bản"
    number = f"số {basis.number}" if basis.number else f"số {UNKNOWN}"
    date = f"ngày {vn_date(basis.date)}" if basis.date else f"ngày {UNKNOWN}"
    issuer = f"của {basis.issuer}" if basis.issuer else f"cơ quan ban hành {UNKNOWN}"
    return f"{title}, {number}, {date}, {issuer}"


def event_anchor(event: LineageEvent, index: int) -> str:
    """A stable anchor for an event on the page of its subject and on the lineage page."""
    return f"sk-{event.subject}-{index + 1}"


class LineageViews(ListViews):
    """The lineage pieces of pages, for :class:`generator.site.pages.Builder`."""

    _naming: dict[str, list[LineageEvent]] | None = None

    def basis_view(self, basis: LineageBasis) -> BasisView:
        note = basis.note.rstrip(". ") if basis.note else None
        return BasisView(basis_phrase(basis), basis.url, basis.article, note,
                         bool(basis.number or basis.title))

    def party_view(self, here: str, party: Party, scope: str) -> PartyView:
        if party.id is not None:
            link = (self.agency_link(here, party.id) if scope == "agency"
                    else self.province_link(here, party.id))
        else:
            link = Link(party.name) if party.name else None
        return PartyView(link, party.functions, party.derived)

    def province_link(self, here: str, province_id: str) -> Link:
        province = self.project.provinces.get(province_id)
        if province is None:
            return Link(province_id)
        return Link(province_title(province), urls.relative(here, urls.province_page(province.id)))

    def subject_link(self, here: str, event: LineageEvent) -> Link:
        if event.scope == "province":
            return self.province_link(here, event.subject)
        return self.agency_link(here, event.subject)

    def event_view(self, here: str, event: LineageEvent) -> EventView:
        index = self._event_index(event)
        when = event.effective
        return EventView(
            anchor=event_anchor(event, index),
            subject=self.subject_link(here, event),
            kind=event.kind,
            kind_label=LINEAGE_KIND_NAMES[event.kind],
            lead_in=LEAD_IN[event.kind],
            date=vn_date(event.date),
            date_text=event.date_text,
            known_by=vn_date(event.known_by),
            in_effect=when is not None and when <= self.as_of,
            successors=[self.party_view(here, p, event.scope) for p in event.successors],
            predecessors=[self.party_view(here, p, event.scope) for p in event.predecessors],
            co_predecessors=event.co_predecessors,
            basis=self.basis_view(event.basis) if event.basis else None,
            other_bases=[self.basis_view(b) for b in event.other_bases],
            confidence=CONFIDENCE_WORDS[event.confidence],
            partial=event.confidence != "day-du",
            missing=event.missing,
            derived=event.derived,
            note=event.note,
            sources=[source_view(s) for s in event.sources],
            demo=event.demo,
            sort_key=(when is None, when or self.as_of, event.scope != "province",
                      event.subject, index),
        )

    def _event_index(self, event: LineageEvent) -> int:
        owner: Agency | Province | None = (
            self.project.provinces.get(event.subject) if event.scope == "province"
            else self.project.agencies.get(event.subject))
        events = owner.lineage if owner is not None else ()
        return next((i for i, e in enumerate(events) if e is event), 0)

    def lineage_status_view(self, status: LineageStatus | None) -> dict[str, object] | None:
        if status is None:
            return None
        return {"code": status.status, "label": LINEAGE_STATUS_NAMES[status.status],
                "note": status.note, "searched": status.searched,
                "sources": [source_view(s) for s in status.sources]}

    def banner(self, here: str, agency: Agency) -> dict[str, object] | None:
        """The notice at the top of the page of an agency that no longer exists."""
        ended = self.s.lineage.ended(agency.id)
        if ended:
            return {"ended": [self.event_view(here, e) for e in ended],
                    "now": [self.heir_view(here, h) for h in self.s.lineage.heirs(agency.id)],
                    "undated": []}
        undated = [e for e in agency.lineage if e.ends and e.effective is None]
        if undated:
            return {"ended": [], "now": [], "undated": [self.event_view(here, e) for e in undated]}
        return None

    def heir_view(self, here: str, heir: Heir) -> dict[str, object]:
        party = self.party_view(here, heir.party, "agency")
        return {"party": party, "since": vn_date(heir.since), "derived": heir.derived,
                "steps": len(heir.steps), "exact": heir.steps[-1].event.date is not None}

    def province_banner(self, here: str, province_id: str | None) -> dict[str, object] | None:
        """The notice, on any page of a province's body, that the province no longer exists."""
        if province_id is None or province_id not in self.project.provinces:
            return None
        ended = self.s.lineage.province_ended(province_id)
        if not ended:
            return None
        return {"province": self.province_link(here, province_id),
                "ended": [self.event_view(here, e) for e in ended]}

    def predecessor_views(self, here: str, agency_id: str) -> list[EventView]:
        """The events of other bodies that name this one as successor, whatever the date."""
        if self._naming is None:
            # built once: a page per agency must not scan every agency's events
            self._naming = {}
            for other in self.project.agencies.values():
                for event in other.lineage:
                    if event.ends:
                        for party in event.successors:
                            if party.id is not None:
                                self._naming.setdefault(party.id, []).append(event)
        found = [self.event_view(here, e) for e in self._naming.get(agency_id, [])]
        return sorted(found, key=lambda e: e.sort_key)

    def inherited(self, here: str, agency: Agency) -> dict[str, object] | None:
        """The tasks of the bodies this agency succeeds as of the status date that nobody
        reported finished (or cancelled), kept apart from the tasks documents give it by name."""
        sources = self.s.lineage.predecessors(agency.id)
        if not sources:
            return None
        own = {f.key for f in (*self.s.led_by.get(agency.id, []),
                               *self.s.supported_by.get(agency.id, []))}
        led: dict[str, TaskFact] = {}
        supported: dict[str, TaskFact] = {}
        rows = []
        for predecessor, heir in sources:
            mine_led = [f for f in self.s.led_by.get(predecessor, []) if f.key not in own]
            mine_sup = [f for f in self.s.supported_by.get(predecessor, []) if f.key not in own]
            open_led = [f for f in mine_led if not finished(f)]
            open_sup = [f for f in mine_sup if not finished(f)]
            led.update((f.key, f) for f in open_led)
            supported.update((f.key, f) for f in open_sup if f.key not in led)
            rows.append({
                "agency": self.agency_link(here, predecessor),
                "heir": self.heir_view(here, heir),
                "functions": heir.party.functions,
                "event": self.event_view(here, heir.steps[0].event),
                "led": len(open_led), "supported": len(open_sup),
                "finished": sum(1 for f in (*mine_led, *mine_sup) if finished(f)),
            })
        led_facts = self.attention_order(list(led.values()))
        sup_facts = self.attention_order(list(supported.values()))
        led_block, led_pages, led_data = self.paged(
            here, "ke-thua", "ke-thua", f"{agency.name}: nhiệm vụ kế thừa", led_facts,
            agency.demo, agency.name)
        sup_block, sup_pages, sup_data = self.paged(
            here, "ke-thua-phoi-hop", "ke-thua-phoi-hop",
            f"{agency.name}: nhiệm vụ phối hợp kế thừa", sup_facts, agency.demo, agency.name)
        return {
            "sources": rows,
            "led": {"counts": self.counts(self.s.summary(led_facts)), "listing": led_block},
            "supported": {"counts": self.counts(self.s.summary(sup_facts)),
                          "listing": sup_block},
            "finished": sum(r["finished"] for r in rows),  # type: ignore[misc]
            "pages": [*led_pages, *sup_pages],
            # for the page's filters, with its other lists
            "blocks": (led_block, sup_block), "data": (led_data, sup_data),
        }

    def inherited_open(self, agency_id: str) -> int:
        """How many tasks not reported finished an agency inherited as of the status date."""
        keys: set[str] = set()
        for predecessor, _heir in self.s.lineage.predecessors(agency_id):
            for f in (*self.s.led_by.get(predecessor, []),
                      *self.s.supported_by.get(predecessor, [])):
                if not finished(f):
                    keys.add(f.key)
        return len(keys)

    def lineage_summary(self, agency: Agency) -> str:
        """One line for the agencies index: what became of the agency as of the status date."""
        heirs = self.s.lineage.heirs(agency.id)
        if heirs:
            names = "; ".join(self._heir_name(h) for h in heirs)
            return f"Từ {vn_date(heirs[0].steps[0].event.effective)}: {names}"
        if any(e.ends and e.effective is None for e in agency.lineage):
            return "Đã thay đổi, ngày hiệu lực chưa xác định"
        status = agency.lineage_status
        if status is not None and status.status == "chua-xac-dinh":
            return "Sau sắp xếp năm 2025: chưa xác định"
        return ""

    def _heir_name(self, heir: Heir) -> str:
        party = heir.party
        if party.id and party.id in self.project.agencies:
            name = f"nay là {self.project.agencies[party.id].name}"
        elif party.name:
            name = f"nay là {party.name}"
        else:
            name = f"đã kết thúc, cơ quan tiếp nhận {UNKNOWN}"
        return name + (" (suy ra)" if heir.derived else "")

    def province_page(self, province: Province) -> Page:
        here = urls.province_page(province.id)
        agencies = sorted((a for a in self.project.agencies.values()
                           if a.province == province.id), key=lambda a: (a.group, a.name))
        plans = [p for p in self.project.plans
                 if self.project.agencies.get(p.document.issuer) is not None
                 and self.project.agencies[p.document.issuer].province == province.id]
        merged_in = []
        for other in self.project.provinces.values():
            for event in other.lineage:
                if event.ends and any(p.id == province.id for p in event.successors):
                    merged_in.append(self.event_view(here, event))
        return Page(here, "province.md.j2", province_title(province), {
            "province": province,
            "banner": self.province_banner(here, province.id),
            "now": [self.heir_view(here, h) for h in self.s.lineage.province_heirs(province.id)],
            "events": [self.event_view(here, e) for e in province.lineage],
            "merged_in": sorted(merged_in, key=lambda e: e.sort_key),
            "status": self.lineage_status_view(province.lineage_status),
            "agencies": [{"link": self.agency_link(here, a.id, now=True),
                          "level": LEVEL_NAMES[a.level], "group": a.group} for a in agencies],
            "plans": [self.plan_link(here, p) for p in plans],
            "as_of": vn_date(self.as_of),
            "index": urls.relative(here, urls.AGENCIES),
            "changes": urls.relative(here, urls.LINEAGE),
        }, description=f"Tỉnh {province.name}: các cơ quan, kế hoạch và thay đổi tổ chức.",
            demo=province.demo)

    def lineage_page(self) -> Page:
        here = urls.LINEAGE
        events = [self.event_view(here, e) for e in self.s.lineage.events()]
        real = [e for e in events if not e.demo]
        unknown = []
        for agency in sorted(self.project.agencies.values(), key=lambda a: (a.demo, a.id)):
            status = agency.lineage_status
            if status is not None and status.status == "chua-xac-dinh":
                unknown.append({"agency": self.agency_link(here, agency.id),
                                "note": status.note, "demo": agency.demo})
        return Page(here, "lineage.md.j2", "Thay đổi tổ chức bộ máy", {
            "dated": [e for e in real if e.date or e.known_by],
            "undated": [e for e in real if not (e.date or e.known_by)],
            "demo": [e for e in events if e.demo],
            "unknown": [u for u in unknown if not u["demo"]],
            "unknown_demo": [u for u in unknown if u["demo"]],
            "as_of": vn_date(self.as_of),
            "method": urls.relative(here, urls.METHODOLOGY),
            "agencies": urls.relative(here, urls.AGENCIES),
        }, description="Các thay đổi về tổ chức của cơ quan và tỉnh được nêu trong các kế hoạch: "
           "hợp nhất, chia tách, đổi tên, giải thể, theo ngày, kèm căn cứ pháp lý.",
            demo=any(e.demo for e in events))


def finished(fact: TaskFact) -> bool:
    """Reported completed, or cancelled: no longer anyone's work to do."""
    return fact.status.code in COMPLETED or fact.status.code == Status.CANCELLED


def province_title(province: Province) -> str:
    """How a province is named in titles and links."""
    return province.name if province.demo else f"Tỉnh {province.name}"


def source_view(source: Source) -> SourceView:
    """A source with the host of its address as link text."""
    return SourceView(source.url, urlsplit(source.url).netloc or source.url, source.quote,
                      source.type)
