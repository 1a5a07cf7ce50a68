"""A synthetic corpus of plans for benchmarks: N tasks in K plans of P fictional provinces.

Run ``python -m bench.synthetic --size M --out DIR`` (sizes S, M, L, XL) or give the counts
yourself with ``--tasks N --plans K --provinces P``. DIR becomes a complete project that
``congkhai check --root DIR`` accepts:

* ``content/registries/areas.yaml`` and ``agencies/trung-uong.yaml``, copied from this repository;
* ``content/registries/agencies/thu-nghiem-NN.yaml`` for each fictional province (``demo: true``):
  the UBND tỉnh, its office and ~20 sở/ban/ngành, branches of central bodies, six districts,
  100 communes and the usual group labels ("Các sở, ban, ngành", "UBND cấp xã", ...);
* ``plans/<issuer>/<plan-id>.yaml``: every plan ``demo: true``. Each province publishes, year after
  year, the UBND tỉnh plan and the plans of its departments and communes, as a province that puts
  every unit's plan online would. Tasks are grouped in sections by reform area, their titles,
  outputs and assignments composed from phrases of the real plans (:mod:`bench.phrases`), their
  deadlines in the forms the parser understands, their leads and support drawn from the province's
  agencies, and each has 0–4 dated status updates no later than ``--as-of``.

Size S is not generated: it copies this repository's own registries and plans.

Generation is deterministic: the same seed and counts give byte-identical files. Every province and
every plan draws from its own ``random.Random`` seeded by a string (``seed``, province or plan id),
so a plan's content does not depend on how many other plans are generated beside it once the
per-plan task count is fixed. YAML is written as text directly (double-quoted JSON strings are valid
YAML): for the L corpus that takes 0.5 s against 5.6 s for ``yaml.dump`` with libyaml's
``CSafeDumper``; ``--writer pyyaml`` keeps the PyYAML path for comparison.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import math
import random
import re
import shutil
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import phrases as P

REPO = Path(__file__).resolve().parent.parent
DEFAULT_AS_OF = dt.date(2026, 11, 23)
PLAN_HEADER = "# yaml-language-server: $schema=../../schemas/plan.schema.json\n"
NOTE = ("Dữ liệu tổng hợp do bench/synthetic.py sinh tự động để đo hiệu năng; không phải văn bản "
        "thật.")


@dataclass(frozen=True)
class Size:
    """How much to generate."""

    tasks: int
    plans: int
    provinces: int


# S is the repository's own data; the others are generated. One province publishes ~120 plans a
# year (UBND tỉnh, ~20 departments, ~100 communes), about 42 tasks each.
PRESETS: dict[str, Size | None] = {
    "S": None,
    "M": Size(tasks=5_000, plans=120, provinces=1),
    "L": Size(tasks=50_000, plans=1_200, provinces=2),
    "XL": Size(tasks=170_000, plans=4_080, provinces=34),
}


# --- YAML text ---------------------------------------------------------------------------------


class Flow(list):
    """A list written in flow style: ``[a, b]`` (agency aliases, as the real registries do)."""


_quote = json.encoder.encode_basestring  # type: ignore[attr-defined]
_PLAIN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_YAML_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf"})


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        if _PLAIN.fullmatch(value) and value not in _YAML_WORDS:
            return value
        return _quote(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {value!r}")


def _emit_map(mapping: dict, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for key, value in mapping.items():
        if isinstance(value, dict):
            if value:
                out.append(f"{pad}{key}:")
                _emit_map(value, indent + 2, out)
            else:
                out.append(f"{pad}{key}: {{}}")
        elif isinstance(value, list):
            if not value:
                out.append(f"{pad}{key}: []")
            elif isinstance(value, Flow):
                out.append(f"{pad}{key}: [" + ", ".join(_scalar(v) for v in value) + "]")
            else:
                out.append(f"{pad}{key}:")
                _emit_list(value, indent + 2, out)
        else:
            out.append(f"{pad}{key}: {_scalar(value)}")


def _emit_list(items: list, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            start = len(out)
            _emit_map(item, indent + 2, out)
            out[start] = pad + "- " + out[start][indent + 2 :]
        elif isinstance(item, list):
            raise TypeError("nested lists are not used in congkhai files")
        else:
            out.append(f"{pad}- {_scalar(item)}")


def to_yaml(data: dict, header: str = "") -> str:
    """Block-style YAML with 2-space indentation, strings double-quoted unless they are slugs."""
    out: list[str] = []
    _emit_map(data, 0, out)
    return header + "\n".join(out) + "\n"


def to_yaml_pyyaml(data: dict, header: str = "") -> str:
    """The same document through PyYAML (libyaml when available), for comparison."""
    import yaml

    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc, valid-type]
        def ignore_aliases(self, data: object) -> bool:
            return True  # congkhai refuses anchors; a shared date object would get one

    Dumper.add_representer(
        Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
    )
    return header + yaml.dump(
        data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1_000_000,
        default_flow_style=False,
    )


# --- names -------------------------------------------------------------------------------------


def slug(text: str) -> str:
    """ASCII slug as registry ids use it: "Sở Kế hoạch và Đầu tư" -> "so-ke-hoach-va-dau-tu"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def roman(n: int) -> str:
    """Roman numeral, as section numbers are written."""
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def last_day(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def lower_first(text: str) -> str:
    """"Các sở, ban, ngành" -> "các sở, ban, ngành" inside a sentence (only for group labels)."""
    return text[:1].lower() + text[1:]


# --- agencies ----------------------------------------------------------------------------------

# (id suffix, name, short name, extra aliases, abbreviation in document numbers, signer title)
DEPARTMENTS: tuple[tuple[str, str, str, tuple[str, ...], str, str], ...] = (
    ("van-phong-ubnd", "Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh",
     ("Văn phòng Ủy ban nhân dân tỉnh",), "VP", "CHÁNH VĂN PHÒNG"),
    ("so-noi-vu", "Sở Nội vụ", "Sở Nội vụ", ("SNV", "Nội vụ"), "SNV", "GIÁM ĐỐC"),
    ("so-tu-phap", "Sở Tư pháp", "Sở Tư pháp", ("STP", "Tư pháp"), "STP", "GIÁM ĐỐC"),
    ("so-tai-chinh", "Sở Tài chính", "Sở Tài chính", ("STC", "Tài chính"), "STC", "GIÁM ĐỐC"),
    ("so-ke-hoach-va-dau-tu", "Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư",
     ("Kế hoạch và Đầu tư",), "SKHĐT", "GIÁM ĐỐC"),
    ("so-thong-tin-va-truyen-thong", "Sở Thông tin và Truyền thông",
     "Sở Thông tin và Truyền thông", ("Thông tin và Truyền thông",), "STTTT", "GIÁM ĐỐC"),
    ("so-khoa-hoc-va-cong-nghe", "Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ",
     ("Khoa học và Công nghệ",), "SKHCN", "GIÁM ĐỐC"),
    ("so-giao-duc-va-dao-tao", "Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo",
     ("Giáo dục và Đào tạo",), "SGDĐT", "GIÁM ĐỐC"),
    ("so-y-te", "Sở Y tế", "Sở Y tế", ("Y tế",), "SYT", "GIÁM ĐỐC"),
    ("so-lao-dong-thuong-binh-va-xa-hoi", "Sở Lao động - Thương binh và Xã hội",
     "Sở Lao động - Thương binh và Xã hội", ("Lao động - Thương binh và Xã hội",), "SLĐTBXH",
     "GIÁM ĐỐC"),
    ("so-van-hoa-the-thao-va-du-lich", "Sở Văn hóa, Thể thao và Du lịch",
     "Sở Văn hóa, Thể thao và Du lịch", ("Văn hóa, Thể thao và Du lịch",), "SVHTTDL", "GIÁM ĐỐC"),
    ("so-tai-nguyen-va-moi-truong", "Sở Tài nguyên và Môi trường", "Sở Tài nguyên và Môi trường",
     ("Tài nguyên và Môi trường",), "STNMT", "GIÁM ĐỐC"),
    ("so-nong-nghiep-va-phat-trien-nong-thon", "Sở Nông nghiệp và Phát triển nông thôn",
     "Sở Nông nghiệp và Phát triển nông thôn", ("Nông nghiệp và Phát triển nông thôn",),
     "SNNPTNT", "GIÁM ĐỐC"),
    ("so-cong-thuong", "Sở Công Thương", "Sở Công Thương", ("Công Thương",), "SCT", "GIÁM ĐỐC"),
    ("so-xay-dung", "Sở Xây dựng", "Sở Xây dựng", ("Xây dựng",), "SXD", "GIÁM ĐỐC"),
    ("so-giao-thong-van-tai", "Sở Giao thông vận tải", "Sở Giao thông vận tải",
     ("Giao thông vận tải",), "SGTVT", "GIÁM ĐỐC"),
    ("thanh-tra-tinh", "Thanh tra tỉnh", "Thanh tra tỉnh", (), "TTr", "CHÁNH THANH TRA"),
    ("ban-dan-toc", "Ban Dân tộc tỉnh", "Ban Dân tộc", (), "BDT", "TRƯỞNG BAN"),
    ("ban-quan-ly-khu-kinh-te", "Ban Quản lý Khu kinh tế tỉnh", "Ban Quản lý Khu kinh tế",
     ("BQL KKT",), "BQLKKT", "TRƯỞNG BAN"),
    ("dai-phat-thanh-va-truyen-hinh", "Đài Phát thanh và Truyền hình tỉnh",
     "Đài Phát thanh và Truyền hình tỉnh", (), "ĐPTTH", "GIÁM ĐỐC"),
    ("trung-tam-phuc-vu-hanh-chinh-cong", "Trung tâm Phục vụ hành chính công tỉnh",
     "Trung tâm Phục vụ hành chính công", ("Trung tâm Hành chính công tỉnh",), "TTPVHCC",
     "GIÁM ĐỐC"),
)

# Province-level branches of central bodies: lead or support, never issuers.
BRANCHES: tuple[tuple[str, str], ...] = (
    ("cuc-thue", "Cục Thuế tỉnh"),
    ("kho-bac-nha-nuoc", "Kho bạc Nhà nước tỉnh"),
    ("bao-hiem-xa-hoi", "Bảo hiểm xã hội tỉnh"),
    ("cong-an-tinh", "Công an tỉnh"),
)

# (id suffix, name pattern, short name, aliases, level, parent suffix or None)
GROUPS: tuple[tuple[str, str, str, tuple[str, ...], str, str | None], ...] = (
    ("cac-so-ban-nganh", "Các sở, ban, ngành tỉnh {base}", "Các sở, ban, ngành",
     ("Các sở, ban, ngành", "các sở, ngành"), "so-nganh", "ubnd"),
    ("ubnd-cap-huyen", "Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh {base}",
     "UBND cấp huyện", ("UBND cấp huyện", "Ủy ban nhân dân cấp huyện"), "huyen", "ubnd"),
    ("ubnd-cap-xa", "Ủy ban nhân dân các xã, phường, thị trấn tỉnh {base}", "UBND cấp xã",
     ("UBND cấp xã", "Ủy ban nhân dân cấp xã"), "xa", "ubnd-cap-huyen"),
    ("cac-dia-phuong", "Các địa phương tỉnh {base}", "Các địa phương",
     ("các địa phương",), "huyen", "ubnd"),
    ("cac-co-quan-don-vi", "Các cơ quan, đơn vị tỉnh {base}", "Các cơ quan, đơn vị",
     ("các cơ quan, đơn vị",), "khac", None),
    ("co-quan-lien-quan", "Các cơ quan, đơn vị liên quan tỉnh {base}", "Cơ quan liên quan",
     ("các cơ quan liên quan", "các cơ quan, đơn vị có liên quan"), "khac", None),
    ("co-quan-nganh-doc", "Các cơ quan ngành dọc đóng trên địa bàn tỉnh {base}",
     "Các cơ quan ngành dọc", ("Các cơ quan ngành dọc đóng trên địa bàn tỉnh",), "khac", None),
    ("phong-don-vi-thuoc-so", "Các phòng, đơn vị thuộc sở, ban, ngành tỉnh {base}",
     "Các phòng, đơn vị thuộc Sở", ("các phòng, đơn vị thuộc Sở",), "so-nganh",
     "cac-so-ban-nganh"),
    ("cong-chuc-cap-xa", "Công chức chuyên môn thuộc UBND cấp xã tỉnh {base}",
     "Công chức chuyên môn cấp xã", ("công chức chuyên môn",), "xa", "ubnd-cap-xa"),
)

DISTRICTS = 6
COMMUNES = 100


@dataclass
class Body:
    """An agency or group of a fictional province."""

    id: str
    name: str
    short: str
    aliases: list[str]
    level: str
    parent: str | None
    group: bool = False
    kind: str = ""  # ubnd | so | branch | group | huyen | xa
    abbr: str = "UBND"
    title: str = ""  # signer title for departments
    place: str = ""  # place name of districts and communes


@dataclass
class Province:
    """A fictional province and its agencies."""

    index: int
    id: str
    name: str
    base: str
    bodies: list[Body] = field(default_factory=list)
    by_suffix: dict[str, Body] = field(default_factory=dict)
    departments: list[Body] = field(default_factory=list)
    branches: list[Body] = field(default_factory=list)
    districts: list[Body] = field(default_factory=list)
    communes: list[Body] = field(default_factory=list)
    signers: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def ubnd(self) -> Body:
        """The provincial People's Committee."""
        return self.by_suffix["ubnd"]

    def add(self, suffix: str, body: Body) -> Body:
        self.bodies.append(body)
        self.by_suffix[suffix] = body
        return body


def person(rng: random.Random) -> str:
    """A fictional personal name."""
    return f"{rng.choice(P.SURNAMES)} {rng.choice(P.MIDDLE_NAMES)} {rng.choice(P.GIVEN_NAMES)}"


def make_province(seed: int, index: int, width: int) -> Province:
    """Registry of one fictional province; depends only on the seed and its index."""
    rng = random.Random(f"congkhai-synthetic:{seed}:province:{index}")
    number = f"{index:0{width}d}"
    pid = f"thu-nghiem-{number}"
    base = f"Thử Nghiệm {number}"
    prov = Province(index, pid, f"Tỉnh {base} (dữ liệu tổng hợp)", base)
    prov.add("ubnd", Body(f"{pid}-ubnd", f"Ủy ban nhân dân tỉnh {base}", "UBND tỉnh",
                          ["UBND tỉnh", "Ủy ban nhân dân tỉnh"], "tinh", None, kind="ubnd"))
    for suffix, name, short, aliases, abbr, title in DEPARTMENTS:
        full = f"{name} {base}" if name.endswith(" tỉnh") else f"{name} tỉnh {base}"
        body = Body(f"{pid}-{suffix}", full, short, [short, *aliases], "so-nganh",
                    prov.ubnd.id, kind="so", abbr=abbr, title=title)
        prov.departments.append(prov.add(suffix, body))
    for suffix, name in BRANCHES:
        body = Body(f"{pid}-{suffix}", f"{name} {base}", name, [name], "khac", None,
                    kind="branch")
        prov.branches.append(prov.add(suffix, body))
    for suffix, pattern, short, aliases, level, parent in GROUPS:
        parent_id = f"{pid}-{parent}" if parent else None
        prov.add(suffix, Body(f"{pid}-{suffix}", pattern.format(base=base), short,
                              list(aliases), level, parent_id, group=True, kind="group"))
    syllables = P.PLACE_SYLLABLES
    pairs = [(a, b) for a in syllables for b in syllables if a != b]
    rng.shuffle(pairs)
    picked, slugs = [], set()
    for a, b in pairs:  # "Thạnh Thịnh" and "Thanh Thịnh" would share an id: keep the first
        if slug(f"{a} {b}") not in slugs:
            slugs.add(slug(f"{a} {b}"))
            picked.append((a, b))
            if len(picked) == DISTRICTS + COMMUNES:
                break
    for i, (a, b) in enumerate(picked[:DISTRICTS]):
        kind = "thành phố" if i == 0 else "huyện"
        place = f"{a} {b}"
        body = Body(f"{pid}-ubnd-{slug(kind)}-{slug(place)}",
                    f"Ủy ban nhân dân {kind} {place}, tỉnh {base}", f"UBND {kind} {place}",
                    [f"UBND {kind} {place}"], "huyen", prov.ubnd.id, kind="huyen", place=place)
        prov.districts.append(prov.add(body.id, body))
    for i, (a, b) in enumerate(picked[DISTRICTS:]):
        kind = "phường" if rng.random() < 0.15 else "xã"
        place = f"{a} {b}"
        body = Body(f"{pid}-ubnd-{slug(kind)}-{slug(place)}",
                    f"Ủy ban nhân dân {kind} {place}, tỉnh {base}", f"UBND {kind} {place}",
                    [f"UBND {kind} {place}", f"Ủy ban nhân dân {kind} {place}"], "xa",
                    prov.districts[i % DISTRICTS].id, kind="xa", place=place)
        prov.communes.append(prov.add(body.id, body))
    for body in [prov.ubnd, *prov.departments, *prov.communes]:
        prov.signers[body.id] = (person(rng), person(rng))
    return prov


def registry_yaml(prov: Province) -> dict:
    """The agency registry file of a province, as a mapping."""
    agencies = []
    for b in prov.bodies:
        entry: dict = {"id": b.id, "name": b.name, "short_name": b.short,
                       "aliases": Flow(b.aliases), "level": b.level}
        if b.group:
            entry["group"] = True
        entry["parent"] = b.parent
        entry["website"] = None
        agencies.append(entry)
    return {"province": {"id": prov.id, "name": prov.name, "demo": True}, "agencies": agencies}


# --- plan skeletons ----------------------------------------------------------------------------


@dataclass
class Stub:
    """What is decided about a plan before its content: who, when, which number, how big."""

    province: Province
    year: int
    issuer: Body
    issued: dt.date
    doc_type: str
    weight: float
    number: int = 0
    tasks: int = 0
    ubnd_plan: Stub | None = None

    @property
    def code(self) -> str:
        return "qd" if self.doc_type == "quyet-dinh" else "kh"

    @property
    def number_text(self) -> str:
        return f"{self.number}/{'QĐ' if self.doc_type == 'quyet-dinh' else 'KH'}-{self.issuer.abbr}"

    @property
    def id(self) -> str:
        return f"{self.province.id}-{self.code}-{self.number}-{self.issued.year}"


def split_evenly(total: int, parts: int) -> list[int]:
    """``total`` in ``parts`` near-equal whole parts, larger ones first."""
    q, r = divmod(total, parts)
    return [q + (1 if i < r else 0) for i in range(parts)]


def allocate(total: int, weights: list[float]) -> list[int]:
    """``total`` in whole parts proportional to ``weights`` (largest remainder), each ≥ 1 if
    there is enough to go round."""
    n = len(weights)
    if n == 0:
        return []
    base = [1] * n if total >= n else [0] * n
    rest = total - sum(base)
    s = sum(weights)
    shares = [rest * w / s for w in weights]
    out = [b + int(x) for b, x in zip(base, shares, strict=True)]
    left = total - sum(out)
    order = sorted(range(n), key=lambda i: (-(shares[i] - int(shares[i])), i))
    for i in order[:left]:
        out[i] += 1
    return out


def province_stubs(prov: Province, seed: int, plans: int, as_of: dt.date) -> list[Stub]:
    """The plans one province publishes: every year the UBND tỉnh, then its units."""
    rng = random.Random(f"congkhai-synthetic:{seed}:stubs:{prov.index}")
    units = [*prov.departments, *prov.communes]
    rng.shuffle(units)
    per_year_max = 1 + len(units)
    years = max(1, math.ceil(plans / per_year_max))
    counts = split_evenly(plans, years)
    stubs: list[Stub] = []
    for offset, count in enumerate(counts):
        year = as_of.year - offset
        if count == 0:
            continue
        issued = min(dt.date(year - 1, 12, rng.randint(10, 30)), as_of)
        doc_type = "quyet-dinh" if rng.random() < 0.4 else "ke-hoach"
        head = Stub(prov, year, prov.ubnd, issued, doc_type, 2.2 * rng.uniform(0.6, 1.4))
        stubs.append(head)
        for unit in units[: count - 1]:
            unit_issued = min(issued + dt.timedelta(days=rng.randint(5, 60)), as_of)
            unit_type = "quyet-dinh" if rng.random() < 0.1 else "ke-hoach"
            weight = (1.0 if unit.kind == "so" else 0.85) * rng.uniform(0.6, 1.4)
            stubs.append(Stub(prov, year, unit, unit_issued, unit_type, weight, ubnd_plan=head))
    # Document numbers rise with the issue date within each calendar year of the province.
    by_year: dict[int, list[Stub]] = {}
    for stub in stubs:
        by_year.setdefault(stub.issued.year, []).append(stub)
    for year in sorted(by_year):
        number = rng.randint(1, 40)
        for stub in sorted(by_year[year], key=lambda s: (s.issued, s.issuer.id)):
            stub.number = number
            number += rng.randint(1, 9)
    return stubs


# --- deadlines ---------------------------------------------------------------------------------

QUARTERS = ("I", "II", "III", "IV")

# Each maker returns (deadline value, due date or None, start date or None).
Maker = Callable[[random.Random, int], tuple[object, dt.date | None, dt.date | None]]


def _quarter(rng: random.Random, y: int) -> tuple[object, dt.date | None, dt.date | None]:
    q = rng.randint(1, 4)
    return f"Quý {QUARTERS[q - 1]}/{y}", last_day(y, 3 * q), None


def _within_quarter(rng: random.Random, y: int) -> tuple[object, dt.date | None, dt.date | None]:
    q = rng.randint(1, 4)
    return f"Trong Quý {QUARTERS[q - 1]}/{y}", last_day(y, 3 * q), dt.date(y, 3 * q - 2, 1)


def _latest_quarter(rng: random.Random, y: int) -> tuple[object, dt.date | None, dt.date | None]:
    q = rng.randint(2, 4)
    return f"Hoàn thành chậm nhất Quý {QUARTERS[q - 1]}/{y}", last_day(y, 3 * q), None


def _from_quarter(rng: random.Random, y: int) -> tuple[object, dt.date | None, dt.date | None]:
    q = rng.randint(1, 3)
    return f"Từ Quý {QUARTERS[q - 1]}/{y}", None, dt.date(y, 3 * q - 2, 1)


def _month(rng: random.Random, y: int) -> tuple[object, dt.date | None, dt.date | None]:
    m = rng.randint(2, 12)
    return f"Tháng {m}/{y}", last_day(y, m), None


def _before(rng: random.Random, y: int) -> tuple[object, dt.date | None, dt.date | None]:
    m = rng.randint(3, 12)
    d = rng.choice((10, 15, 20, 25, 30 if m != 2 else 28))
    return f"Trước ngày {d:02d}/{m:02d}/{y}", dt.date(y, m, d), None


def _fixed(text: str, due: Callable[[int], dt.date], start: Callable[[int], dt.date] | None = None
           ) -> Maker:
    return lambda rng, y: (text.format(y=y), due(y), start(y) if start else None)


def _plain(text: str | None) -> Maker:
    return lambda rng, y: (text, None, None)


def _explicit(rng: random.Random, y: int) -> tuple[object, dt.date | None, dt.date | None]:
    due = dt.date(y, 3, 31)
    return {"text": f"Đầu năm {y}", "due": due}, due, None


DEADLINES: tuple[tuple[int, Maker], ...] = (
    (22, _quarter),
    (4, _within_quarter),
    (14, _fixed("Trong năm {y}", lambda y: dt.date(y, 12, 31), lambda y: dt.date(y, 1, 1))),
    (5, _fixed("Năm {y}", lambda y: dt.date(y, 12, 31))),
    (9, _month),
    (3, _fixed("6 tháng đầu năm {y}", lambda y: dt.date(y, 6, 30))),
    (3, _before),
    (3, _latest_quarter),
    (2, _from_quarter),
    (12, _plain("Thường xuyên")),
    (2, _plain("Hàng tháng/năm")),
    (3, _plain("Hằng năm")),
    (2, _plain("Định kỳ hằng quý")),
    (1, _plain("Tháng 12/năm")),
    (3, _plain("Theo tiến độ của Đề án")),
    (1, _plain("Theo tiến độ triển khai của Trung ương")),
    (1, _plain("Theo tiến độ Đề án được phê duyệt")),
    (1, _explicit),
    (9, _plain(None)),
)
_DEADLINE_MAKERS = [m for _, m in DEADLINES]
_DEADLINE_CUM = [sum(w for w, _ in DEADLINES[: i + 1]) for i in range(len(DEADLINES))]


# --- plan content ------------------------------------------------------------------------------

AREAS_30C = ("chi-dao-dieu-hanh", "the-che", "thu-tuc-hanh-chinh", "to-chuc-bo-may",
             "doi-ngu-cbccvc", "tai-chinh-cong", "hien-dai-hoa")
AREAS_76 = ("chi-dao-dieu-hanh", "the-che", "thu-tuc-hanh-chinh", "to-chuc-bo-may",
            "che-do-cong-vu", "tai-chinh-cong", "chinh-phu-dien-tu-so")
AREAS_PAR = ("par-chi-dao-dieu-hanh", "par-van-ban-qppl", "par-thu-tuc-hanh-chinh",
             "par-to-chuc-bo-may", "par-doi-ngu-cbccvc", "par-tai-chinh-cong", "par-hien-dai-hoa",
             "par-tac-dong")
AREA_WEIGHT = {"thu-tuc-hanh-chinh": 1.4, "chinh-phu-dien-tu-so": 1.3, "hien-dai-hoa": 1.3,
               "chi-dao-dieu-hanh": 0.7, "mot-cua": 0.6}
# Which department usually leads tasks of an area in a UBND tỉnh plan.
OWNER = {
    "chi-dao-dieu-hanh": "so-noi-vu", "the-che": "so-tu-phap",
    "thu-tuc-hanh-chinh": "van-phong-ubnd", "mot-cua": "trung-tam-phuc-vu-hanh-chinh-cong",
    "to-chuc-bo-may": "so-noi-vu", "doi-ngu-cbccvc": "so-noi-vu", "che-do-cong-vu": "so-noi-vu",
    "tai-chinh-cong": "so-tai-chinh", "hien-dai-hoa": "so-khoa-hoc-va-cong-nghe",
    "chinh-phu-dien-tu-so": "so-thong-tin-va-truyen-thong",
}
UBND_DUTIES = (
    ("so-noi-vu", "Sở Nội vụ"), ("so-tu-phap", "Sở Tư pháp"),
    ("van-phong-ubnd", "Văn phòng UBND tỉnh"), ("so-tai-chinh", "Sở Tài chính"),
    ("so-thong-tin-va-truyen-thong", "Sở Thông tin và Truyền thông"),
    ("co-quan-nganh-doc", "Các cơ quan ngành dọc đóng trên địa bàn tỉnh"),
)
FATES_PAST = (("none", 12), ("done", 50), ("late", 15), ("doing", 10), ("waiting", 4),
              ("paused", 5), ("cancelled", 4))
FATES_OPEN = (("none", 25), ("done", 25), ("doing", 35), ("waiting", 8), ("paused", 4),
              ("cancelled", 3))


def _cum(table: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    names = [n for n, _ in table]
    cum, total = [], 0
    for _, w in table:
        total += w
        cum.append(total)
    return names, cum


_PAST = _cum(FATES_PAST)
_OPEN = _cum(FATES_OPEN)


class PlanWriter:
    """Builds the content of one plan from its stub with the plan's own random generator."""

    def __init__(self, stub: Stub, seed: int, as_of: dt.date) -> None:
        self.s = stub
        self.p = stub.province
        self.as_of = as_of
        self.rng = random.Random(f"congkhai-synthetic:{seed}:plan:{stub.id}")
        issuer = stub.issuer
        self.kind = issuer.kind if issuer.kind in ("so", "xa") else "ubnd"
        self.issuer_short = issuer.short
        self.evidence_base = f"https://vanban.{self.p.id}.example/{stub.year}/{stub.number}"

    # helpers
    def pick(self, suffix: str) -> Body:
        return self.p.by_suffix[suffix]

    def date_between(self, lo: dt.date, hi: dt.date) -> dt.date:
        if hi <= lo:
            return lo
        return lo + dt.timedelta(days=self.rng.randint(0, (hi - lo).days))

    # the document
    def build(self) -> dict:
        s, rng = self.s, self.rng
        y = s.year
        issuer = s.issuer
        qd = s.doc_type == "quyet-dinh"
        if self.kind == "ubnd":
            title = f"Kế hoạch cải cách hành chính tỉnh {self.p.base} năm {y}"
            place = self.p.base
            chair = "CHỦ TỊCH"
            body_line = "TM. ỦY BAN NHÂN DÂN"
        elif self.kind == "so":
            title = f"Kế hoạch cải cách hành chính năm {y} của {issuer.name}"
            place = self.p.base
            chair = issuer.title
            body_line = ""
        else:
            title = f"Kế hoạch cải cách hành chính năm {y} của {issuer.name}"
            place = issuer.place
            chair = "CHỦ TỊCH"
            body_line = "TM. ỦY BAN NHÂN DÂN"
        head, deputy = self.p.signers[issuer.id]
        if rng.random() < 0.7:
            signer = {"name": head, "form": " / ".join(x for x in (body_line, chair) if x)}
        else:
            vice = "PHÓ " + chair
            form = " / ".join(x for x in (body_line, f"KT. {chair}", vice) if x)
            signer = {"name": deputy, "form": form}
        summary = (f"BAN HÀNH {title.upper()}" if qd
                   else f"Kế hoạch cải cách hành chính năm {y}")
        source_url = None
        if rng.random() < 0.3:
            source_url = f"https://vanban.{self.p.id}.example/{s.id}.pdf"
        plan: dict = {
            "id": s.id,
            "title": title,
            "demo": True,
            "document": {
                "type": s.doc_type,
                "number": s.number_text,
                "issued": s.issued,
                "effective": {"text": "kể từ ngày ký", "date": s.issued} if qd else None,
                "issuer": issuer.id,
                "place": place,
                "signer": signer,
                "summary": summary,
                "source": {"seed": None, "url": source_url},
            },
            "period": {"start": y, "end": y},
            "notes": [NOTE],
            "legal_bases": self.legal_bases(),
            "objectives": self.objectives(
                rng.randint(3, 8) if self.kind == "ubnd" else rng.randint(1, 3), with_updates=True
            ),
            "baselines": self.baselines(),
            "sections": self.sections(),
            "duties": self.duties(),
        }
        return plan

    def legal_bases(self) -> list[dict]:
        rng, issued = self.rng, self.s.issued
        # Plans from 2021 on cite the 2021-2030 programme instead of the 2011-2020 one.
        oldest = dt.date(2015, 1, 1) if self.s.year >= 2021 else dt.date(1945, 1, 1)
        usable = [b for b in P.LEGAL_BASES if oldest <= dt.date.fromisoformat(b[1]) <= issued]
        chosen = sorted(rng.sample(range(len(usable)), k=min(len(usable), rng.randint(1, 3))))
        out = [{"number": usable[i][0], "date": dt.date.fromisoformat(usable[i][1]),
                "title": usable[i][2]} for i in chosen]
        head = self.s.ubnd_plan
        if head is not None and head.issued <= issued:
            out.append({"number": head.number_text, "date": head.issued,
                        "title": f"ban hành Kế hoạch cải cách hành chính tỉnh {self.p.base} "
                                 f"năm {head.year}"})
        return out

    def target(self, template: tuple, value: int) -> dict:
        _, label, comparator, unit, _ = template
        y = self.s.year
        baseline = None
        if self.rng.random() < 0.2 and unit == "%":
            baseline = max(0, value - self.rng.randint(5, 20))
        return {
            "label": label.format(v=value, y=y),
            "comparator": comparator,
            "value": value,
            "unit": unit,
            "baseline": baseline,
            "baseline_year": y - 1 if baseline is not None else None,
            "deadline": f"Năm {y}" if self.rng.random() < 0.1 else None,
        }

    def objectives(self, count: int, with_updates: bool) -> list[dict]:
        rng, y = self.rng, self.s.year
        out = []
        for i in range(1, count + 1):
            if rng.random() < 0.6:
                picks = rng.sample(P.TARGET_OBJECTIVES, 2 if rng.random() < 0.15 else 1)
                values = [rng.randint(*t[4]) for t in picks]
                text = " ".join(t[0].format(v=v, y=y) for t, v in zip(picks, values, strict=True))
                targets = [self.target(t, v) for t, v in zip(picks, values, strict=True)]
                obj: dict = {"id": str(i), "text": text, "targets": targets}
                if with_updates and rng.random() < 0.25 and self.s.issued < self.as_of:
                    obj["updates"] = self.measurements(targets)
            else:
                obj = {"id": str(i), "text": rng.choice(P.PLAIN_OBJECTIVES), "targets": []}
            out.append(obj)
        return out

    def measurements(self, targets: list[dict]) -> list[dict]:
        rng = self.rng
        first = min(self.s.issued + dt.timedelta(days=1), self.as_of)
        dates = sorted(self.date_between(first, self.as_of)
                       for _ in range(rng.randint(1, 2)))
        out = []
        for d in dates:
            which = rng.randrange(len(targets))
            goal = targets[which]["value"]
            value = round(goal * rng.uniform(0.7, 1.1), 1)
            m: dict = {"date": d, "value": value}
            if len(targets) > 1:
                m["target"] = which + 1
            if rng.random() < 0.3:
                m["note"] = "Số liệu tổng hợp từ báo cáo định kỳ."
            out.append(m)
        return out

    def baselines(self) -> list[dict]:
        if self.kind != "ubnd" or self.rng.random() < 0.5:
            return []
        y = self.s.year
        return [
            {"label": f"Chỉ số CCHC năm {y - 1} của tỉnh",
             "value": round(self.rng.uniform(78, 92), 2), "unit": "điểm", "year": y - 1},
            {"label": "xếp thứ trong các tỉnh, thành phố", "value": self.rng.randint(1, 34),
             "unit": "hạng", "year": y - 1},
        ]

    def duties(self) -> list[dict]:
        rng = self.rng
        if self.kind == "ubnd":
            picks = [UBND_DUTIES[i] for i in sorted(rng.sample(range(len(UBND_DUTIES)),
                                                               rng.randint(2, 5)))]
            entries: list[tuple[object, str]] = [
                ([self.pick("cac-so-ban-nganh").id, self.pick("ubnd-cap-xa").id],
                 "Thủ trưởng các sở, ban, ngành, Chủ tịch UBND cấp xã")]
            entries += [(self.pick(suffix).id, heading) for suffix, heading in picks]
        elif self.kind == "so":
            entries = [(self.pick("phong-don-vi-thuoc-so").id, "Các phòng, đơn vị thuộc Sở")]
            if rng.random() < 0.5:
                entries.append((None, "Văn phòng Sở"))
        else:
            entries = [(self.pick("cong-chuc-cap-xa").id, "Công chức chuyên môn thuộc UBND xã")]
        out = []
        for i, (agency, heading) in enumerate(entries, 1):
            if rng.random() < 0.5:
                text, items = rng.choice(P.DUTY_TEXTS), []
            else:
                texts = rng.sample(P.DUTY_TEXTS, rng.randint(2, 3))
                text = None
                items = [{"id": "abc"[j], "text": t} for j, t in enumerate(texts)]
            out.append({"id": str(i), "agency": agency, "heading": heading, "text": text,
                        "items": items})
        return out

    def sections(self) -> list[dict]:
        rng, n = self.rng, self.s.tasks
        if n == 0:
            return []
        y = self.s.year
        r = rng.random()
        untitled = False
        if self.kind == "ubnd" and r < 0.1:
            areas: list[str | None] = list(AREAS_PAR)
        elif r > 0.97:
            areas, untitled = [None], True
        else:
            areas = list(AREAS_76 if y >= 2021 else AREAS_30C)
            if rng.random() < 0.3:
                areas.remove("chi-dao-dieu-hanh")
            if rng.random() < 0.2:
                areas.insert(areas.index("thu-tuc-hanh-chinh") + 1, "mot-cua")
        areas = areas[: min(len(areas), n)]
        weights = [AREA_WEIGHT.get(a or "", 1.0) * rng.uniform(0.6, 1.4) for a in areas]
        counts = allocate(n, weights)
        style = rng.choice(("roman-upper", "roman", "arabic"))
        part = rng.choice((None, None, "Phụ lục", f"II. NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {y}"))
        out = []
        for i, (area, count) in enumerate(zip(areas, counts, strict=True), 1):
            sid = str(i) if style == "arabic" or untitled else roman(i)
            if area is None:
                title = None
            else:
                title = P.SECTION_TITLES[area]
                if style == "roman-upper" and not area.startswith("par-"):
                    title = title.upper()
            tasks = [self.task(f"{sid}.{j}", area, untitled) for j in range(1, count + 1)]
            out.append({"id": sid, "part": part, "title": title, "area": area, "tasks": tasks})
        return out

    # tasks
    def task(self, tid: str, area: str | None, untitled: bool) -> dict:
        rng = self.rng
        own_area = None
        if untitled and rng.random() < 0.5:
            own_area = rng.choice(AREAS_76)
        elif area == "thu-tuc-hanh-chinh" and rng.random() < 0.05:
            own_area = "mot-cua"
        phrase_area = own_area or area or rng.choice(AREAS_76)
        phrase_area = P.AREA_PHRASES.get(phrase_area, phrase_area)
        deadline, due, start = _DEADLINE_MAKERS[
            self._bisect(_DEADLINE_CUM, rng.random() * _DEADLINE_CUM[-1])](rng, self.s.year)
        lead = self.lead(phrase_area)
        support = self.support(lead)
        task: dict = {
            "id": tid,
            "title": self.title(phrase_area),
            "output": (rng.choice(P.OUTPUTS).format(issuer=self.issuer_short)
                       if rng.random() < 0.7 else None),
            "deadline": deadline,
            "lead": lead,
            "support": support,
        }
        if rng.random() < 0.4 and lead is not None:
            task["assignment"] = self.assignment(lead, support)
        if rng.random() < 0.03:
            task["how"] = ("- Bước 1: Xây dựng dự thảo.\n- Bước 2: Lấy ý kiến các cơ quan liên "
                           f"quan.\n- Bước 3: Trình **{self.issuer_short}** ban hành.")
        if own_area is not None:
            task["area"] = own_area
        if rng.random() < 0.03:
            task["objectives"] = self.objectives(1, with_updates=False)
        updates = self.updates(due, start, tid)
        if updates:
            task["updates"] = updates
        return task

    @staticmethod
    def _bisect(cum: list[int], x: float) -> int:
        lo, hi = 0, len(cum) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if x < cum[mid]:
                hi = mid
            else:
                lo = mid + 1
        return lo

    def title(self, area: str) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.08:
            return rng.choice(P.STANDALONE_TITLES)
        text = f"{rng.choice(P.VERBS)} {rng.choice(P.OBJECTS[area])}"
        if r > 0.93:
            if self.kind == "xa":
                text += f" trên địa bàn {self.s.issuer.short.removeprefix('UBND ')}"
            else:
                text += f" năm {self.s.year}"
        return text

    def lead(self, area: str) -> object:
        rng, p = self.rng, self.p
        r = rng.random()
        if self.kind == "ubnd":
            if r < 0.55:
                return self.pick(OWNER[area]).id
            if r < 0.75:
                return rng.choice(p.departments).id
            if r < 0.83:
                return self.pick(rng.choice(("cac-so-ban-nganh", "ubnd-cap-xa", "ubnd-cap-huyen",
                                             "cac-dia-phuong"))).id
            if r < 0.90:
                return [b.id for b in rng.sample(p.departments, rng.randint(2, 4))]
            if r < 0.99:
                return None
            return {"agency": self.pick(OWNER[area]).id,
                    "derived": "Cột chủ trì bỏ trống; nội dung nhiệm vụ nêu rõ cơ quan "
                               "“tham mưu UBND tỉnh” (trích nguyên văn)."}
        own = self.s.issuer.id
        if self.kind == "so":
            if r < 0.6:
                return own
            if r < 0.75:
                return self.pick("phong-don-vi-thuoc-so").id
            if r < 0.85:
                return None
            if r < 0.95:
                return rng.choice(p.departments).id
            other = rng.choice(p.departments).id
            return [own, other] if other != own else own
        if r < 0.55:
            return own
        if r < 0.75:
            return self.pick("cong-chuc-cap-xa").id
        if r < 0.9:
            return None
        return [own, self.s.issuer.parent]

    def support(self, lead: object) -> list:
        rng, p = self.rng, self.p
        count = rng.choices((0, 1, 2, 3), weights=(25, 35, 25, 15))[0]
        if self.kind == "ubnd":
            pool = [*p.departments, *p.branches, self.pick("cac-so-ban-nganh"),
                    self.pick("co-quan-lien-quan"), self.pick("ubnd-cap-xa"),
                    self.pick("cac-dia-phuong")]
        elif self.kind == "so":
            pool = [*p.departments, self.pick("co-quan-lien-quan"), self.pick("cac-so-ban-nganh"),
                    self.pick("phong-don-vi-thuoc-so")]
        else:
            pool = [self.pick("so-noi-vu"), self.pick("van-phong-ubnd"),
                    self.pick("co-quan-lien-quan"), self.pick("cong-chuc-cap-xa"),
                    p.by_suffix[self.s.issuer.parent or "ubnd"]]
        if isinstance(lead, list):
            leads = set(lead)
        else:
            leads = {lead["agency"] if isinstance(lead, dict) else lead}
        out: list = []
        for body in rng.sample(pool, min(count, len(pool))):
            if body.id not in leads and body.id not in out:
                out.append(body.id)
        return out

    def name_of(self, agency_id: str, start: bool = False) -> str:
        """How an assignment cell names an agency (group labels in lower case mid-sentence)."""
        body = self.p.by_suffix.get(agency_id.removeprefix(self.p.id + "-")) or \
            self.p.by_suffix.get(agency_id)
        if body is None:
            return "Các cơ quan Trung ương" if start else "các cơ quan Trung ương"
        return lower_first(body.short) if body.group and not start else body.short

    def assignment(self, lead: object, support: list) -> str:
        rng = self.rng
        if isinstance(lead, dict):
            lead = lead["agency"]
        own = self.s.issuer.id
        # A unit leading its own task advises the province, not itself.
        authority = "UBND tỉnh" if lead == own or (isinstance(lead, list) and own in lead) \
            else self.issuer_short
        tail = rng.choice(P.ASSIGNMENT_TAILS).format(issuer=authority)
        if isinstance(lead, list):
            names = ", ".join(self.name_of(a) for a in lead)
            text = f"- Các cơ quan: {names} chủ trì {tail}."
            if support:
                follow = rng.choice(P.ASSIGNMENT_FOLLOW_UPS).format(issuer=authority)
                text += f" - {self.name_of(support[0])} {follow}"
            return text
        text = f"{self.name_of(lead, start=True)} chủ trì"
        if support:
            text += ", phối hợp với " + ", ".join(self.name_of(a) for a in support)
        return f"{text} {tail}"

    def updates(self, due: dt.date | None, start: dt.date | None, tid: str) -> list[dict]:
        rng, as_of = self.rng, self.as_of
        if self.s.issued > as_of:
            return []
        issued = min(self.s.issued + dt.timedelta(days=1), as_of)  # reports come after issue
        names, cum = _PAST if (due is not None and due < as_of) else _OPEN
        fate = names[self._bisect(cum, rng.random() * cum[-1])]
        if fate == "none":
            return []
        lo = start if start is not None and issued < start <= as_of else issued
        if fate == "done" and due is not None and due < lo:
            fate = "late"
        if fate == "late" and (due is None or due >= as_of):
            fate = "done"
        if fate == "done":
            final = self.date_between(lo, min(due, as_of) if due is not None else as_of)
        elif fate == "late":
            assert due is not None
            first = max(lo, due + dt.timedelta(days=1))
            final = self.date_between(first, max(first, min(due + dt.timedelta(days=150), as_of)))
        else:
            span = (as_of - lo).days
            final = lo + dt.timedelta(days=int(span * (1 - rng.random() ** 2)))
        extra = 0 if fate == "waiting" else rng.choices((0, 1, 2, 3), weights=(35, 35, 20, 10))[0]
        span = (final - issued).days
        dates = sorted(issued + dt.timedelta(days=rng.randint(0, span)) for _ in range(extra))
        progress = sorted(rng.sample(range(10, 95, 5), extra))
        out: list[dict] = []
        for i, d in enumerate(dates):
            if i == 0 and rng.random() < 0.3:
                out.append({"date": d, "status": "chua-bat-dau", "progress": 0})
            else:
                out.append({"date": d, "status": "dang-thuc-hien", "progress": progress[i]})
        last = progress[-1] if progress else 0
        entry: dict = {"date": final}
        if fate in ("done", "late"):
            entry["status"] = "hoan-thanh"
            entry["progress"] = 100 if rng.random() < 0.7 else None
            if rng.random() < 0.3:
                entry["evidence"] = f"{self.evidence_base}/{tid}"
        elif fate == "doing":
            entry["status"] = "dang-thuc-hien"
            entry["progress"] = min(95, last + rng.randint(5, 40))
        elif fate == "waiting":
            entry["status"] = "chua-bat-dau"
            entry["progress"] = 0
        elif fate == "paused":
            entry["status"] = "tam-dung"
            entry["progress"] = last or None
            entry["reason"] = rng.choice(P.PAUSE_REASONS)
        else:
            entry["status"] = "huy"
            entry["reason"] = rng.choice(P.CANCEL_REASONS)
        if rng.random() < 0.15:
            entry["note"] = rng.choice(P.UPDATE_NOTES)
        out.append(entry)
        return out


# --- the corpus --------------------------------------------------------------------------------


@dataclass
class Summary:
    """What was written."""

    plans: int = 0
    tasks: int = 0
    agencies: int = 0
    provinces: int = 0
    bytes: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [f"plans {self.plans}", f"tasks {self.tasks}", f"agencies {self.agencies}",
                f"provinces {self.provinces}", f"bytes {self.bytes}",
                f"seconds {self.seconds:.2f}"]


def _write(path: Path, text: str, summary: Summary) -> None:
    data = text.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    summary.bytes += len(data)


def _copy(src: Path, dst: Path, summary: Summary) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    summary.bytes += dst.stat().st_size


def _prepare(out: Path, force: bool) -> None:
    """Refuse to write over a project (or the repository) unless told to replace a corpus."""
    out = out.resolve()
    if out == REPO or (out / "pyproject.toml").exists() or (out / ".git").exists():
        raise SystemExit(f"{out} looks like a source checkout; choose another --out")
    existing = [out / "plans", out / "content"]
    if any(p.exists() for p in existing):
        if not force:
            raise SystemExit(f"{out} already holds a corpus; pass --force to replace it")
        for p in existing:
            if p.exists():
                shutil.rmtree(p)
    out.mkdir(parents=True, exist_ok=True)


def generate(out: Path, size: Size, seed: int = 1, as_of: dt.date = DEFAULT_AS_OF,
             writer: str = "text", force: bool = False) -> Summary:
    """Write a synthetic project of ``size`` under ``out``."""
    if size.provinces < 1 or size.plans < size.provinces or size.tasks < 0:
        raise ValueError("need at least one plan per province and a non-negative task count")
    began = time.perf_counter()
    _prepare(out, force)
    dump = to_yaml if writer == "text" else to_yaml_pyyaml
    summary = Summary(provinces=size.provinces)
    registries = out / "content" / "registries"
    _copy(REPO / "content" / "registries" / "areas.yaml", registries / "areas.yaml", summary)
    central = REPO / "content" / "registries" / "agencies" / "trung-uong.yaml"
    _copy(central, registries / "agencies" / "trung-uong.yaml", summary)
    summary.agencies += central.read_text(encoding="utf-8").count("\n  - id: ")

    width = max(2, len(str(size.provinces)))
    stubs: list[Stub] = []
    for index, plans in enumerate(split_evenly(size.plans, size.provinces), 1):
        prov = make_province(seed, index, width)
        header = (f"# Tỉnh hư cấu {prov.base}: dữ liệu tổng hợp của bench/synthetic.py "
                  f"(seed {seed}), không phải cơ quan thật.\n")
        _write(registries / "agencies" / f"{prov.id}.yaml",
               dump(registry_yaml(prov), header), summary)
        summary.agencies += len(prov.bodies)
        stubs.extend(province_stubs(prov, seed, plans, as_of))

    for stub, count in zip(stubs, allocate(size.tasks, [s.weight for s in stubs]), strict=True):
        stub.tasks = count
    for stub in stubs:
        plan = PlanWriter(stub, seed, as_of).build()
        _write(out / "plans" / stub.issuer.id / f"{stub.id}.yaml", dump(plan, PLAN_HEADER),
               summary)
        summary.plans += 1
        summary.tasks += stub.tasks
    summary.seconds = time.perf_counter() - began
    return summary


def copy_shipped(out: Path, force: bool = False) -> Summary:
    """Size S: this repository's own registries and plans, copied as they are."""
    import yaml

    began = time.perf_counter()
    _prepare(out, force)
    summary = Summary()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for src in sorted((REPO / "content" / "registries").rglob("*.yaml")):
        _copy(src, out / src.relative_to(REPO), summary)
        if src.parent.name == "agencies":
            data = yaml.load(src.read_text(encoding="utf-8"), Loader=loader)
            summary.agencies += len(data["agencies"])
            summary.provinces += data["province"] is not None
    for src in sorted((REPO / "plans").rglob("*.yaml")):
        _copy(src, out / src.relative_to(REPO), summary)
        data = yaml.load(src.read_text(encoding="utf-8"), Loader=loader)
        summary.plans += 1
        summary.tasks += sum(len(s["tasks"]) for s in data.get("sections") or [])
    summary.seconds = time.perf_counter() - began
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.synthetic",
        description="Write a synthetic congkhai project (fictional provinces, demo plans).",
    )
    parser.add_argument("--size", choices=sorted(PRESETS, key=list(PRESETS).index),
                        help="preset: S (the shipped plans), M, L, XL")
    parser.add_argument("--tasks", type=int, help="number of tasks (overrides the preset)")
    parser.add_argument("--plans", type=int, help="number of plans (overrides the preset)")
    parser.add_argument("--provinces", type=int, help="number of provinces (overrides the preset)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=DEFAULT_AS_OF,
                        help="no status update is dated after this day (YYYY-MM-DD)")
    parser.add_argument("--out", type=Path, required=True, help="directory to write")
    parser.add_argument("--writer", choices=("text", "pyyaml"), default="text")
    parser.add_argument("--force", action="store_true",
                        help="replace plans/ and content/ of an earlier corpus in --out")
    args = parser.parse_args(argv)

    if args.size == "S":
        if args.tasks or args.plans or args.provinces:
            parser.error("--size S copies the shipped data; it takes no counts")
        summary = copy_shipped(args.out, args.force)
    else:
        preset = PRESETS.get(args.size) if args.size else None
        tasks = args.tasks if args.tasks is not None else (preset.tasks if preset else None)
        plans = args.plans if args.plans is not None else (preset.plans if preset else None)
        provinces = args.provinces if args.provinces is not None else (
            preset.provinces if preset else 1)
        if tasks is None or plans is None:
            parser.error("give --size, or --tasks and --plans")
        try:
            summary = generate(args.out, Size(tasks, plans, provinces), args.seed, args.as_of,
                               args.writer, args.force)
        except ValueError as exc:
            parser.error(str(exc))
    print("\n".join(summary.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
