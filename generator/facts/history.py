"""The change history of plan files, from git: when each change was made and what it changed.

Corrections to a published plan (a mistyped date, a wrong agency) are made by editing its file;
the history shows readers that the page changed, when, and what changed in the data, in
Vietnamese, computed by comparing each version of the file with the one before
(:mod:`generator.facts.revisions`). Commit messages are developers' notes, often in English:
they are read (masked) but never shown; the commit is only a reference. Author and committer
names and e-mail addresses are personal data and are never read: the ``git log`` format asks
only for the commit hash, the commit date and the subject, and merges are skipped.

The git calls are isolated in :func:`run_git` and :func:`read_blobs`; everything else is pure.
When git is missing, the directory is not a repository (a release tarball), the file has no
history or git fails for any other reason, the history is simply empty. A shallow clone (CI's
default ``fetch-depth: 1``) shows only the commits it has, and says so for the oldest.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from generator.facts.revisions import UNREADABLE, describe
from generator.model.entities import Plan, Project
from generator.sources.clock import VIETNAM

GIT_TIMEOUT = 30  # seconds

# Hash, committer date (strict ISO 8601) and subject; unit separator between fields, NUL (-z)
# between commits. Deliberately nothing about who wrote or committed the change.
LOG_FORMAT = "%H%x1f%cI%x1f%s"
_FIELD = "\x1f"
_EMAIL = re.compile(r"<?[\w.+-]+@[\w-]+(\.[\w-]+)+>?")
MASK = "[…]"

Runner = Callable[[Sequence[str], Path], "str | None"]
# Contents of ``<commit>:<path>`` specs, None for those git does not have.
BlobReader = Callable[[Sequence[str], Path], "Mapping[str, bytes | None]"]
EARLIEST_KEPT = ("Phiên bản sớm nhất còn trong bản sao lịch sử của kho; các thay đổi trước đó "
                 "không có ở đây.")


@dataclass(frozen=True)
class Change:
    """One commit that changed a file: its reference, its date, and what it changed."""

    commit: str
    date: dt.date
    subject: str  # the commit message's first line: read, never shown
    path: str = ""  # the file's path in that commit (renames are followed)
    details: tuple[str, ...] = ()

    @property
    def short(self) -> str:
        """The abbreviated hash, as git shows it."""
        return self.commit[:7]


def run_git(args: Sequence[str], cwd: Path) -> str | None:
    """Run ``git args`` in ``cwd``; its standard output, or None if git is missing or fails.

    Local only: no network, no pager, no prompts, and the user's configuration cannot change the
    output (``--format`` is explicit, colour and signatures are off).
    """
    env = {
        **os.environ,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_PAGER": "cat",
        "GIT_OPTIONAL_LOCKS": "0",
        "LC_ALL": "C.UTF-8",
    }
    try:
        done = subprocess.run(
            ["git", "-c", "log.showSignature=false", "-c", "core.quotePath=false", *args],
            cwd=cwd, env=env, capture_output=True, timeout=GIT_TIMEOUT, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", errors="replace")


def read_blobs(specs: Sequence[str], cwd: Path) -> dict[str, bytes | None]:
    """The contents of ``<commit>:<path>`` specs, in one ``git cat-file --batch`` call; a spec
    git does not have maps to None, and so does every spec when git fails."""
    if not specs:
        return {}
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(
            ["git", "cat-file", "--batch"], cwd=cwd, env=env, input="".join(
                f"{spec}\n" for spec in specs).encode("utf-8"),
            capture_output=True, timeout=GIT_TIMEOUT, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return dict.fromkeys(specs)
    if done.returncode != 0:
        return dict.fromkeys(specs)
    return parse_batch(specs, done.stdout)


def parse_batch(specs: Sequence[str], output: bytes) -> dict[str, bytes | None]:
    """Contents by spec from ``git cat-file --batch`` output for ``specs``, in order."""
    found: dict[str, bytes | None] = {}
    pos = 0
    for spec in specs:
        end = output.find(b"\n", pos)
        if end < 0:
            found[spec] = None
            continue
        header = output[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob" and header[2].isdigit():
            size = int(header[2])
            found[spec] = output[pos:pos + size]
            pos += size + 1
        else:  # "<spec> missing", or an object that is not a file
            found[spec] = None
            if len(header) == 3 and header[2].isdigit():
                pos += int(header[2]) + 1
    return found


def mask_emails(text: str) -> str:
    """``text`` with anything that looks like an e-mail address replaced by ``[…]``."""
    return _EMAIL.sub(MASK, text)


def parse_log(output: str) -> list[Change]:
    """Changes from ``git log -z --format=LOG_FORMAT [--name-only]`` output (newest first, as
    git lists); with ``--name-only``, each change gets the file's path in its commit."""
    changes: list[Change] = []
    for record in output.split("\0"):
        if record.startswith("\n") and _FIELD not in record and changes:
            if not changes[-1].path:  # the path that --name-only prints after a commit
                changes[-1] = replace(changes[-1], path=record.strip("\n"))
            continue
        record = record.strip("\n")
        if not record:
            continue
        parts = record.split(_FIELD)
        if len(parts) != 3:
            continue
        commit, when, subject = parts
        try:
            moment = dt.datetime.fromisoformat(when.strip())
        except ValueError:
            continue
        if moment.tzinfo is not None:
            moment = moment.astimezone(VIETNAM)
        changes.append(Change(commit.strip(), moment.date(), mask_emails(subject.strip())))
    return changes


def file_history(root: Path, path: str | Path, runner: Runner = run_git) -> list[Change]:
    """Every commit that changed ``path`` (relative to ``root``), following renames; newest first.

    Returns [] when the history is unavailable.
    """
    rel = Path(path)
    if rel.is_absolute():
        try:
            rel = rel.relative_to(root)
        except ValueError:
            return []
    output = runner(
        ["log", "--follow", "--no-merges", "--no-color", "-z", f"--format={LOG_FORMAT}",
         "--name-only", "--", rel.as_posix()],
        root,
    )
    return parse_log(output) if output else []


def _parsed(data: bytes | None) -> Mapping[str, Any] | str | None:
    """A version of a plan file as plain data: None when absent, UNREADABLE when not YAML."""
    if data is None:
        return None
    try:
        value = yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader",
                                                                 yaml.SafeLoader))
    except (yaml.YAMLError, UnicodeDecodeError):
        return UNREADABLE
    return value if isinstance(value, Mapping) else UNREADABLE


def describe_history(changes: Sequence[Change], versions: Mapping[str, bytes | None],
                     shallow: bool = False,
                     names: Mapping[str, str] | None = None) -> list[Change]:
    """``changes`` (newest first) with what each changed in the data, from ``versions``: the
    file at each ``<commit>:<path>``, and at ``<commit>^:<path>`` for the oldest (absent when
    the oldest change added the file, or when a ``shallow`` clone does not have its parent)."""
    out = []
    for i, change in enumerate(changes):
        new = _parsed(versions.get(f"{change.commit}:{change.path}"))
        if i + 1 < len(changes):
            older = changes[i + 1]
            old = _parsed(versions.get(f"{older.commit}:{older.path}"))
        else:
            old = _parsed(versions.get(f"{change.commit}^:{change.path}"))
            if old is None and shallow:
                out.append(replace(change, details=(EARLIEST_KEPT,)))
                continue
        if isinstance(new, str) or isinstance(old, str):
            details = [UNREADABLE] if isinstance(new, str) else describe(None, new, names)
        else:
            details = describe(old, new, names)
        out.append(replace(change, details=tuple(details)))
    return out


def _version_specs(changes: Sequence[Change]) -> list[str]:
    specs = [f"{c.commit}:{c.path}" for c in changes if c.path]
    if changes and changes[-1].path:
        specs.append(f"{changes[-1].commit}^:{changes[-1].path}")
    return specs


def is_shallow(root: Path, runner: Runner = run_git) -> bool:
    """Whether the repository at ``root`` is a shallow clone (its oldest commits lack parents)."""
    return (runner(["rev-parse", "--is-shallow-repository"], root) or "").strip() == "true"


def plan_histories(root: Path, plans: Iterable[Plan], runner: Runner = run_git,
                   blobs: BlobReader = read_blobs,
                   names: Mapping[str, str] | None = None) -> dict[str, list[Change]]:
    """The history of each plan's file, by plan id ([] where unavailable), each change with
    what it changed in the data (agencies and areas called by their ``names``); every version
    is read in one batch."""
    logs = {plan.id: file_history(root, plan.path, runner) for plan in plans}
    specs = [spec for changes in logs.values() for spec in _version_specs(changes)]
    if not specs:
        return logs
    versions = blobs(specs, root)
    shallow = is_shallow(root, runner)
    return {plan_id: describe_history(changes, versions, shallow, names)
            for plan_id, changes in logs.items()}


# What "the data" is when the site says when it last changed: plans, registries, source copies
# and the site's settings (who publishes it).
DATA_PATHS = ("plans", "content/registries", "content/nguon", "congkhai.yml")


def data_last_changed(root: Path, runner: Runner = run_git) -> dt.date | None:
    """The date (in Vietnam) of the last commit that changed the data, or None without git."""
    output = runner(["log", "-1", "--no-color", "--format=%cI", "--", *DATA_PATHS], root)
    try:
        moment = dt.datetime.fromisoformat((output or "").strip())
    except ValueError:
        return None
    return moment.astimezone(VIETNAM).date() if moment.tzinfo else moment.date()


def registry_names(project: Project) -> dict[str, str]:
    """Names of the project's agencies and areas by id, for :func:`plan_histories`."""
    return {**{a.id: a.name for a in project.areas.values()},
            **{a.id: a.name for a in project.agencies.values()}}


def head_commit(root: Path, runner: Runner = run_git) -> str | None:
    """The commit checked out at ``root`` (the ``source_commit`` of exports), or None."""
    output = runner(["rev-parse", "--verify", "--quiet", "HEAD"], root)
    commit = (output or "").strip()
    return commit if re.fullmatch(r"[0-9a-f]{40}([0-9a-f]{24})?", commit) else None


def history_view(changes: Sequence[Change],
                 repository: str | None = None) -> list[dict[str, object]]:
    """What a plan page shows of a history: date (dd/mm/yyyy and ISO), what changed in the
    data, and the commit as a reference (short hash, linked when the repository is known)."""
    base = repository.rstrip("/") + "/commit/" if repository else ""
    return [
        {"date": f"{c.date:%d/%m/%Y}", "iso": c.date.isoformat(), "details": list(c.details),
         "commit": c.short, "commit_url": base + c.commit if base else ""}
        for c in changes
    ]


__all__ = [
    "DATA_PATHS", "Change", "data_last_changed", "describe_history", "file_history",
    "head_commit", "history_view", "is_shallow", "mask_emails", "parse_batch", "parse_log",
    "plan_histories", "read_blobs", "run_git",
]
