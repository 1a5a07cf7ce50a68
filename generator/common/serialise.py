"""Byte-exact serialisation shared by every output: JSON, ZIP entries and their timestamps.

The same input always gives the same bytes: no clock, no set order, fixed ZIP metadata.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Sequence
from typing import Any

from generator.sources.clock import VIETNAM


def json_bytes(value: Any) -> bytes:
    """Compact JSON, UTF-8 as is, final newline.

    Compact on purpose: with ``indent`` the standard library falls back to its pure-Python
    encoder, several times slower on a large corpus, and the files are for programs.
    """
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def pretty_json_bytes(value: Any) -> bytes:
    """Indented JSON, for the small files people read (schema, data package)."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def midnight(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in Vietnam, the timestamp every generated file carries."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=VIETNAM)


def zip_info(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    """A ZIP entry with fixed metadata: deflated, Unix, mode 0644, the given timestamp."""
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    return info


def deterministic_zip(members: Sequence[tuple[str, bytes]], day: dt.date) -> bytes:
    """A ZIP of ``members`` in the given order, every entry dated ``day`` 00:00."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            # level 6: at province scale 9 took 1.5 s longer for a 1.8 % smaller archive
            archive.writestr(zip_info(name, stamp), data, compresslevel=6)
    return buffer.getvalue()
