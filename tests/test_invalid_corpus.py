"""The invalid-input corpus: every case is checked by the real ``congkhai check`` command.

Committed cases live in ``tests/invalid/cases/`` (format in ``tests/invalid/README.md``); cases that
are impractical to commit (50 MB, NUL bytes, other encodings, BOM/CRLF variants, …) are generated
here from the baseline case. Each case is written into a copy of ``tests/invalid/_project`` and
checked in a subprocess, so the test sees exactly what an editor or CI sees: the exit code, the
JSON problems on stdout and anything (a traceback) on stderr.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shlex
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "invalid"
PROJECT = HERE / "_project"
CASES_DIR = HERE / "cases"
CLI = Path(sys.executable).parent / "congkhai"
AS_OF = "2026-11-23"
SEPARATOR = b"# --- second file ---\n"
BASELINE = CASES_DIR / "00-valid-baseline.yaml"
PLAN_PATH = "plans/thu-nghiem-ubnd/thu-nghiem-kh-01-2025.yaml"


@dataclass(frozen=True)
class Expect:
    """One problem that must be reported: file, code, 1-based line, text in message or hint."""

    file: str
    code: str
    line: int
    substring: str = ""
    column: int | None = None


@dataclass
class Case:
    """Files to write into the project and what ``check`` must say about them."""

    name: str
    files: dict[str, bytes]
    expects: list[Expect] = field(default_factory=list)
    valid: bool = False
    xfail: str | None = None
    # False: problems beyond the expected ones are tolerated (speed/robustness-only cases).
    exhaustive: bool = True
    # run under CPU-time and memory limits: bad input must be refused without doing its work
    bounded: bool = False
    # Exit code when problems are expected: 1, or 0 when they are all warnings.
    exit_code: int = 1
    # Makes what a file's bytes cannot express (links, FIFOs) in the project copy.
    setup: Callable[[Path], None] | None = None


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str

    def problems(self) -> list[dict]:
        return json.loads(self.stdout) if self.stdout.strip() else []


# --- committed cases --------------------------------------------------------------------------


def parse_case(path: Path) -> Case:
    """Read a case file: header comments (path, expect, xfail), then the file(s) to write."""
    data = path.read_bytes()
    first, sep, second = data.partition(SEPARATOR)
    meta: dict[str, list[str]] = {}
    for raw in first.decode("utf-8").splitlines():
        if not raw.startswith("#"):
            break
        match = re.match(r"^# (path2?|expect2?|xfail|exit): ?(.*)$", raw)
        if match:
            meta.setdefault(match[1], []).append(match[2].strip())
    if "path" not in meta:
        raise ValueError(f"{path.name}: no '# path:' line")
    files = {meta["path"][0]: first}
    if sep:
        if "path2" not in meta:
            raise ValueError(f"{path.name}: second file without '# path2:'")
        files[meta["path2"][0]] = second
    case = Case(name=path.stem, files=files, xfail=(meta.get("xfail") or [None])[0],
                exit_code=int((meta.get("exit") or ["1"])[0]))
    for key, target in (("expect", "path"), ("expect2", "path2")):
        for spec in meta.get(key, []):
            if spec == "valid":
                case.valid = True
                continue
            parts = shlex.split(spec)
            if len(parts) not in (2, 3):
                raise ValueError(f"{path.name}: bad expect line {spec!r}")
            code, line = parts[0], int(parts[1])
            substring = parts[2] if len(parts) == 3 else ""
            case.expects.append(Expect(meta[target][0], code, line, substring))
    if case.valid == bool(case.expects):
        raise ValueError(f"{path.name}: declare either '# expect: valid' or problems")
    return case


def committed_cases() -> list[Case]:
    return [parse_case(p) for p in sorted(CASES_DIR.glob("*.yaml"))]


# --- running ----------------------------------------------------------------------------------


def make_project(tmp: Path, files: dict[str, bytes]) -> Path:
    root = tmp / "project"
    shutil.copytree(PROJECT, root)
    (root / "plans").mkdir(exist_ok=True)
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return root


# Limits for bounded cases: far above what a refused file costs (well under 1 CPU second and
# 100 MB), far below what reading a 50 MB file, expanding an alias bomb or recursing 200,000
# levels would. CPU time, unlike wall time, does not grow when the machine is busy.
CPU_SECONDS = 30
MEMORY_BYTES = 1 << 30


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_DATA, (MEMORY_BYTES, MEMORY_BYTES))


def run_check(root: Path, fmt: str = "json", *extra: str, bounded: bool = False) -> Outcome:
    cmd = [str(CLI), "check", "--root", str(root), "--as-of", AS_OF, "--format", fmt, *extra]
    proc = subprocess.run(cmd, capture_output=True, timeout=600,
                          preexec_fn=_limits if bounded else None)
    return Outcome(
        proc.returncode,
        proc.stdout.decode("utf-8", errors="replace"),
        proc.stderr.decode("utf-8", errors="replace"),
    )


def describe(problems: list[dict]) -> str:
    return "\n".join(
        f"  {p['file']}:{p['line']}:{p['column']} {p['code']}: {p['message']} | {p['hint']}"
        for p in problems
    ) or "  (none)"


def verify(case: Case, outcome: Outcome) -> None:
    assert "Traceback" not in outcome.stderr, outcome.stderr[-3000:]
    expected_rc = 0 if case.valid else case.exit_code
    assert outcome.returncode == expected_rc, (
        f"exit {outcome.returncode}, expected {expected_rc}\nstdout: {outcome.stdout[:2000]}\n"
        f"stderr: {outcome.stderr[-2000:]}"
    )
    problems = outcome.problems()
    if case.valid:
        assert problems == [], "expected valid, got:\n" + describe(problems)
    for exp in case.expects:
        found = [
            p for p in problems
            if p["file"] == exp.file and p["code"] == exp.code and p["line"] == exp.line
            and exp.column in (None, p["column"])
        ]
        assert found, f"missing {exp}; reported:\n{describe(problems)}"
        assert any(exp.substring in p["message"] + "\n" + p["hint"] for p in found), (
            f"{exp}: substring {exp.substring!r} not in message/hint of:\n{describe(found)}"
        )
    if case.exhaustive:
        wanted = {(e.file, e.code, e.line) for e in case.expects}
        extra = [p for p in problems if (p["file"], p["code"], p["line"]) not in wanted]
        assert not extra, "unexpected problems:\n" + describe(extra)


def as_param(case: Case):
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [as_param(c) for c in committed_cases()])
def test_committed_case(case: Case, tmp_path: Path) -> None:
    verify(case, run_check(make_project(tmp_path, case.files)))


def test_corpus_is_big_enough() -> None:
    cases = committed_cases()
    assert len(cases) >= 35
    assert len({c.name.split("-")[0] for c in cases}) == len(cases), "case numbers must be unique"


# --- generated cases --------------------------------------------------------------------------

GENERATED: list = []


def generated(xfail: str | None = None):
    """Register a case factory; factories run inside the test (one of them builds 50 MB)."""

    def register(fn: Callable[[], Case]) -> Callable[[], Case]:
        marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
        GENERATED.append(pytest.param(fn, id=fn.__name__.replace("_", "-"), marks=marks))
        return fn

    return register


def baseline() -> bytes:
    return BASELINE.read_bytes()


def line_of(text: str, needle: str) -> int:
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


@generated()
def file_too_large_50mb() -> Case:
    # 50 MB of YAML comments: refused from the file size alone, without reading or parsing.
    line = b"# " + b"x" * 97 + b"\n"
    data = baseline() + line * (50 * 1024 * 1024 // len(line))
    return Case("gen-file-too-large-50mb", {PLAN_PATH: data},
                [Expect(PLAN_PATH, "file-too-large", 1, "giới hạn 5 MB")], bounded=True)


@generated()
def file_just_over_limit() -> Case:
    base = baseline()
    data = base + b"#" * (5 * 1024 * 1024 + 1 - len(base))
    return Case("gen-file-5mib-plus-one-byte", {PLAN_PATH: data},
                [Expect(PLAN_PATH, "file-too-large", 1, "MB")])


@generated()
def binary_nul() -> Case:
    text = baseline().decode("utf-8")
    n = line_of(text, 'output: "Báo cáo kết quả rà soát"')
    data = text.replace('"Báo cáo kết quả rà soát"', '"Báo cáo\x00\x01\x02"').encode("utf-8")
    return Case("gen-binary-nul-bytes", {PLAN_PATH: data},
                [Expect(PLAN_PATH, "binary-file", n, "nhị phân")])


@generated()
def utf16() -> Case:
    # Windows Notepad's "Unicode": UTF-16 LE with a BOM. Its NUL bytes make it "binary".
    data = baseline().decode("utf-8").encode("utf-16")
    return Case("gen-utf16-le-bom", {PLAN_PATH: data},
                [Expect(PLAN_PATH, "binary-file", 1, "UTF-8")])


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def encode_cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: â/ê/ô/ă/ơ/ư precomposed, tones as combining marks."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in decomposed if c in TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
            out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


@generated()
def windows_1258() -> Case:
    text = baseline().decode("utf-8")
    lines = text.splitlines()
    n = next(i + 1 for i, line in enumerate(lines) if not line.isascii())
    col = next(j + 1 for j, ch in enumerate(lines[n - 1]) if not ch.isascii())
    return Case("gen-not-utf8-windows-1258", {PLAN_PATH: encode_cp1258(text)},
                [Expect(PLAN_PATH, "not-utf8", n, "UTF-8", column=col)])


@generated()
def latin1_line() -> Case:
    text = baseline().decode("utf-8")
    n = line_of(text, 'output: "Báo cáo kết quả rà soát"')
    head, tail = text.split('"Báo cáo kết quả rà soát"')
    data = head.encode("utf-8") + '"Résumé"'.encode("latin-1") + tail.encode("utf-8")
    col = len(head.splitlines()[-1]) + 3  # after the 8 spaces, `output: ` and `"R`
    return Case("gen-not-utf8-latin1-one-line", {PLAN_PATH: data},
                [Expect(PLAN_PATH, "not-utf8", n, "0xe9", column=col)])


@generated()
def bom_valid() -> Case:
    return Case("gen-bom-valid", {PLAN_PATH: b"\xef\xbb\xbf" + baseline()}, valid=True)


@generated()
def crlf_valid() -> Case:
    return Case("gen-crlf-valid", {PLAN_PATH: baseline().replace(b"\n", b"\r\n")}, valid=True)


@generated()
def bom_crlf_valid() -> Case:
    data = b"\xef\xbb\xbf" + baseline().replace(b"\n", b"\r\n")
    return Case("gen-bom-crlf-valid", {PLAN_PATH: data}, valid=True)


@generated()
def bom_crlf_with_error() -> Case:
    # Line numbers must not shift with a BOM or CRLF line ends.
    text = baseline().decode("utf-8").replace('deadline: "Quý II/2026"', 'dealine: "Quý II/2026"')
    n = line_of(text, "dealine:")
    task = line_of(text, 'id: "I.1"')
    data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    return Case("gen-bom-crlf-with-error", {PLAN_PATH: data},
                [Expect(PLAN_PATH, "unknown-key", n, "“deadline”"),
                 Expect(PLAN_PATH, "missing-field", task, "“deadline”")])


@generated()
def nfd_valid() -> Case:
    # Decomposed Vietnamese (as some macOS tools save it) is normalised, not refused.
    text = unicodedata.normalize("NFD", baseline().decode("utf-8"))
    return Case("gen-nfd-valid", {PLAN_PATH: text.encode("utf-8")}, valid=True)


@generated()
def zero_bytes() -> Case:
    return Case("gen-empty-zero-bytes", {PLAN_PATH: b""}, [Expect(PLAN_PATH, "empty-file", 1)])


@generated()
def whitespace_only() -> Case:
    return Case("gen-empty-whitespace-bom", {PLAN_PATH: b"\xef\xbb\xbf  \r\n\n   \n"},
                [Expect(PLAN_PATH, "empty-file", 1)])


@generated()
def control_character() -> Case:
    text = baseline().decode("utf-8")
    n = line_of(text, 'output: "Báo cáo kết quả rà soát"')
    data = text.replace("Báo cáo kết quả", "Báo cáo\x07 kết quả").encode("utf-8")
    return Case(
        "gen-control-character", {PLAN_PATH: data},
        [Expect(PLAN_PATH, "yaml-syntax", n, "ký tự điều khiển")],
    )


@generated()
def text_too_long() -> Case:
    text = baseline().decode("utf-8")
    n = line_of(text, 'title: "Rà soát, đơn giản hóa thủ tục hành chính"')
    data = text.replace("Rà soát, đơn giản hóa thủ tục hành chính", "x" * 20_001).encode()
    return Case("gen-text-too-long", {PLAN_PATH: data},
                [Expect(PLAN_PATH, "text-too-long", n, "20001")])


@generated()
def deep_nesting() -> Case:
    # 200,000 nested flow lists: 400 KB, far below the size limit.
    text = baseline().decode("utf-8")
    depth = 200_000
    text = text.replace("notes: []\n", "notes: " + "[" * depth + "]" * depth + "\n")
    n = line_of(text, "notes: [[[")
    return Case(
        "gen-deep-nesting", {PLAN_PATH: text.encode()}, [Expect(PLAN_PATH, "too-deep", n)],
        exhaustive=False, bounded=True,
    )


@generated()
def alias_bomb_speed() -> Case:
    # Twelve levels of twelve aliases (12^12 expansions), in a walked list and under an unknown
    # key: nothing may be expanded, the run must stay fast and the file must be refused.
    levels = "".join(
        f"  - &b{i} [{', '.join([f'*b{i - 1}'] * 12)}]\n" for i in range(1, 13)
    )
    bomb = "notes:\n  - &b0 \"lol\"\n" + levels + "  - *b12\n  - *b12\n"
    unknown = "lol:\n" + "".join(
        f"  k{i}: &c{i} [{', '.join([f'*c{i - 1}'] * 12) if i else 'lol'}]\n" for i in range(13)
    )
    text = baseline().decode("utf-8").replace("notes: []\n", bomb) + unknown
    return Case("gen-alias-bomb-is-fast", {PLAN_PATH: text.encode()}, exhaustive=False,
                bounded=True)


def test_the_bounds_stop_a_runaway_check() -> None:
    """The limits of bounded cases are real: work far beyond a refused file's is stopped."""
    memory = subprocess.run([sys.executable, "-c", "x = bytearray(2 << 30)"],
                            capture_output=True, preexec_fn=_limits, timeout=120)
    assert memory.returncode != 0 and b"MemoryError" in memory.stderr


INVISIBLE = (("\u200b", "zero-width-space"), ("\u202e", "rtl-override"),
             ("\u2028", "line-separator"), ("\ufeff", "bom-inside-text"),
             ("\u2066", "bidi-isolate"), ("\u00ad", "soft-hyphen"))


def _invisible_case(char: str, label: str) -> None:
    def make() -> Case:
        # Invisible in every editor, so generated here rather than committed.
        text = baseline().decode("utf-8")
        n = line_of(text, 'title: "Rà soát, đơn giản hóa thủ tục hành chính"')
        data = text.replace("Rà soát, đơn", f"Rà soát,{char} đơn").encode("utf-8")
        return Case(f"gen-invisible-{label}", {PLAN_PATH: data},
                    [Expect(PLAN_PATH, "invisible-character", n, f"U+{ord(char):04X}")])

    make.__name__ = f"invisible_{label.replace('-', '_')}"
    generated()(make)


for _char, _label in INVISIBLE:
    _invisible_case(_char, _label)


@generated()
def deep_block_dashes() -> Case:
    # "- - - - x": one nested block list per dash, on one line, without indentation; libyaml
    # stops at 1,000 levels with an English message.
    text = baseline().decode("utf-8").replace("notes: []\n", "notes:\n  - " + "- " * 10_000 + "x\n")
    n = line_of(text, "  - - - ")
    return Case("gen-deep-block-dashes", {PLAN_PATH: text.encode()},
                [Expect(PLAN_PATH, "too-deep", n, "quá sâu")])


# --- files the build must not read: links, special files, paths outside the project ------------


def _link(rel: str, target: str | Callable[[Path], Path]) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        link = root / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target(root) if callable(target) else target)
    return setup


def _outside(root: Path) -> Path:
    """A directory beside the project holding a secret and a copy of the project's data."""
    out = root.parent / "outside"
    if not out.exists():
        shutil.copytree(root / "content", out / "content")
        (out / "secret.md").write_text("# Bí mật\n\nCI_SECRET=abc\n", encoding="utf-8")
        (out / "plans" / "thu-nghiem-ubnd").mkdir(parents=True)
        (out / "plans" / "thu-nghiem-ubnd" / "thu-nghiem-kh-01-2025.yaml").write_bytes(baseline())
    return out


def _link_case(name: str, rel: str, target, code: str = "symlink", substring: str = "",
               files: dict[str, bytes] | None = None, at: str | None = None) -> None:
    def make() -> Case:
        return Case(f"gen-{name}", dict(files or {}),
                    [Expect(at or rel, code, 1, substring)], setup=_link(rel, target))

    make.__name__ = name.replace("-", "_")
    generated()(make)


_link_case("symlink-to-proc-environ", "content/env.md", "/proc/self/environ", substring="/proc")
_link_case("symlink-to-etc", "content/os.txt", "/etc/os-release")
_link_case("symlink-dangling", "content/mat.md", "/nonexistent/mat.md",
           substring="không tồn tại")
_link_case("symlink-inside-project", "content/ban-sao.md",
           lambda root: root / "content" / "registries" / "areas.yaml")
_link_case("symlink-dir-outside", "content/ngoai", _outside)
_link_case("symlink-source-copy", "content/nguon/ban-sao.txt",
           lambda root: _outside(root) / "secret.md")
_link_case("symlink-theme-file", "theme/partials/footer.html", "/etc/passwd")
_link_case("symlink-plan-file", "plans/thu-nghiem-ubnd/thu-nghiem-kh-02-2025.yaml",
           "/etc/passwd")
_link_case("symlink-plan-dir", "plans/thu-nghiem-ubnd",
           lambda root: _outside(root) / "plans" / "thu-nghiem-ubnd")
_link_case("symlink-registry", "content/registries/agencies/tinh-khac.yaml",
           lambda root: root / "content" / "registries" / "agencies" / "thu-nghiem.yaml")
_link_case("symlink-build-dir", "build", "/tmp")


@generated()
def symlink_content_dir() -> Case:
    def setup(root: Path) -> None:
        out = _outside(root)
        shutil.rmtree(root / "content")
        (root / "content").symlink_to(out / "content")
    return Case("gen-symlink-content-dir", {}, [Expect("content", "symlink", 1)],
                setup=setup)


@generated()
def fifo_in_content() -> Case:
    # A FIFO would block the build (and check, printing the line) forever.
    return Case("gen-fifo-in-content", {}, [Expect("content/ong.md", "special-file", 1)],
                setup=lambda root: os.mkfifo(root / "content" / "ong.md"))


@generated()
def fifo_as_plan() -> Case:
    path = "plans/thu-nghiem-ubnd/thu-nghiem-kh-03-2025.yaml"
    return Case("gen-fifo-as-plan", {}, [Expect(path, "special-file", 1)],
                setup=lambda root: (root / path).parent.mkdir(parents=True, exist_ok=True)
                or os.mkfifo(root / path))


MKDOCS_YML = "site_name: Thử\ndocs_dir: {docs}\ntheme:\n  name: material\n  custom_dir: {theme}\n"


@generated()
def docs_dir_outside() -> Case:
    files = {"mkdocs.yml": MKDOCS_YML.format(docs="/etc", theme="theme").encode()}
    return Case("gen-docs-dir-outside", files,
                [Expect("mkdocs.yml", "outside-project", 2, "/etc")])


@generated()
def custom_dir_outside() -> Case:
    files = {"mkdocs.yml": MKDOCS_YML.format(docs="content", theme="../outside").encode()}
    return Case("gen-custom-dir-outside", files,
                [Expect("mkdocs.yml", "outside-project", 5, "../outside")])


@generated()
def uppercase_extension() -> Case:
    # Silently skipped before: the plan was simply not on the site.
    path = "plans/thu-nghiem-ubnd/thu-nghiem-kh-01-2025.YAML"
    return Case("gen-uppercase-yaml-extension", {path: baseline()},
                [Expect(path, "wrong-extension", 1, "thu-nghiem-kh-01-2025.yaml")])


# --- valid at every bound ----------------------------------------------------------------------

LONG_PROVINCE = "tinh-" + "b" * 35  # 40 characters
LONG_AGENCY = f"{LONG_PROVINCE}-" + "c" * (79 - len(LONG_PROVINCE))  # 80: the longest id
LONG_PLAN = "kh-" + "d" * 77
LONG_AREA = "linh-vuc-" + "e" * 71
LONG_TASK = "I." + "9" * 38  # 40: the longest local id
EXTREMES_PLAN = f"plans/{LONG_AGENCY}/{LONG_PLAN}.yaml"


@generated()
def valid_extremes() -> Case:
    """Every bounded value at its bound at once: the longest ids (file names and addresses),
    the first and last dates, the largest and smallest numbers, 15-digit values, a deadline due
    on the last day. check accepts it, so the build must too (test_valid_control_builds)."""
    registry = (f"province:\n  id: {LONG_PROVINCE}\n  name: Tỉnh Biên\nagencies:\n"
                f"  - id: {LONG_AGENCY}\n    name: Ủy ban nhân dân tỉnh Biên\n"
                "    short_name: UBND tỉnh\n    level: tinh\n")
    areas = (PROJECT / "content/registries/areas.yaml").read_text(encoding="utf-8").replace(
        "areas:\n", f"areas:\n  - id: {LONG_AREA}\n    name: Lĩnh vực dài\n"
        "    frameworks: [khac]\n", 1)
    plan = f"""id: {LONG_PLAN}
title: Kế hoạch ở mọi giới hạn
document:
  type: ke-hoach
  number: 1/KH-UBND
  issued: 1945-01-01
  effective: {{date: 2100-12-31, text: đến hết năm 2100}}
  issuer: {LONG_AGENCY}
  place: null
  signer: null
  summary: null
  source: {{seed: null, url: "https://example.org/kh"}}
period: {{start: 1945, end: 2100}}
legal_bases:
  - {{number: null, date: 1945-01-01, title: Căn cứ}}
objectives:
  - id: "1"
    text: Hai chỉ tiêu ở hai đầu khoảng.
    targets:
      - {{label: Lớn nhất, comparator: "<=", value: 1000000000000, unit: đồng,
          baseline: -1000000000000, baseline_year: 1945, deadline: "Năm 2099"}}
      - {{label: Nhiều chữ số, comparator: "=", value: 999999999999.999, unit: đồng,
          baseline: 0.00000000000001, baseline_year: 2100}}
    updates:
      - {{date: 1945-01-01, value: -999999999999.999, target: 1}}
      - {{date: 2026-11-23, value: 0.123456789012345, target: 2}}
baselines:
  - {{label: Âm, value: -0.5, unit: điểm, year: 1945}}
sections:
  - id: "I"
    title: Mục
    area: {LONG_AREA}
    tasks:
      - id: "{LONG_TASK}"
        title: Nhiệm vụ đến ngày cuối cùng
        output: null
        deadline: {{text: Đến hết năm 2100, due: 2100-12-31, start: 1945-01-01}}
        lead: {LONG_AGENCY}
        updates:
          - {{date: 1945-01-01, status: chua-bat-dau, progress: 0}}
          - {{date: 2026-11-23, status: hoan-thanh, progress: 100}}
      - id: "I.2"
        title: Nhiệm vụ từ ngày đầu tiên
        output: null
        deadline: "Quý I/1945"
        lead: {LONG_AGENCY}
"""
    return Case("gen-valid-extremes", {
        f"content/registries/agencies/{LONG_PROVINCE}.yaml": registry.encode(),
        "content/registries/areas.yaml": areas.encode(),
        EXTREMES_PLAN: plan.encode(),
    }, valid=True)


# --- hand-written pages at generated addresses ---------------------------------------------------

PAGE = "# Trang viết tay\n".encode()
COLLISIONS = {
    # name: (hand-written files, the one reported, substring)
    "page-at-plan-address": (["content/ke-hoach/thu-nghiem-kh-01-2025.md"], 0, "“ke-hoach/”"),
    "page-other-case": (["content/Du-Lieu-Mo.md"], 0, "“du-lieu-mo/”"),
    "page-directory-index": (["content/co-quan/thu-nghiem-so-noi-vu/index.md"], 0, "co-quan/"),
    "page-readme-home": (["content/README.md"], 0, "“/”"),
    "page-data-file": (["content/du-lieu/nhiem-vu.csv"], 0, "du-lieu/"),
    "pages-differ-in-case": (["content/gioi-thieu.md", "content/Gioi-Thieu.md"], 0,
                             "content/Gioi-Thieu.md"),
}


def _collision_case(name: str, paths: list[str], reported: int, substring: str) -> None:
    def make() -> Case:
        return Case(f"gen-{name}", dict.fromkeys(paths, PAGE),
                    [Expect(paths[reported], "page-collision", 1, substring)])

    make.__name__ = name.replace("-", "_")
    generated()(make)


for _name, (_paths, _reported, _substring) in COLLISIONS.items():
    _collision_case(_name, _paths, _reported, _substring)


@pytest.mark.parametrize("make", GENERATED)
def test_generated_case(make: Callable[[], Case], tmp_path: Path) -> None:
    case = make()
    root = make_project(tmp_path, case.files)
    if case.setup:
        case.setup(root)
    verify(case, run_check(root, bounded=case.bounded))


# --- output formats and exit codes ------------------------------------------------------------


def _case(prefix: str) -> Case:
    (path,) = CASES_DIR.glob(f"{prefix}-*.yaml")
    return parse_case(path)


def test_human_format_shows_line_caret_and_fix(tmp_path: Path) -> None:
    case = _case("08")  # unknown-key-dealine
    outcome = run_check(make_project(tmp_path, case.files), "human")
    assert outcome.returncode == 1
    assert "Traceback" not in outcome.stderr
    err = outcome.stderr
    exp = next(e for e in case.expects if e.code == "unknown-key")
    assert f"{exp.file}:{exp.line}:" in err
    assert f"{exp.line:>5} | " + '        dealine: "Quý II/2026"' in err
    # The caret sits under the offending key and is as wide as the token.
    assert "      |         ^^^^^^^\n" in err
    assert "Cách sửa: Có phải ý bạn là “deadline”?" in err
    assert "Dữ liệu không hợp lệ: 2 lỗi trong 1 tệp." in err


def test_github_format_annotations(tmp_path: Path) -> None:
    case = _case("53")  # measurement-targets: two problems
    root = make_project(tmp_path, case.files)
    outcome = run_check(root, "github")
    assert outcome.returncode == 1
    assert "Traceback" not in outcome.stderr
    lines = outcome.stdout.strip().splitlines()
    pattern = re.compile(
        r"^::error file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
        r"title=(?P<code>[a-z0-9-]+)::(?P<msg>.+)$"
    )
    matches = [pattern.match(line) for line in lines]
    assert all(matches), lines
    expected = {(e.file, e.code, e.line) for e in case.expects}
    assert {(m["file"], m["code"], int(m["line"])) for m in matches} == expected
    assert all("%0A" not in m["msg"] or "\n" not in m["msg"] for m in matches)


def test_valid_human_summary(tmp_path: Path) -> None:
    outcome = run_check(make_project(tmp_path, {PLAN_PATH: baseline()}), "human")
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.stdout.startswith("Hợp lệ: 1 kế hoạch, 2 nhiệm vụ, 5 cơ quan")


def test_bad_as_of_is_a_usage_error(tmp_path: Path) -> None:
    root = make_project(tmp_path, {PLAN_PATH: baseline()})
    proc = subprocess.run(
        [str(CLI), "check", "--root", str(root), "--as-of", "23/11/2026"],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "YYYY-MM-DD" in proc.stderr


# --- what check accepts builds ------------------------------------------------------------------

REPO = HERE.parent.parent
VALID_GENERATED = [bom_valid, crlf_valid, bom_crlf_valid, nfd_valid, valid_extremes]


def valid_controls() -> list:
    committed = [pytest.param(c, id=c.name) for c in committed_cases() if c.valid and not c.xfail]
    made = [pytest.param(fn, id=fn.__name__.replace("_", "-")) for fn in VALID_GENERATED]
    return committed + made


@pytest.mark.slow
@pytest.mark.parametrize("control", valid_controls())
def test_valid_control_builds(control, tmp_path: Path) -> None:
    """Every file check accepts builds: the corpus's valid controls, with the repository's
    mkdocs.yml, theme and hand-written pages, through ``congkhai build`` (strict)."""
    case = control if isinstance(control, Case) else control()
    root = make_project(tmp_path, case.files)
    if case.setup:
        case.setup(root)
    checked = run_check(root)
    assert checked.returncode == 0, checked.stdout[:2000]
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme")
    shutil.copytree(REPO / "content", root / "content", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("registries"))
    site = tmp_path / "site"
    proc = subprocess.run(
        [str(CLI), "build", "--root", str(root), "--site-dir", str(site), "--as-of", AS_OF],
        capture_output=True, text=True, timeout=600, check=False)
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode == 0, proc.stderr[-3000:]
    plan_ids = [Path(rel).stem for rel in case.files if rel.startswith("plans/")]
    for plan_id in plan_ids:
        assert (site / "ke-hoach" / plan_id / "index.html").is_file(), plan_id
    assert (site / "du-lieu" / "congkhai.xlsx").is_file()
    json.loads((site / "du-lieu" / "congkhai.json").read_text(encoding="utf-8"))
