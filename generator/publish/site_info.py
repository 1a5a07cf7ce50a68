"""What every page says about the site itself: who publishes it and how current its data is.

The theme prints these (``theme/partials/copyright.html``, ``theme/main.html``) from
``config.extra.congkhai``, which the MkDocs plugin fills before the build; they reach every
page, hand-written ones and the 404 page included.

The date the data last changed is the date of the last commit that touched the data (not the
build: a nightly rebuild changes nothing the reader should count as an update); without git
history (a release archive) it is the latest modification time of the data files, which
``git archive`` sets to the commit's time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from generator.common import urls
from generator.facts.history import DATA_PATHS, Runner, data_last_changed, run_git
from generator.facts.publication import Publication
from generator.sources.clock import VIETNAM, vn_date


def files_last_changed(root: Path) -> dt.date | None:
    """The latest modification date (in Vietnam) of the data files under ``root``."""
    latest = 0.0
    for name in DATA_PATHS:
        top = root / name
        paths = [top] if top.is_file() else top.rglob("*") if top.is_dir() else []
        for path in paths:
            if path.is_file() and not path.is_symlink():
                latest = max(latest, path.stat().st_mtime)
    return dt.datetime.fromtimestamp(latest, VIETNAM).date() if latest else None


def site_context(pub: Publication, root: Path, runner: Runner = run_git) -> dict[str, Any]:
    """The values the theme shows on every page, JSON-ready."""
    snapshot = pub.main
    settings = snapshot.project.settings
    changed = data_last_changed(root, runner) or files_last_changed(root)
    publisher = settings.publisher
    return {
        "publisher": None if publisher is None else {
            "name": publisher.name, "department": publisher.department,
        },
        "contact": urls.url_of(urls.CONTACT),
        "repository": settings.repository,
        "as_of": vn_date(snapshot.as_of),
        "as_of_iso": snapshot.as_of.isoformat(),
        "data_changed": vn_date(changed),
        "data_changed_iso": changed.isoformat() if changed else "",
        "stale_after_days": settings.stale_after_days,
        "demo_site": pub.demo_site,
        "method": urls.url_of(urls.METHODOLOGY),
    }
