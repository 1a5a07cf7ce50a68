"""The national site as a distributed CI job: lint both CI definitions, then run their commands.

`.github/workflows/deploy-national.yml` (a matrix of one job per province, then an assembly job
that builds the national index from the shards' artifacts and deploys) and the `shard` /
`national` jobs of `.gitlab-ci.yml` (`parallel:matrix`) cannot run here. So they are read as
data, their structure is checked, and then their own shell steps are executed, job by job, on a
small corpus of two fictional provinces: each matrix job in a workspace of its own, artifacts
copied from the shard workspaces to the assembly workspace as the CI would, and the assembled
national site checked. A step this runner does not understand (an unknown action, an
expression it cannot evaluate) fails the test rather than being skipped, so the workflow and this
test cannot drift apart silently.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from bench import synthetic

REPO = Path(__file__).resolve().parent.parent
NATIONAL = REPO / ".github" / "workflows" / "deploy-national.yml"
DEPLOY = REPO / ".github" / "workflows" / "deploy.yml"
GITLAB = REPO / ".gitlab-ci.yml"
BIN = Path(sys.executable).parent
AS_OF = dt.date(2026, 11, 23)
BASE_URL = "https://example.org/congkhai/"
SETUP = "./scripts/setup"


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def congkhai_provinces(root: Path) -> list[str]:
    out = subprocess.run([str(BIN / "congkhai"), "provinces", "--root", str(root), "--format",
                          "json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


# --- structure ------------------------------------------------------------------------------------


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    return workflow.get("on", workflow.get(True))


def test_github_national_workflow_shape() -> None:
    wf = load(NATIONAL)
    assert triggers(wf).keys() == triggers(load(DEPLOY)).keys()  # runs when deploy.yml would
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    jobs = wf["jobs"]
    assert set(jobs) == {"provinces", "shard", "assemble", "deploy"}
    # Gated by one repository variable; deploy.yml is gated by its inverse, so exactly one of
    # the two workflows deploys.
    assert jobs["provinces"]["if"] == "vars.CONGKHAI_NATIONAL == 'true'"
    assert load(DEPLOY)["jobs"]["build"]["if"] == "vars.CONGKHAI_NATIONAL != 'true'"
    assert jobs["shard"]["needs"] == "provinces"
    assert set(jobs["assemble"]["needs"]) == {"provinces", "shard"}
    assert jobs["deploy"]["needs"] == "assemble"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    matrix = jobs["shard"]["strategy"]["matrix"]
    assert matrix == {"province": "${{ fromJSON(needs.provinces.outputs.provinces) }}"}
    assert jobs["shard"]["strategy"]["fail-fast"] is True
    # one status date for all shards, computed once
    assert jobs["shard"]["env"]["AS_OF"] == "${{ needs.provinces.outputs.as-of }}"
    for job in jobs.values():  # expressions go through env:, never into a script
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), step["run"]


def test_gitlab_matrix_lists_every_province() -> None:
    gitlab = load(GITLAB)
    shard = gitlab["shard"]
    [entry] = shard["parallel"]["matrix"]
    assert entry["PROVINCE"] == congkhai_provinces(REPO)
    assert shard["stage"] in gitlab["stages"]
    national = gitlab["national"]
    assert national["pages"] is True
    assert national["needs"] == [{"job": "shard", "artifacts": True}]
    assert gitlab["stages"].index(shard["stage"]) < gitlab["stages"].index(national["stage"])
    for job in (shard, national):
        assert [r["if"] for r in job["rules"]] == [
            '$CONGKHAI_NATIONAL == "true" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH']
    # the province site steps aside when the national one publishes
    first = gitlab["pages"]["rules"][0]
    assert first == {"if": '$CONGKHAI_NATIONAL == "true"', "when": "never"}
    assert shard["artifacts"]["paths"] == ["public/$PROVINCE"]
    assert national["artifacts"]["paths"] == ["public"]


def test_date_in_vietnam_of_a_pipeline() -> None:
    from generator.sources.clock import date_in_vietnam

    assert date_in_vietnam("2026-11-23T16:59:59Z") == dt.date(2026, 11, 23)
    assert date_in_vietnam("2026-11-23T17:00:00Z") == dt.date(2026, 11, 24)
    assert date_in_vietnam("2026-11-24T01:00:00+07:00") == dt.date(2026, 11, 24)
    with pytest.raises(ValueError):
        date_in_vietnam("2026-11-23T17:00:00")


# --- running the jobs ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two fictional provinces with the repository's site laid over them."""
    root = tmp_path_factory.mktemp("national-ci") / "corpus"
    synthetic.generate(root, synthetic.Size(tasks=160, plans=4, provinces=2), seed=5,
                       as_of=AS_OF)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme")
    for page in (REPO / "content").iterdir():
        if page.name != "registries":
            (shutil.copytree if page.is_dir() else shutil.copy)(page, root / "content" / page.name)
    return root


def workspace(corpus: Path, where: Path) -> Path:
    """A fresh checkout for one CI job: the corpus, with the project's venv and scripts."""
    shutil.copytree(corpus, where)
    (where / ".venv").symlink_to(BIN.parent)
    (where / "scripts").symlink_to(REPO / "scripts")
    return where


class Expressions:
    """The few GitHub expressions the workflow uses, evaluated from known contexts."""

    def __init__(self, contexts: dict[str, Any]) -> None:
        self.contexts = contexts

    def value(self, expr: str) -> Any:
        expr = expr.strip()
        call = re.fullmatch(r"fromJSON\((.+)\)", expr)
        if call:
            return json.loads(self.value(call.group(1)))
        compare = re.fullmatch(r"(\S+)\s*(==|!=)\s*'([^']*)'", expr)
        if compare:
            left = self.value(compare.group(1))
            return (left == compare.group(3)) == (compare.group(2) == "==")
        assert expr in self.contexts, f"expression the test runner does not know: {expr}"
        return self.contexts[expr]

    def text(self, value: str) -> Any:
        whole = re.fullmatch(r"\$\{\{(.+?)\}\}", value.strip())
        if whole:
            return self.value(whole.group(1))
        return re.sub(r"\$\{\{(.+?)\}\}", lambda m: str(self.value(m.group(1))), value)


def run_shell(script: str, cwd: Path, env: dict[str, str]) -> None:
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"$ {script}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"


def base_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONGKHAI_", "GITHUB_"))}
    env.update(PATH=f"{BIN}:{env.get('PATH', '')}", NO_MKDOCS_2_WARNING="1",
               CONGKHAI_CACHE="0", **extra)
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def _read_pairs(path: Path) -> dict[str, str]:
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line:
            key, value = line.split("=", 1)
            pairs[key] = value
    return pairs


def run_github_job(job: dict[str, Any], ws: Path, contexts: dict[str, Any],
                   artifacts: dict[str, Path]) -> dict[str, str]:
    """Run one job's steps in ``ws``; returns the job's outputs."""
    exprs = Expressions(dict(contexts))
    env = base_env()
    env.update({k: str(exprs.text(v)) for k, v in job.get("env", {}).items()})
    for n, step in enumerate(job["steps"]):
        uses = step.get("uses", "").split("@")[0]
        args = {k: exprs.text(str(v)) for k, v in step.get("with", {}).items()}
        outputs: dict[str, str] = {}
        if uses in ("actions/checkout", "actions/setup-python", "actions/deploy-pages"):
            pass  # the workspace is the checkout, the running interpreter the Python
        elif uses == "actions/configure-pages":
            outputs = {"base_url": BASE_URL.rstrip("/")}
        elif uses == "actions/upload-artifact":
            shutil.copytree(ws / args["path"], artifacts.setdefault(args["name"], ws.parent /
                            f"artifact-{args['name']}"), dirs_exist_ok=True)
        elif uses == "actions/download-artifact":
            assert args["merge-multiple"] == "True"
            matched = [n for n in artifacts if fnmatch.fnmatch(n, args["pattern"])]
            assert matched, f"no artifact matches {args['pattern']}"
            for name in matched:
                shutil.copytree(artifacts[name], ws / args["path"], dirs_exist_ok=True)
        elif uses == "actions/upload-pages-artifact":
            artifacts["github-pages"] = ws / args["path"]
        elif uses:
            raise AssertionError(f"action the test runner does not know: {uses}")
        elif step["run"].strip() != SETUP:  # the environment is already set up
            step_env = dict(env)
            step_env.update({k: str(exprs.text(v)) for k, v in step.get("env", {}).items()})
            files = {name: ws.parent / f"{ws.name}-{name}-{n}" for name in ("output", "env")}
            for path in files.values():
                path.write_text("", encoding="utf-8")
            step_env.update(GITHUB_OUTPUT=str(files["output"]), GITHUB_ENV=str(files["env"]))
            run_shell(step["run"], ws, step_env)
            outputs = _read_pairs(files["output"])
            env.update(_read_pairs(files["env"]))
        if "id" in step:
            for key, value in outputs.items():
                exprs.contexts[f"steps.{step['id']}.outputs.{key}"] = value
    return {k: str(exprs.text(v)) for k, v in job.get("outputs", {}).items()}


@pytest.mark.slow
def test_github_matrix_then_assembly_build_the_national_site(corpus: Path,
                                                            tmp_path: Path) -> None:
    wf = load(NATIONAL)
    jobs = wf["jobs"]
    variables = {"vars.CONGKHAI_NATIONAL": "true"}
    assert Expressions(variables).value(jobs["provinces"]["if"]) is True
    assert Expressions(variables).value(load(DEPLOY)["jobs"]["build"]["if"]) is False
    artifacts: dict[str, Path] = {}

    out = run_github_job(jobs["provinces"], workspace(corpus, tmp_path / "provinces"),
                         variables, artifacts)
    assert json.loads(out["provinces"]) == congkhai_provinces(corpus)
    dt.date.fromisoformat(out["as-of"])
    needs = {f"needs.provinces.outputs.{k}": v for k, v in out.items()}
    matrix = Expressions(needs).text(jobs["shard"]["strategy"]["matrix"]["province"])
    assert matrix == json.loads(out["provinces"]) and len(matrix) == 2
    for province in matrix:
        run_github_job(jobs["shard"], workspace(corpus, tmp_path / f"shard-{province}"),
                       {**needs, "matrix.province": province}, artifacts)
    assert sorted(artifacts) == [f"shard-{p}" for p in matrix]
    run_github_job(jobs["assemble"], workspace(corpus, tmp_path / "assemble"), needs, artifacts)
    check_national_site(artifacts["github-pages"], matrix, out["as-of"])


@pytest.mark.slow
def test_gitlab_matrix_then_national_job_build_the_national_site(corpus: Path,
                                                                tmp_path: Path) -> None:
    gitlab = load(GITLAB)
    provinces = congkhai_provinces(corpus)
    env = base_env(CI_PAGES_URL=BASE_URL.rstrip("/"),
                   CI_PIPELINE_CREATED_AT="2026-11-23T03:00:00Z", CONGKHAI_NATIONAL="true")
    artifacts = tmp_path / "artifacts"
    for province in provinces:  # the repository's matrix lists its provinces; these are ours
        ws = workspace(corpus, tmp_path / f"shard-{province}")
        job_env = {**env, "PROVINCE": province}
        run_shell(gitlab_script(gitlab["shard"]), ws, job_env)
        for pattern in gitlab["shard"]["artifacts"]["paths"]:
            rel = pattern.replace("$PROVINCE", province)
            shutil.copytree(ws / rel, artifacts / rel)
    ws = workspace(corpus, tmp_path / "national")
    shutil.copytree(artifacts, ws, dirs_exist_ok=True)  # `needs: shard` with artifacts
    run_shell(gitlab_script(gitlab["national"]), ws, env)
    [published] = gitlab["national"]["artifacts"]["paths"]
    check_national_site(ws / published, provinces, AS_OF.isoformat())


def gitlab_script(job: dict[str, Any]) -> str:
    """A job's script lines as GitLab runs them: one shell, so exports carry over."""
    return "\n".join(line for line in job["script"] if line.strip() != SETUP)


def check_national_site(site: Path, provinces: list[str], as_of: str) -> None:
    data = json.loads((site / "du-lieu" / "quoc-gia.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in data["provinces"]] == provinces
    assert data["as_of"] == [as_of]
    html = (site / "index.html").read_text(encoding="utf-8")
    for province in provinces:
        assert f'href="{province}/"' in html
        shard = site / province
        assert (shard / "index.html").is_file()
        export = json.loads((shard / "du-lieu" / "congkhai.json").read_text(encoding="utf-8"))
        assert [p["id"] for p in export["provinces"]] == [province]
        # each shard was built for its place in the national site
        sitemap = (shard / "sitemap.xml").read_text(encoding="utf-8")
        assert f"{BASE_URL}{province}/" in sitemap
