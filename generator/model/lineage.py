"""Lineage in the registries: reading the events of agencies and provinces, and checking them.

What an event means as of a date (who is the successor now) is in :mod:`generator.facts.lineage`;
here is what the files say and whether it holds together: known ids, a legal basis and sources for
every event, no cycle, no event before its subject existed or after it ended, one successor per
function on one date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from generator.model.entities import (
    CREATED,
    ENDED,
    MERGED_INTO,
    RENAMED,
    SPLIT,
    Agency,
    LineageBasis,
    LineageEvent,
    LineageStatus,
    Party,
    Province,
    Source,
)
from generator.sources.problems import ProblemList, did_you_mean
from generator.sources.textnorm import fold
from generator.sources.validate import Loaded, Path
from generator.sources.vocabulary import LINEAGE_KIND_NAMES

Entity = Agency | Province
SCOPE_NOUN = {"agency": "cơ quan", "province": "tỉnh"}


def _basis(raw: dict[str, Any] | None) -> LineageBasis | None:
    if raw is None:
        return None
    return LineageBasis(raw["number"], raw["date"], raw["issuer"], raw["title"], raw["article"],
                        raw["url"], raw["note"])


def _sources(raw: Iterable[dict[str, Any]]) -> tuple[Source, ...]:
    return tuple(Source(s["url"], s["quote"], s["type"]) for s in raw)


def _parties(raw: list[dict[str, Any]], target: str, loaded: Loaded,
             path: Path) -> tuple[Party, ...]:
    out = []
    for i, party in enumerate(raw):
        line, column = loaded.marks.at((*path, i))
        out.append(Party(party[target], party["name"], party.get("functions"), party["derived"],
                         line, column))
    return tuple(out)


def read_events(loaded: Loaded, path: Path, subject: str, scope: str,
                demo: bool) -> tuple[LineageEvent, ...]:
    """The lineage events of one agency or province, from the validated list at ``path``."""
    node: Any = loaded.value
    for key in path:
        node = node[key]
    events = []
    for i, raw in enumerate(node):
        epath: Path = (*path, i)
        line, column = loaded.marks.at(epath)
        events.append(LineageEvent(
            subject=subject, scope=scope, kind=raw["kind"], date=raw["date"],
            confidence=raw["confidence"],
            successors=_parties(raw["successors"], scope, loaded, (*epath, "successors")),
            predecessors=_parties(raw["predecessors"], scope, loaded, (*epath, "predecessors")),
            co_predecessors=tuple(raw["co_predecessors"]),
            date_text=raw["date_text"], known_by=raw["known_by"],
            basis=_basis(raw["basis"]),
            other_bases=tuple(b for b in map(_basis, raw["other_bases"]) if b is not None),
            missing=tuple(raw["missing"]), derived=raw["derived"], note=raw["note"],
            sources=_sources(raw["sources"]), demo=demo, file=loaded.file, line=line,
            column=column,
        ))
    return tuple(events)


def read_status(raw: dict[str, Any] | None) -> LineageStatus | None:
    """The lineage status of an agency or province, if the file gives one."""
    if raw is None:
        return None
    return LineageStatus(raw["status"], raw["note"], tuple(raw["searched"]),
                         _sources(raw["sources"]))


def end_event(events: Iterable[LineageEvent]) -> LineageEvent | None:
    """The earliest event with a known date that ends its subject, if any."""
    dated = [e for e in events if e.ends and e.effective is not None]
    return min(dated, key=lambda e: e.effective or dt.date.min) if dated else None


def creation_date(events: Iterable[LineageEvent]) -> dt.date | None:
    """When the subject was created, if one of its events says so."""
    dates = [e.date for e in events if e.kind == CREATED and e.date is not None]
    return min(dates) if dates else None


def check_lineage(provinces: Mapping[str, Province], agencies: Mapping[str, Agency],
                  problems: ProblemList) -> None:
    """Record every problem of the lineage events of the registries."""
    entity_maps: tuple[Mapping[str, Entity], ...] = (agencies, provinces)
    for entities in entity_maps:
        cyclic = _check_cycles(entities, problems)
        for entity in entities.values():
            for event in entity.lineage:
                _check_event(event, entities, problems)
            _check_timeline(entity, entities, cyclic, problems)


def _add(problems: ProblemList, event: LineageEvent, party: Party | None, code: str,
         message: str, hint: str) -> None:
    line, column = (party.line, party.column) if party is not None else (event.line, event.column)
    problems.add(event.file, line, column, code, message, hint)


def _check_event(event: LineageEvent, entities: Mapping[str, Entity],
                 problems: ProblemList) -> None:
    noun = SCOPE_NOUN[event.scope]
    for party in (*event.successors, *event.predecessors):
        if party.id is None:
            continue
        target = entities.get(party.id)
        if target is None:
            _add(problems, event, party, "unknown-lineage-id",
                 f"Không có {noun} “{party.id}” trong danh mục.",
                 did_you_mean(party.id, entities) or f"Thêm {noun} vào danh mục, hoặc ghi tên "
                 "ở name và để mã null nếu chưa có trong danh mục.")
        elif target.demo != event.demo:
            _add(problems, event, party, "lineage-demo-mix",
                 f"Sự kiện của {noun} {'minh họa' if event.demo else 'thật'} trỏ tới "
                 f"{noun} {'thật' if event.demo else 'minh họa'} “{party.id}”.",
                 "Dữ liệu minh họa không được trộn với dữ liệu thật.")
        elif party.id == event.subject:
            _add(problems, event, party, "lineage-cycle",
                 f"Sự kiện của “{event.subject}” trỏ tới chính nó.",
                 "Cơ quan kế thừa phải là cơ quan khác.")
    _check_shape(event, problems)
    _check_basis(event, problems)


def _check_shape(event: LineageEvent, problems: ProblemList) -> bool:
    """Record what is wrong with the successors of an event; True when nothing is."""
    before = len(problems)
    kind = LINEAGE_KIND_NAMES[event.kind]
    if event.kind in (RENAMED, MERGED_INTO) and len(event.successors) != 1:
        _add(problems, event, None, "lineage-shape",
             f"Sự kiện “{kind}” cần đúng một cơ quan kế thừa (đang có {len(event.successors)}).",
             "Ghi một mục trong successors; khi một cơ quan chia cho nhiều nơi, dùng kind: "
             "chia-tach và ghi functions cho từng nơi.")
    if event.kind == SPLIT:
        if len(event.successors) < 2:
            _add(problems, event, None, "lineage-shape",
                 "Sự kiện chia tách cần ít nhất hai cơ quan kế thừa.",
                 "Ghi các cơ quan nhận trong successors, hoặc dùng kind: hop-nhat-vao.")
        for party in event.successors:
            if party.functions is None:
                _add(problems, event, party, "lineage-shape",
                     "Khi chia tách, mỗi cơ quan kế thừa phải ghi phần chức năng nhận.",
                     "Ghi functions theo văn bản; nếu văn bản không nêu, để cơ quan kế thừa chưa "
                     "xác định (agency: null, name: null).")
    if event.kind == ENDED and not event.successors:
        _add(problems, event, None, "lineage-shape",
             "Sự kiện kết thúc hoạt động phải nói ai tiếp nhận chức năng, hoặc ghi rõ là chưa "
             "xác định.",
             "Thêm `successors: [{agency: null, name: null, functions: \"…\"}]` với điều văn bản "
             "nói về việc tiếp nhận.")
    if event.kind == CREATED and (event.successors or not event.predecessors):
        _add(problems, event, None, "lineage-shape",
             "Sự kiện thành lập ghi các cơ quan tiền nhiệm (predecessors), không ghi successors.",
             "Ghi predecessors: mã trong danh mục hoặc tên như nguồn ghi.")
    if event.kind != CREATED and event.predecessors:
        _add(problems, event, None, "lineage-shape",
             "Chỉ sự kiện thành lập mới ghi predecessors.",
             "Ghi các cơ quan cùng hợp nhất ở co_predecessors.")
    return len(problems) == before


def _check_basis(event: LineageEvent, problems: ProblemList) -> None:
    basis = event.basis
    if basis is None:
        _add(problems, event, None, "missing-legal-basis",
             "Sự kiện chưa có căn cứ pháp lý.",
             "Mọi sự kiện phải có basis: số, ngày, cơ quan ban hành, trích yếu của văn bản "
             "(phần nào chưa tìm được ghi null và liệt kê ở missing).")
    elif not (basis.number or basis.title or basis.issuer) and not event.missing:
        _add(problems, event, None, "missing-legal-basis",
             "Căn cứ pháp lý không có số, trích yếu hay cơ quan ban hành, mà missing không ghi "
             "là còn thiếu.",
             "Ghi những gì đã biết về văn bản; phần chưa tìm được liệt kê ở missing để trang "
             "ghi “chưa xác định”.")
    if not event.sources:
        _add(problems, event, None, "missing-lineage-source",
             "Sự kiện chưa có nguồn.",
             "Thêm sources: địa chỉ trang và đoạn trích nguyên văn cho thấy sự kiện.")
    if event.confidence == "day-du" and basis is not None and (
        not basis.number or event.effective is None
    ):
        _add(problems, event, None, "incomplete-cited",
             "Sự kiện ghi “day-du” nhưng thiếu số văn bản hoặc ngày hiệu lực.",
             "Ghi confidence: mot-phan và liệt kê phần còn thiếu ở missing.")
    if event.confidence == "mot-phan" and not (event.missing or event.derived):
        _add(problems, event, None, "partial-without-reason",
             "Sự kiện ghi “mot-phan” nhưng không nói thiếu gì hay suy luận gì.",
             "Liệt kê phần chưa xác định ở missing, hoặc nêu suy luận ở derived.")


def _check_timeline(entity: Entity, entities: Mapping[str, Entity], cyclic: set[str],
                    problems: ProblemList) -> None:
    created = creation_date(entity.lineage)
    end = end_event(entity.lineage)
    noun = SCOPE_NOUN["agency" if isinstance(entity, Agency) else "province"]
    for event in entity.lineage:
        when = event.effective
        if when is None:
            continue
        if created is not None and event.ends and when < created:
            _add(problems, event, None, "event-before-creation",
                 f"Sự kiện ngày {when:%d/%m/%Y} trước khi {noun} “{entity.id}” được thành lập "
                 f"({created:%d/%m/%Y}).",
                 "Kiểm tra lại ngày của sự kiện hoặc ngày thành lập.")
        if end is not None and event.ends and (end.effective or when) < when:
            _add(problems, event, None, "event-after-end",
                 f"Sự kiện ngày {when:%d/%m/%Y} sau khi {noun} “{entity.id}” đã kết thúc "
                 f"({end.effective:%d/%m/%Y}).",
                 "Một cơ quan chỉ kết thúc một lần; ghi sự kiện tiếp theo ở cơ quan kế thừa.")
        if not event.ends:
            continue
        for party in event.successors:
            target = entities.get(party.id) if party.id else None
            if target is None:
                continue
            born = creation_date(target.lineage)
            if born is not None and when < born:
                _add(problems, event, party, "event-before-creation",
                     f"“{party.id}” chỉ được thành lập ngày {born:%d/%m/%Y}, sau sự kiện "
                     f"({when:%d/%m/%Y}).",
                     "Kiểm tra lại ngày của sự kiện hoặc ngày thành lập cơ quan kế thừa.")
            gone = end_event(target.lineage)
            if party.id in cyclic:
                continue  # the cycle is the problem to report, not its consequence
            if gone is not None and gone.effective is not None and gone.effective <= when:
                _add(problems, event, party, "successor-already-ended",
                     f"“{party.id}” đã kết thúc ngày {gone.effective:%d/%m/%Y}, không thể nhận "
                     f"kế thừa ngày {when:%d/%m/%Y}.",
                     "Ghi cơ quan kế thừa sau cùng, hoặc kiểm tra lại ngày.")
    _check_conflicts(entity, problems)


def _check_conflicts(entity: Entity, problems: ProblemList) -> None:
    """Two successors for the same function on the same date."""
    by_date: dict[dt.date, list[LineageEvent]] = {}
    for event in entity.lineage:
        # A malformed event is reported as such, not as a conflict it causes.
        if event.ends and event.effective is not None and _check_shape(event, ProblemList()):
            by_date.setdefault(event.effective, []).append(event)
    for when, events in by_date.items():
        claims: dict[str, str] = {}
        for event in events:
            for party in event.successors:
                who = party.id or party.name or "?"
                what = fold(party.functions) if party.functions else "*"
                rivals = {k: v for k, v in claims.items() if v != who and "*" in (k, what)}
                if claims.get(what, who) != who or rivals:
                    _add(problems, event, party, "conflicting-successors",
                         f"Ngày {when:%d/%m/%Y} “{entity.id}” có hai cơ quan kế thừa cho cùng "
                         "một chức năng.",
                         "Khi chức năng được chia, ghi functions khác nhau cho từng cơ quan "
                         "(kind: chia-tach); nếu không, chỉ ghi một cơ quan kế thừa.")
                claims.setdefault(what, who)


def _check_cycles(entities: Mapping[str, Entity], problems: ProblemList) -> set[str]:
    """Report each cycle of successors once; return the ids on a cycle."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cyclic: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for event in entities[node].lineage:
            if not event.ends:
                continue
            for party in event.successors:
                nxt = party.id
                if nxt is None or nxt == node or nxt not in entities:
                    continue
                if state.get(nxt) == 1:
                    members = [*path[path.index(nxt):], node]
                    cyclic.update(members)
                    loop = " → ".join([*members, nxt])
                    _add(problems, event, party, "lineage-cycle",
                         f"Chuỗi kế thừa tạo thành vòng lặp: {loop}.",
                         "Một cơ quan không thể kế thừa chính nó; kiểm tra lại successors.")
                elif nxt not in state:
                    visit(nxt, [*path, node])
        state[node] = 2

    for key in entities:
        if key not in state:
            visit(key, [])
    return cyclic
