"""Nothing from outside the project reaches the site: every file the build reads or copies is a
regular file inside the project, reached without a symbolic link.

A symlink in ``content/`` pointing at ``/proc/self/environ`` used to publish the build machine's
environment (CI secrets included), and ``check`` passed. Git stores symlinks, so an editor's pull
request can carry one; MkDocs, Jinja and Python all follow them. So every directory the build
reads is walked without following links, and

* any symbolic link (to a file or a directory, inside or outside the project, dangling or not)
  is a ``symlink`` problem: a link inside the project could still reach ``.git/`` or a local
  ``.env``, and a dangling one means a page or a file is silently missing;
* anything that is neither a file nor a directory (a FIFO would hang the build, a device or a
  socket has no business there) is a ``special-file`` problem;
* the directories ``mkdocs.yml`` names (``docs_dir``, ``theme.custom_dir``, ``INHERIT``,
  ``hooks``) must be relative paths inside the project (``outside-project``);
* a data file whose suffix is ``.yaml`` or ``.yml`` in another case (``.YAML``) would be silently
  skipped, so it is a ``wrong-extension`` problem.

The directories walked are the documentation directory (``content/``: hand-written pages, source
copies, registries), ``plans/``, the theme's ``custom_dir`` (``theme/``), and the build's own
working directory ``build/`` must not be a link either (the generator writes there). Hard links
are not checked: git cannot carry them, so only someone who can already read the machine's files
could make one.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.sources.problems import ProblemList

CONFIG = "mkdocs.yml"
DEFAULT_DOCS_DIR = "content"
DEFAULT_THEME_DIR = "theme"
PLANS = "plans"
WORK_DIR = "build"
DATA_SUFFIXES = (".yaml", ".yml")
DATA_DIRS = (f"{PLANS}/", "content/registries/")


@dataclass
class Sources:
    """The directories a build reads, as ``mkdocs.yml`` names them (project-relative)."""

    docs_dir: str = DEFAULT_DOCS_DIR
    theme_dir: str | None = DEFAULT_THEME_DIR
    # other files mkdocs.yml makes the build read: INHERIT, hooks
    files: list[str] = field(default_factory=list)


def inside(root: Path, path: Path) -> bool:
    """True when ``path`` lies inside ``root`` and no part of it below ``root`` is a symbolic
    link (``root`` itself may be reached through one)."""
    base = Path(os.path.abspath(root))
    target = Path(os.path.abspath(path))
    try:
        rel = target.relative_to(base)
    except ValueError:
        return False
    current = base
    for part in rel.parts:
        if part == "..":
            return False
        current = current / part
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                return False
        except FileNotFoundError:
            return True  # nothing there yet (a file about to be created)
        except OSError:
            return False
    return True


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _lookup(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None


def read_config(root: Path, problems: ProblemList) -> Sources:
    """The source directories ``mkdocs.yml`` names, each checked to lie inside the project.

    The file is composed, not loaded: its tags (``!ENV``, ``!!python/name:…``) are never
    constructed here. Without a readable ``mkdocs.yml`` the project's default layout is assumed
    (MkDocs itself reports a broken configuration).
    """
    sources = Sources()
    path = root / CONFIG
    if not path.exists() and not path.is_symlink():
        return sources
    if not inside(root, path) or not path.is_file():
        problems.add(CONFIG, 1, 1, "symlink" if path.is_symlink() else "special-file",
                     f"{CONFIG} không phải tệp thường trong dự án.",
                     f"Đặt {CONFIG} là một tệp thật trong thư mục gốc của dự án.")
        return sources
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return sources

    def checked(value: yaml.Node | None, key: str) -> str | None:
        if value is None:
            return None
        line, column = _position(value)
        if not isinstance(value, yaml.ScalarNode) or not value.value.strip():
            return None
        text = value.value.strip()
        resolved = root / text
        if os.path.isabs(text) or not inside(root, resolved) or (
            os.path.abspath(resolved) == os.path.abspath(root)
        ):
            problems.add(CONFIG, line, column, "outside-project",
                         f"“{key}” trong {CONFIG} trỏ ra ngoài dự án hoặc qua liên kết tượng "
                         f"trưng: “{text[:200]}”.",
                         "Ghi đường dẫn tương đối tới một thư mục thật bên trong dự án, ví dụ "
                         f"`{key}: {DEFAULT_DOCS_DIR if key == 'docs_dir' else DEFAULT_THEME_DIR}`"
                         "; trang chỉ được dựng từ tệp của dự án.")
            return None
        return os.path.normpath(text)

    config = node if isinstance(node, yaml.MappingNode) else None
    docs = _lookup(config, "docs_dir")
    if docs is not None:
        sources.docs_dir = checked(docs, "docs_dir") or ""
    theme = _lookup(config, "theme")
    custom = _lookup(theme, "custom_dir")
    if custom is not None:
        sources.theme_dir = checked(custom, "custom_dir")
    elif theme is not None:
        sources.theme_dir = None
    inherit = _lookup(config, "INHERIT")
    if inherit is not None and (rel := checked(inherit, "INHERIT")):
        sources.files.append(rel)
    hooks = _lookup(config, "hooks")
    if isinstance(hooks, yaml.SequenceNode):
        for item in hooks.value:
            if rel := checked(item, "hooks"):
                sources.files.append(rel)
    return sources


def _walk(root: Path, rel: str) -> Iterator[tuple[str, os.DirEntry[str] | None]]:
    """Every entry under ``root/rel`` (the top itself as ``None``), links not followed."""
    stack = [rel]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(root / current) as entries:
                found = sorted(entries, key=lambda e: e.name)
        except OSError:
            continue
        for entry in found:
            entry_rel = f"{current}/{entry.name}"
            yield entry_rel, entry
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry_rel)


def _describe_link(path: Path) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    dangling = "" if path.exists() else " (đích không tồn tại)"
    return f"“{target[:200]}”{dangling}"


def check_entry(root: Path, rel: str, problems: ProblemList) -> bool:
    """Record a problem if ``root/rel`` is a link or not a file or directory; True when fine
    (or absent)."""
    path = root / rel
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return True
    except OSError as exc:
        problems.add(rel, 1, 1, "unreadable", f"Không đọc được “{rel}”: {exc.strerror}.",
                     "Kiểm tra quyền đọc của thư mục dự án.")
        return False
    if stat.S_ISLNK(mode):
        problems.add(
            rel, 1, 1, "symlink",
            f"“{rel}” là liên kết tượng trưng (symlink) tới {_describe_link(path)}.",
            "Trang chỉ được dựng từ tệp thật nằm trong dự án: xóa liên kết (git rm) và, nếu "
            "cần, chép chính nội dung vào đây.",
        )
        return False
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        problems.add(
            rel, 1, 1, "special-file",
            f"“{rel}” không phải tệp hay thư mục thường (FIFO, socket hoặc thiết bị).",
            "Xóa nó: dự án chỉ chứa tệp và thư mục thường (một FIFO làm việc dựng trang treo).",
        )
        return False
    return True


def check_sources(root: Path, problems: ProblemList) -> Sources:
    """Record every link, special file, path outside the project and miscased data-file suffix
    among the files a build reads; return the source directories."""
    sources = read_config(root, problems)
    tops = [sources.docs_dir, PLANS, *([sources.theme_dir] if sources.theme_dir else [])]
    for rel in [*dict.fromkeys(t for t in tops if t), *sources.files, WORK_DIR]:
        if not check_entry(root, rel, problems) or rel == WORK_DIR:
            continue
        if not (root / rel).is_dir():
            continue
        for entry_rel, entry in _walk(root, rel):
            if entry is None:
                continue
            if entry.is_symlink() or not (entry.is_file(follow_symlinks=False)
                                          or entry.is_dir(follow_symlinks=False)):
                check_entry(root, entry_rel, problems)
                continue
            suffix = os.path.splitext(entry.name)[1]
            if (entry_rel.startswith(DATA_DIRS) and entry.is_file(follow_symlinks=False)
                    and suffix.lower() in DATA_SUFFIXES and suffix not in DATA_SUFFIXES):
                problems.add(
                    entry_rel, 1, 1, "wrong-extension",
                    f"Tệp “{entry.name}” có đuôi “{suffix}” viết hoa nên không được đọc.",
                    f"Đổi tên thành “{entry.name[: -len(suffix)]}{suffix.lower()}” "
                    "(git mv); chỉ tệp đuôi .yaml hoặc .yml (chữ thường) là dữ liệu.",
                )
    return sources
