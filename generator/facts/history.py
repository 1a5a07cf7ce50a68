"""The change history of plan files, from git: when each change was made and what it said.

Corrections to a published plan (a mistyped date, a wrong agency) are made by editing its file;
the history shows readers that the page changed, when, and why. Each change is the commit date
and the first line of the commit message. Author and committer names and e-mail addresses are
personal data and are never read: the ``git log`` format asks only for the commit hash, the
commit date and the subject, merges are skipped, and e-mail addresses in a subject are masked.

The git call is isolated in :func:`run_git`; everything else is pure. When git is missing, the
directory is not a repository (a release tarball), the file has no history or git fails for any
other reason, the history is simply empty. A shallow clone (CI's default ``fetch-depth: 1``)
shows only the commits it has.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.model.entities import Plan
from generator.sources.clock import VIETNAM

GIT_TIMEOUT = 30  # seconds

# Hash, committer date (strict ISO 8601) and subject; unit separator between fields, NUL (-z)
# between commits. Deliberately nothing about who wrote or committed the change.
LOG_FORMAT = "%H%x1f%cI%x1f%s"
_FIELD = "\x1f"
_EMAIL = re.compile(r"<?[\w.+-]+@[\w-]+(\.[\w-]+)+>?")
MASK = "[…]"

Runner = Callable[[Sequence[str], Path], "str | None"]


@dataclass(frozen=True)
class Change:
    """One commit that changed a file."""

    commit: str
    date: dt.date
    subject: str

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


def mask_emails(text: str) -> str:
    """``text`` with anything that looks like an e-mail address replaced by ``[…]``."""
    return _EMAIL.sub(MASK, text)


def parse_log(output: str) -> list[Change]:
    """Changes from ``git log -z --format=LOG_FORMAT`` output (newest first, as git lists)."""
    changes = []
    for record in output.split("\0"):
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
         "--", rel.as_posix()],
        root,
    )
    return parse_log(output) if output else []


def plan_histories(root: Path, plans: Iterable[Plan],
                   runner: Runner = run_git) -> dict[str, list[Change]]:
    """The history of each plan's file, by plan id ([] where unavailable)."""
    return {plan.id: file_history(root, plan.path, runner) for plan in plans}


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


def head_commit(root: Path, runner: Runner = run_git) -> str | None:
    """The commit checked out at ``root`` (the ``source_commit`` of exports), or None."""
    output = runner(["rev-parse", "--verify", "--quiet", "HEAD"], root)
    commit = (output or "").strip()
    return commit if re.fullmatch(r"[0-9a-f]{40}([0-9a-f]{24})?", commit) else None


def history_view(changes: Sequence[Change]) -> list[dict[str, str]]:
    """What a plan page shows of a history: date (dd/mm/yyyy and ISO), subject, short hash."""
    return [
        {"date": f"{c.date:%d/%m/%Y}", "iso": c.date.isoformat(), "subject": c.subject,
         "commit": c.short}
        for c in changes
    ]


__all__ = [
    "DATA_PATHS", "Change", "data_last_changed", "file_history", "head_commit", "history_view",
    "mask_emails", "parse_log", "plan_histories", "run_git",
]
