"""The site's settings: ``congkhai.yml`` as validated, with the environment's overrides.

Two settings may come from the environment, because CI knows them and a checkout does not:
``CONGKHAI_REPOSITORY_URL`` (the source repository, when the file does not name one) and
``CONGKHAI_DEMO`` (how demo data is shown: a build option, so that one checkout can build both a
real site and a demonstration site).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from generator.model.entities import Publisher, Settings
from generator.sources.problems import ProblemList
from generator.sources.validate import Loaded
from generator.sources.vocabulary import DEMO_MODES

DEMO_ENV = "CONGKHAI_DEMO"
REPOSITORY_ENV = "CONGKHAI_REPOSITORY_URL"


def build_settings(loaded: Loaded | None, problems: ProblemList,
                   environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from the validated file (None: no file), then the environment."""
    env = os.environ if environ is None else environ
    raw = loaded.value if loaded is not None else {}
    publisher = None
    if raw.get("publisher"):
        p = raw["publisher"]
        publisher = Publisher(p["name"], p["department"], p["address"], p["email"], p["phone"],
                              p["website"], p["note"])
    repository = raw.get("repository") or env.get(REPOSITORY_ENV, "").strip() or None
    if repository is not None and not repository.lower().startswith(("https://", "http://")):
        problems.add(REPOSITORY_ENV, 1, 1, "bad-repository-url",
                     f"Địa chỉ kho mã nguồn “{repository}” không phải địa chỉ http(s).",
                     "Đặt biến môi trường thành địa chỉ đầy đủ, ví dụ https://github.com/…")
        repository = None
    demo = raw.get("demo") or "rieng"
    override = env.get(DEMO_ENV, "").strip()
    if override:
        if override in DEMO_MODES:
            demo = override
        else:
            problems.add(DEMO_ENV, 1, 1, "bad-demo-mode",
                         f"Biến môi trường {DEMO_ENV}=“{override}” không hợp lệ.",
                         "Dùng một trong: " + ", ".join(DEMO_MODES) + ".")
    return Settings(publisher, repository, demo, raw.get("stale_after_days"))
