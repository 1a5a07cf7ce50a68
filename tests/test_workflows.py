"""Lint the CI files, which cannot run here: GitHub workflows, .gitlab-ci.yml, pre-commit.

They are parsed, their triggers, permissions and steps are checked against what the project
needs, every action is pinned to a version, every ``congkhai`` command and option they call
exists in ``congkhai --help``, and (offline, with check-jsonschema's vendored schemas) the files
are validated against the GitHub workflow and GitLab CI JSON Schemas.
"""

from __future__ import annotations

import functools
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
PR = WORKFLOWS / "pr.yml"
DEPLOY = WORKFLOWS / "deploy.yml"
NATIONAL = WORKFLOWS / "deploy-national.yml"  # its own tests: tests/test_ci_national.py
GITLAB = REPO / ".gitlab-ci.yml"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"
BIN = Path(sys.executable).parent
CONGKHAI = BIN / "congkhai"


def load(path: Path) -> dict[str, Any]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(doc, dict), f"{path.name}: not a mapping"
    return doc


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """The ``on:`` block. YAML 1.1 (PyYAML) reads the bare key ``on`` as the boolean True."""
    on = workflow.get("on", workflow.get(True))
    assert on is not None, "workflow has no `on:`"
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job.get("steps", [])


def all_steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in steps(job)]


def runs(workflow: dict[str, Any]) -> list[str]:
    return [step["run"] for step in all_steps(workflow) if "run" in step]


def find(job_steps: list[dict[str, Any]], pattern: str) -> int:
    """Index of the first step whose ``run`` matches ``pattern`` (a regex); -1 if none."""
    for i, step in enumerate(job_steps):
        if re.search(pattern, step.get("run", "")):
            return i
    return -1


def find_uses(job_steps: list[dict[str, Any]], action: str) -> int:
    for i, step in enumerate(job_steps):
        if step.get("uses", "").split("@")[0] == action:
            return i
    return -1


def option_value(command: str, option: str) -> str | None:
    words = shlex.split(command, comments=True)
    for i, word in enumerate(words):
        if word == option and i + 1 < len(words):
            return words[i + 1]
        if word.startswith(option + "="):
            return word.split("=", 1)[1]
    return None


@pytest.fixture(scope="module")
def pr() -> dict[str, Any]:
    return load(PR)


@pytest.fixture(scope="module")
def deploy() -> dict[str, Any]:
    return load(DEPLOY)


@pytest.fixture(scope="module")
def national() -> dict[str, Any]:
    return load(NATIONAL)


@pytest.fixture(scope="module")
def gitlab() -> dict[str, Any]:
    return load(GITLAB)


# --- parsing --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [PR, DEPLOY, NATIONAL, GITLAB, PRE_COMMIT],
                         ids=lambda p: p.name)
def test_parses_as_yaml(path: Path) -> None:
    load(path)


def test_on_key_survives_yaml_1_1() -> None:
    assert triggers(yaml.safe_load("on:\n  push:\n")) == {"push": None}
    assert triggers(yaml.safe_load("on: [push, pull_request]")) == {
        "push": None, "pull_request": None,
    }
    assert triggers({"on": "push"}) == {"push": None}


# --- triggers, permissions, concurrency -----------------------------------------------------------


def test_pr_triggers_and_least_privilege(pr: dict[str, Any]) -> None:
    assert "pull_request" in triggers(pr)
    assert "pull_request_target" not in triggers(pr)  # would run PR code with a write token
    assert pr["permissions"] == {"contents": "read"}
    for name, job in pr["jobs"].items():
        extra = job.get("permissions", {})
        assert all(v in ("read", "none") for v in extra.values()), f"job {name} asks for {extra}"


def test_deploy_triggers(deploy: dict[str, Any]) -> None:
    on = triggers(deploy)
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    crons = [entry["cron"] for entry in on["schedule"]]
    assert crons, "no nightly schedule"
    for cron in crons:
        assert_valid_cron(cron)


def assert_valid_cron(cron: str) -> None:
    fields = cron.split()
    assert len(fields) == 5, f"cron {cron!r}: GitHub wants five fields"
    limits = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 6)]
    for text, (low, high) in zip(fields, limits, strict=True):
        for part in text.split(","):
            base = part.split("/")[0]
            if base == "*":
                continue
            for number in base.split("-"):
                assert number.isdigit() and low <= int(number) <= high, f"cron {cron!r}: {text}"


def test_valid_cron_helper() -> None:
    assert_valid_cron("17 0 * * *")
    assert_valid_cron("*/15 1-5 * * 1,3")
    for bad in ("17 0 * *", "60 0 * * *", "0 24 * * *"):
        with pytest.raises(AssertionError):
            assert_valid_cron(bad)


def test_deploy_permissions_and_concurrency(deploy: dict[str, Any]) -> None:
    permissions = deploy["permissions"]
    assert permissions["pages"] == "write"
    assert permissions["id-token"] == "write"
    assert permissions["contents"] == "read"
    assert set(permissions) == {"pages", "id-token", "contents"}
    assert deploy["concurrency"]["group"] == "pages"
    assert deploy["concurrency"]["cancel-in-progress"] is False


# --- steps ----------------------------------------------------------------------------------------


def single_job(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    (job,) = workflow["jobs"].values()
    return steps(job)


def test_checkout_has_full_history(pr: dict[str, Any], deploy: dict[str, Any],
                                   national: dict[str, Any]) -> None:
    for workflow in (pr, deploy, national):
        checkouts = [s for s in all_steps(workflow) if s.get("uses", "").startswith(
            "actions/checkout@")]
        assert checkouts
        for step in checkouts:
            assert step.get("with", {}).get("fetch-depth") == 0


def test_python_3_11_with_pip_cache(pr: dict[str, Any], deploy: dict[str, Any],
                                    national: dict[str, Any]) -> None:
    for workflow in (pr, deploy, national):
        setups = [s for s in all_steps(workflow) if s.get("uses", "").startswith(
            "actions/setup-python@")]
        assert setups
        for setup in setups:
            assert str(setup["with"]["python-version"]) == "3.11"
            assert setup["with"]["cache"] == "pip"
            dependency_file = setup["with"].get("cache-dependency-path", "pyproject.toml")
            assert (REPO / dependency_file).is_file()
            assert find(steps_of_job_with(workflow, setup), r"\./scripts/setup\b") != -1


def steps_of_job_with(workflow: dict[str, Any], step: dict[str, Any]) -> list[dict[str, Any]]:
    for job in workflow["jobs"].values():
        if any(s is step for s in steps(job)):
            return steps(job)
    raise AssertionError("step not in any job")


def test_pr_steps(pr: dict[str, Any]) -> None:
    job = single_job(pr)
    setup = find(job, r"\./scripts/setup --with-browser")
    chromium = find(job, r"apt-get install .*\bchromium\b")
    check = find(job, r"congkhai check\b")
    build = find(job, r"congkhai build\b")
    links = find(job, r"scripts/check_links\.py\b")
    tests = find(job, r"-m pytest\b")
    upload = find_uses(job, "actions/upload-artifact")
    assert -1 not in (setup, chromium, check, build, links, tests, upload)
    assert chromium < setup < check < build < links
    assert build < upload and setup < tests

    build_run = job[build]["run"]
    assert "--strict" in build_run.split()
    site = option_value(build_run, "--site-dir")
    assert site == "site"
    assert shlex.split(job[links]["run"])[2] == site  # python scripts/check_links.py SITE
    assert job[upload]["with"]["path"].rstrip("/") == site
    # Annotations on the diff: GitHub format (also automatic under GITHUB_ACTIONS=true).
    assert option_value(job[check]["run"], "--format") in (None, "github")
    # Check and build use the same date: both as of today (default) or the same $AS_OF.
    assert option_value(job[check]["run"], "--as-of") == option_value(build_run, "--as-of")


def test_pr_later_steps_still_run_after_a_data_error(pr: dict[str, Any]) -> None:
    """A failing `congkhai check` should not hide test results: tests run anyway."""
    job = single_job(pr)
    tests = job[find(job, r"-m pytest\b")]
    assert "!cancelled()" in tests.get("if", "") or "always()" in tests.get("if", "")


def test_deploy_steps(deploy: dict[str, Any]) -> None:
    jobs = deploy["jobs"]
    (build_name,) = [n for n, j in jobs.items() if find_uses(steps(j), "actions/configure-pages")
                     != -1]
    build = steps(jobs[build_name])
    configure = find_uses(build, "actions/configure-pages")
    run_build = find(build, r"congkhai build\b")
    links = find(build, r"scripts/check_links\.py\b")
    upload = find_uses(build, "actions/upload-pages-artifact")
    assert -1 not in (configure, run_build, links, upload)
    assert configure < run_build < links < upload
    build_run = build[run_build]["run"]
    assert "--strict" in build_run.split()
    site = option_value(build_run, "--site-dir")
    assert site is not None
    assert build[upload]["with"]["path"].rstrip("/") == site
    assert shlex.split(build[links]["run"])[2] == site

    (deploy_name,) = [n for n, j in jobs.items() if find_uses(steps(j), "actions/deploy-pages")
                      != -1]
    deploy_job = jobs[deploy_name]
    needs = deploy_job["needs"]
    assert build_name in ([needs] if isinstance(needs, str) else needs)
    environment = deploy_job["environment"]
    name = environment["name"] if isinstance(environment, dict) else environment
    assert name == "github-pages"


def test_step_references_exist(pr: dict[str, Any], deploy: dict[str, Any],
                               national: dict[str, Any]) -> None:
    """``steps.<id>`` in expressions names a step of the same job; ``needs`` names a job."""
    for workflow in (pr, deploy, national):
        for name, job in workflow["jobs"].items():
            ids = {s["id"] for s in steps(job) if "id" in s}
            text = yaml.safe_dump(job, allow_unicode=True)
            for ref in re.findall(r"\bsteps\.([A-Za-z_][\w-]*)\.", text):
                assert ref in ids, f"job {name}: steps.{ref} is not a step id"
            needs = job.get("needs", [])
            for need in [needs] if isinstance(needs, str) else needs:
                assert need in workflow["jobs"], f"job {name} needs unknown job {need}"


def test_every_action_pinned(pr: dict[str, Any], deploy: dict[str, Any],
                             national: dict[str, Any]) -> None:
    pinned = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$")
    for workflow in (pr, deploy, national):
        for step in all_steps(workflow):
            if "uses" in step:
                assert pinned.match(step["uses"]), f"not pinned to a version: {step['uses']}"


def test_scripts_called_exist(pr: dict[str, Any], deploy: dict[str, Any],
                              national: dict[str, Any], gitlab: dict[str, Any]) -> None:
    commands = runs(pr) + runs(deploy) + runs(national) + gitlab_scripts(gitlab)
    for command in commands:
        for script in re.findall(r"(?:\./)?\bscripts/[\w.-]+", command):
            assert (REPO / script.removeprefix("./")).is_file(), f"{script} does not exist"


# --- congkhai commands in CI ----------------------------------------------------------------------


@functools.cache
def congkhai_help(*command: str) -> str:
    if not CONGKHAI.exists():
        pytest.skip(f"congkhai console script not found next to {sys.executable}")
    result = subprocess.run(
        [str(CONGKHAI), *command, "--help"], capture_output=True, text=True, check=False,
        env={"PATH": str(BIN), "COLUMNS": "200", "LC_ALL": "C.UTF-8"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def congkhai_commands() -> set[str]:
    text = congkhai_help()
    section = text.split("Commands:", 1)[1]
    return {m.group(1) for m in re.finditer(r"^\s{2}([a-z][\w-]*)\s", section, re.MULTILINE)}


def congkhai_calls(command: str) -> list[list[str]]:
    """The argument lists of every ``congkhai`` call in a shell command (path prefixes allowed)."""
    calls = []
    for line in command.splitlines():
        for piece in re.split(r"&&|\|\||;|\|", line):
            try:
                words = shlex.split(piece, comments=True)
            except ValueError:
                continue
            while words and (re.match(r"^\w+=", words[0]) or words[0] in ("exec", "time")):
                words = words[1:]  # VAR=value prefixes and wrappers before the command
            if words and Path(words[0]).name == "congkhai":
                calls.append(words[1:])
    return calls


def gitlab_scripts(gitlab: dict[str, Any]) -> list[str]:
    out = []
    for job in gitlab.values():
        if isinstance(job, dict):
            for key in ("before_script", "script", "after_script"):
                value = job.get(key, [])
                out.extend([value] if isinstance(value, str) else value)
    return out


def pre_commit_entries() -> list[str]:
    config = load(PRE_COMMIT)
    return [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]


def test_congkhai_help_lists_the_commands() -> None:
    assert {"check", "build", "export", "serve"} <= congkhai_commands()


def test_congkhai_calls_exist(pr: dict[str, Any], deploy: dict[str, Any],
                              national: dict[str, Any], gitlab: dict[str, Any]) -> None:
    commands = (runs(pr) + runs(deploy) + runs(national) + gitlab_scripts(gitlab)
                + pre_commit_entries())
    calls = [call for command in commands for call in congkhai_calls(command)]
    assert len(calls) >= 7
    known = congkhai_commands()
    for call in calls:
        assert call, "congkhai called without a command"
        assert call[0] in known, f"`congkhai {call[0]}` is not in `congkhai --help`"
        options = set(re.findall(r"--[a-z][\w-]*", congkhai_help(call[0])))
        for word in call[1:]:
            if word.startswith("--"):
                name = word.split("=", 1)[0]
                assert name in options, f"`congkhai {call[0]}` has no option {name}"


def test_congkhai_calls_parser() -> None:
    assert congkhai_calls('.venv/bin/congkhai check --as-of "$X" && echo congkhai') == [
        ["check", "--as-of", "$X"]
    ]
    assert congkhai_calls("congkhai build --strict # congkhai nope") == [["build", "--strict"]]
    assert congkhai_calls("X=1 exec congkhai serve\necho $(congkhai)") == [["serve"]]


# --- GitLab ---------------------------------------------------------------------------------------


def resolved(gitlab: dict[str, Any], name: str) -> dict[str, Any]:
    """A job with its ``extends`` templates merged in (one level of keys, as GitLab does)."""
    job = gitlab[name]
    merged: dict[str, Any] = {}
    parents = job.get("extends", [])
    for parent in [parents] if isinstance(parents, str) else parents:
        merged.update(resolved(gitlab, parent))
    merged.update(job)
    return merged


def test_gitlab_pages_job(gitlab: dict[str, Any]) -> None:
    pages = resolved(gitlab, "pages")
    assert pages["artifacts"]["paths"] == ["public"]
    assert str(pages["image"]).startswith("python:3.11")
    conditions = [rule["if"] for rule in pages["rules"] if "if" in rule]
    assert any(
        re.search(r"\$CI_COMMIT_BRANCH\s*==\s*\$CI_DEFAULT_BRANCH", c)
        and "CI_PIPELINE_SOURCE" not in c
        for c in conditions
    ), conditions
    assert any(re.search(r'\$CI_PIPELINE_SOURCE\s*==\s*"schedule"', c) for c in conditions)
    script = "\n".join(pages["script"])
    build = [c for c in pages["script"] if congkhai_calls(c) and congkhai_calls(c)[0][0] == "build"]
    assert len(build) == 1
    assert option_value(build[0], "--site-dir") == "public"
    assert "--strict" in build[0].split()
    assert re.search(r"scripts/check_links\.py public\b", script)


def test_gitlab_check_job(gitlab: dict[str, Any]) -> None:
    check = resolved(gitlab, "check")
    assert str(check["image"]).startswith("python:3.11")
    assert any('"merge_request_event"' in rule.get("if", "") for rule in check["rules"])
    assert check["stage"] in gitlab["stages"]
    script = "\n".join(check["script"])
    assert re.search(r"apt-get install .*\bchromium\b", script)
    for pattern in (r"congkhai check\b", r"congkhai build --strict\b", r"-m pytest\b",
                    r"scripts/check_links\.py site\b"):
        assert re.search(pattern, script), pattern
    assert order(check["script"], "congkhai check") < order(check["script"], "congkhai build")


def order(script: list[str], text: str) -> int:
    return next(i for i, line in enumerate(script) if text in line)


def test_gitlab_workflow_lets_the_jobs_run(gitlab: dict[str, Any]) -> None:
    rules = " ".join(rule.get("if", "") for rule in gitlab["workflow"]["rules"])
    assert "merge_request_event" in rules and "CI_DEFAULT_BRANCH" in rules
    assert '"schedule"' in rules
    assert resolved(gitlab, "pages")["stage"] in gitlab["stages"]


# --- pre-commit -----------------------------------------------------------------------------------


def test_pre_commit_runs_congkhai_check() -> None:
    config = load(PRE_COMMIT)
    hooks = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    (hook,) = [h for h in hooks if "congkhai" in h["entry"]]
    assert hook["entry"] == ".venv/bin/congkhai check"
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("plans/minh-hoa/kh-01.yaml", "plans/a/b.yml", "content/registries/co-quan.yaml"):
        assert files.search(path), path
    for path in ("content/index.md", "generator/cli.py", "mkdocs.yml", "plans/README.md",
                 "tests/invalid/_project/plans/x.yaml"):
        assert not files.search(path), path
    shipped = [p.relative_to(REPO).as_posix() for p in (REPO / "plans").rglob("*.yaml")]
    assert shipped and all(files.search(p) for p in shipped)


# --- JSON Schemas (offline, vendored by check-jsonschema) -----------------------------------------


@pytest.mark.parametrize(
    ("schema", "paths"),
    [("vendor.github-workflows", [PR, DEPLOY, NATIONAL]), ("vendor.gitlab-ci", [GITLAB])],
    ids=["github-workflows", "gitlab-ci"],
)
def test_json_schema(schema: str, paths: list[Path]) -> None:
    tool = BIN / "check-jsonschema"
    if not tool.exists():
        pytest.skip("check-jsonschema is not installed")
    result = subprocess.run(
        [str(tool), "--builtin-schema", schema, *map(str, paths)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
