"""The small language the file formats are declared in: text, numbers, dates, choices,
references, lists and records, each with the Vietnamese description editors see.

:mod:`generator.sources.schema` declares the formats in it; the validator and the JSON Schema
writer walk the declarations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# Every value check accepts must build, so every kind of value is bounded here. Ids name files
# and addresses (a file name has at most 255 bytes, with suffixes such as "--trach-nhiem-2");
# dates lie between the first documents of the Vietnamese state and the end of the planning
# horizon (the same years as the year fields); numbers are finite, written with at most 15
# digits (what a double and a spreadsheet cell hold exactly) and within ±10^12.
MAX_ID_LENGTH = 80
# Ids that would take a generated address: "index" is every list directory's own page
# (ke-hoach/index.md), "du-lieu" the data directory beside the province sites of the national
# index.
RESERVED_IDS = ("index", "du-lieu")
FIRST_DAY = dt.date(1945, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
MAX_NUMBER = 10**12
MAX_DIGITS = 15
# Task, section and objective ids as documents number them: "II.3", "1.đ", "PL.11", "I.1.2".
LOCAL_ID_PATTERN = r"^[0-9A-Za-zÀ-ỹĐđ]+([.\-][0-9A-Za-zÀ-ỹĐđ]+)*$"


@dataclass(frozen=True)
class Spec:
    """Base of all value declarations."""

    description: str = ""
    nullable: bool = False


@dataclass(frozen=True)
class Text(Spec):
    """A string. ``markdown`` strings are rendered as Markdown with raw HTML disabled."""

    pattern: str | None = None
    pattern_hint: str = ""
    markdown: bool = False
    max_length: int = 20_000
    reserved: tuple[str, ...] = ()


@dataclass(frozen=True)
class Integer(Spec):
    """A whole number within bounds."""

    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Number(Spec):
    """A decimal number (targets, scores), finite, within bounds, with at most
    :data:`MAX_DIGITS` digits."""

    minimum: float = -MAX_NUMBER
    maximum: float = MAX_NUMBER


@dataclass(frozen=True)
class Boolean(Spec):
    """true or false."""


@dataclass(frozen=True)
class Day(Spec):
    """A calendar date written YYYY-MM-DD, between :data:`FIRST_DAY` and :data:`LAST_DAY`."""

    minimum: dt.date = FIRST_DAY
    maximum: dt.date = LAST_DAY


@dataclass(frozen=True)
class Url(Spec):
    """An http(s) address."""


@dataclass(frozen=True)
class Choice(Spec):
    """One of a fixed set of codes; ``labels`` gives each its Vietnamese meaning."""

    values: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reference(Spec):
    """The id of an entry of a registry (``agency``, ``area`` or ``framework``)."""

    target: str = "agency"


@dataclass(frozen=True)
class Items(Spec):
    """A list of values of one kind."""

    item: Spec = field(default_factory=Spec)


@dataclass(frozen=True)
class Field:
    """One key of a record."""

    name: str
    spec: Spec
    required: bool = False
    default: object = None


@dataclass(frozen=True)
class Record(Spec):
    """A mapping with known keys. ``noun`` names it in messages ("nhiệm vụ", "cập nhật")."""

    noun: str = ""
    fields: tuple[Field, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})

    def field_named(self, name: str) -> Field | None:
        """The field called ``name``, if any."""
        return self._by_name.get(name)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class AnyOf(Spec):
    """One of several shapes, told apart by the kind of YAML node (scalar, list or mapping)."""

    options: tuple[Spec, ...] = ()
