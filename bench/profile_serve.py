"""Profile one preview rebuild: build a corpus once as ``congkhai serve`` does, edit one task
title in one plan, build again under cProfile, restore the plan, print the top functions.

Run ``python -m bench.profile_serve CORPUS [--plan N] [--top 40]`` on a copy of a corpus (it
writes the corpus's ``build/`` and a temporary site). Prints measured seconds, not verdicts.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import shutil
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--plan", type=int, default=0,
                        help="which plan file to edit (sorted; the benchmark edits the first)")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--as-of", default="2026-11-23")
    args = parser.parse_args()
    os.environ["CONGKHAI_AS_OF"] = args.as_of
    os.chdir(args.corpus)
    site = tempfile.mkdtemp(prefix="congkhai-serve-")

    def config():  # what mkdocs serve does before every rebuild
        loaded = load_config("mkdocs.yml", site_dir=site)
        loaded.site_url = SERVE_URL
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    began = time.perf_counter()
    build(first, serve_url=SERVE_URL, dirty=True)
    print(f"first build {time.perf_counter() - began:.1f} s wall")

    plan = sorted(Path("plans").rglob("*.yaml"))[args.plan]
    text = plan.read_text(encoding="utf-8")
    head, tasks = text.split("tasks:", 1)
    title = re.search(r"title: .*\n", tasks)
    if title is None:
        raise SystemExit(f"{plan}: no task title to edit")
    edited = head + "tasks:" + tasks.replace(title.group(0), "title: Tiêu đề đã sửa để thử\n", 1)
    plan.write_text(edited, encoding="utf-8")
    try:
        # CPU time, not wall: on a shared machine the wall clock measures the neighbours.
        began = time.process_time()
        build(config(), serve_url=SERVE_URL, dirty=True)
        print(f"rebuild after editing {plan}: {time.process_time() - began:.2f} s CPU")
        plan.write_text(edited.replace("Tiêu đề đã sửa để thử", "Tiêu đề sửa lần hai"),
                        encoding="utf-8")
        profile = cProfile.Profile(time.process_time)
        began = time.process_time()
        profile.enable()
        build(config(), serve_url=SERVE_URL, dirty=True)
        profile.disable()
        print(f"second edit, profiled: {time.process_time() - began:.2f} s CPU")
    finally:
        plan.write_text(text, encoding="utf-8")
        shutil.rmtree(site, ignore_errors=True)
    pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
