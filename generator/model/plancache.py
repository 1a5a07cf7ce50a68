"""A cache of what reading each plan file gave, that can never run code or break a build.

The loader used to pickle each outcome into ``.cache/congkhai/``; unpickling whatever is found
there runs code (a crafted entry) or raises (a corrupt one). Entries are now plain JSON, written
from the model's data classes and read back *by their type hints*: a value of the wrong shape or
type, an unknown or missing field, a different format version or anything unreadable is a miss,
the file is rebuilt and nothing is constructed but the model's own data classes, strings,
numbers, dates and tuples. JSON cannot carry code; an entry altered to hold other *data* can only
change what a file on this machine is said to contain, which whoever can write the cache can
already do by editing the file itself.

The cache stays small: entries live in one directory per key salt (code, registries and status
date), only the current salt's directory is kept, and after a full load the entries no file
asked for are removed, so the cache holds at most one entry per plan file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import json
import os
import shutil
import types
import typing
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

FORMAT = 1
SUFFIX = ".json"

T = TypeVar("T")


class CacheError(ValueError):
    """A cache entry that does not decode into the expected type."""


def encode(value: Any) -> Any:
    """A JSON-ready form of a value of the model (data classes, tuples, dates, enums)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def decode(hint: Any, data: Any) -> Any:
    """``data`` (parsed JSON) as a value of type ``hint``; :class:`CacheError` if it is not one."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if data is None and type(None) in options:
            return None
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return decode(option, data)
            except CacheError as exc:
                errors.append(str(exc))
        raise CacheError(" / ".join(errors))
    if origin is tuple:
        args = typing.get_args(hint)
        if not isinstance(data, list):
            raise CacheError(f"expected a list, got {type(data).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], item) for item in data)
        if len(args) != len(data):
            raise CacheError("wrong tuple length")
        return tuple(decode(a, item) for a, item in zip(args, data, strict=True))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(data, dict):
            raise CacheError(f"expected an object for {hint.__name__}")
        fields = [f for f in dataclasses.fields(hint) if f.init]
        if set(data) != {f.name for f in fields}:
            raise CacheError(f"fields of {hint.__name__} differ")
        hints = _hints(hint)
        return hint(**{f.name: decode(hints[f.name], data[f.name]) for f in fields})
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(data)
        except ValueError as exc:
            raise CacheError(str(exc)) from exc
    if hint is dt.date:
        if not isinstance(data, str):
            raise CacheError("expected a date")
        try:
            return dt.date.fromisoformat(data)
        except ValueError as exc:
            raise CacheError(str(exc)) from exc
    if hint is bool:
        if type(data) is not bool:
            raise CacheError("expected a boolean")
        return data
    if hint is int:
        if type(data) is not int:
            raise CacheError("expected an integer")
        return data
    if hint is float:
        # the model keeps a number written without a decimal point as an int
        if type(data) not in (int, float):
            raise CacheError("expected a number")
        return data
    if hint is str:
        if not isinstance(data, str):
            raise CacheError("expected a string")
        return data
    raise CacheError(f"unsupported type {hint!r}")


class Cache:
    """Entries by key, in ``directory/<salt>/``; every failure is a miss, never an error.

    ``salt`` names what every key depends on (code, registries, status date). Opening a cache
    removes the directories of other salts: a nightly build with a new date does not leave the
    previous day's entries behind.
    """

    def __init__(self, directory: Path | None, salt: str) -> None:
        self.root = directory
        self.directory = directory / salt if directory is not None else None
        self.used: set[str] = set()
        if directory is not None:
            self._drop_other_salts(salt)

    def _drop_other_salts(self, salt: str) -> None:
        try:
            entries = list(os.scandir(self.root))  # type: ignore[arg-type]
        except OSError:
            return
        for entry in entries:
            if entry.name == salt or entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                elif entry.name.endswith((".pickle", ".tmp", SUFFIX)):
                    os.unlink(entry.path)  # the old flat layout, pickles included
            except OSError:
                pass

    def get(self, key: str, cls: type[T]) -> T | None:
        """The entry for ``key`` as a ``cls``, or None (absent, unreadable or not a ``cls``)."""
        self.used.add(key)
        if self.directory is None:
            return None
        try:
            with open(self.directory / f"{key}{SUFFIX}", "rb") as handle:
                data = json.load(handle)
            if not isinstance(data, dict) or data.get("format") != FORMAT or (
                data.get("key") != key
            ):
                return None
            return decode(cls, data["value"])
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return None

    def put(self, key: str, value: object) -> None:
        """Store ``value`` (a data class of the model) under ``key``; failures are ignored (a
        read-only or full disk only costs the next run a re-read)."""
        self.used.add(key)
        if self.directory is None:
            return
        text = json.dumps({"format": FORMAT, "key": key, "value": encode(value)},
                          ensure_ascii=False, separators=(",", ":"))
        tmp = self.directory / f".{key}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(self.directory / f"{key}{SUFFIX}")
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()

    def prune(self, keep: Iterable[str] | None = None) -> None:
        """Remove the entries (and stray temporary files) not in ``keep`` (default: the keys
        asked for or stored since the cache was opened)."""
        if self.directory is None:
            return
        wanted = {f"{k}{SUFFIX}" for k in (self.used if keep is None else keep)}
        try:
            entries = list(os.scandir(self.directory))
        except OSError:
            return
        for entry in entries:
            if entry.name not in wanted:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)

