"""The package keeps the shape the README's "Architecture" section describes.

The import contracts in ``pyproject.toml`` ([tool.importlinter]) are checked with import-linter
itself: every import, deferred ones included, points down the layers, siblings of one layer never
import each other and no sub-package has an import cycle. Size limits keep modules and the
functions of the core readable; a module may exceed its limit only by saying why in its docstring.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"
LAYERS = ("sources", "model", "facts", "common", "site", "downloads", "authoring", "publish",
          "cli")
CORE = ("sources", "model", "facts")
MODULE_LINES = 600
FUNCTION_LINES = 80


LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the package found first from ``root``, with ``root``'s contracts."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"),
                           "--no-cache"], cwd=root, env=env, capture_output=True, text=True,
                          timeout=300, check=False)


def test_import_contracts_are_kept() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_the_layer_contract_names_every_sub_package() -> None:
    packages = sorted(p.name for p in PACKAGE.iterdir()
                      if p.is_dir() and (p / "__init__.py").exists())
    assert packages == sorted(LAYERS)
    flat = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert flat == [], f"modules outside the layers: {flat}"


def test_every_sub_package_says_what_it_holds_and_may_import() -> None:
    for layer in LAYERS:
        doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text()))
        assert doc and len(doc) > 80, f"generator/{layer}/__init__.py needs a docstring"
        if layer not in ("sources", "cli"):
            assert "import" in doc, f"generator/{layer}: say what it may import"


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_module_is_short_or_says_why(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    if lines > MODULE_LINES:
        doc = ast.get_docstring(ast.parse(text)) or ""
        assert "Long on purpose" in doc, (
            f"{path.relative_to(ROOT)} has {lines} lines: split it, or say in its docstring "
            "why it is one module (a paragraph starting “Long on purpose”)")


@pytest.mark.parametrize("layer", CORE)
def test_core_functions_are_short(layer: str) -> None:
    long = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = node.end_lineno - node.lineno + 1
                if size > FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({size})")
    assert long == [], f"functions over {FUNCTION_LINES} lines in the core: {long}"


def test_a_back_import_would_be_caught(tmp_path: Path) -> None:
    """The contract is not vacuous: a copy of the package with one deferred upward import, the
    kind of import the old flat package hid its cycle behind, breaks it."""
    shutil.copytree(PACKAGE, tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    status = tmp_path / "generator" / "facts" / "status.py"
    upward = "\n\ndef _upward() -> None:\n    from generator.site import pages  # noqa\n"
    status.write_text(status.read_text(encoding="utf-8") + upward, encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "generator.facts.status -> generator.site.pages" in result.stdout


def test_the_plan_cache_key_covers_every_module_a_plan_outcome_depends_on(
        tmp_path: Path) -> None:
    """Editing validation (sources) or model building must invalidate cached plan outcomes."""
    from generator.model import project

    copy = tmp_path / "generator"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = project._code_fingerprint(copy)
    assert before == project._code_fingerprint(PACKAGE)
    for changed in ("sources/validate.py", "sources/schema.py", "model/plans.py"):
        target = copy / changed
        original = target.read_bytes()
        target.write_bytes(original + b"\n# changed\n")
        assert project._code_fingerprint(copy) != before, changed
        target.write_bytes(original)
    (copy / "site" / "pages.py").write_bytes(b"# the site does not change a plan's outcome\n")
    assert project._code_fingerprint(copy) == before
