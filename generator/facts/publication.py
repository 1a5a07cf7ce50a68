"""What the site publishes where: real data in every site-wide view, demo data apart.

Demo data (fictional plans of a fictional province, ``demo: true``) shows how the site works; it
must never make real figures look fictional or be counted with them. The site's settings choose
(:data:`generator.sources.vocabulary.DEMO_MODES`):

* ``rieng`` (default): every site-wide view (home, lists, indexes, charts, feeds, downloads,
  search) is built from the real data only; demo plans and agencies keep their own pages, each
  marked as fictional, reached from a section of their own. A project with no real plan at all
  is a demonstration site (as below): there is nothing real to keep apart from.
* ``trinh-dien``: a demonstration site; demo data counts like real data and every page says the
  site is a demonstration.
* ``an``: demo data is left out entirely.

Real plans may refer only to real agencies and demo plans only to demo agencies (checked when
plans are loaded), so the split by plan and by agency is clean.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.facts.snapshot import Snapshot
from generator.model.entities import Project

SECTION = "rieng"
DEMO_SITE = "trinh-dien"
HIDE = "an"


@dataclass(frozen=True)
class Publication:
    """The snapshots a site is built from."""

    main: Snapshot  # every site-wide view
    demo: Snapshot | None = None  # the demo section, when there is one
    demo_site: bool = False  # the whole site is a demonstration

    @property
    def parts(self) -> tuple[Snapshot, ...]:
        """Every snapshot that has pages: the main one, then the demo section's."""
        return (self.main,) if self.demo is None else (self.main, self.demo)


def _part(project: Project, demo: bool) -> Project:
    return replace(
        project,
        provinces={k: v for k, v in project.provinces.items() if v.demo is demo},
        agencies={k: v for k, v in project.agencies.items() if v.demo is demo},
        plans=tuple(p for p in project.plans if p.demo is demo),
    )


def publication_of(snapshot: Snapshot, mode: str | None = None) -> Publication:
    """Split ``snapshot`` as the settings' demo mode (or ``mode``) says."""
    project = snapshot.project
    mode = mode or project.settings.demo
    demo_plans = any(p.demo for p in project.plans)
    if not demo_plans and not any(a.demo for a in project.agencies.values()):
        return Publication(snapshot)
    real_plans = any(not p.demo for p in project.plans)
    if demo_plans and (mode == DEMO_SITE or (mode == SECTION and not real_plans)):
        return Publication(snapshot, demo_site=True)
    main = snapshot.restricted(_part(project, demo=False))
    if mode == HIDE:
        return Publication(main)
    return Publication(main, snapshot.restricted(_part(project, demo=True)))
