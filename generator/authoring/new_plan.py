"""A new plan file: its id derived from the document, and a commented skeleton to fill in.

The skeleton carries, as comments, what each field means and which values it takes, so that an
editor fills it in without the guide open. Errors are
:class:`generator.authoring.editing.EditError`; nothing is written when one is raised.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.authoring.editing import (
    _INDENT,
    EditError,
    _check_url,
    _parse_day,
    _text,
    yaml_scalar,
)
from generator.sources.problems import did_you_mean
from generator.sources.schema import PLAN
from generator.sources.spec import AnyOf, Choice, Day, Items, Record, Spec
from generator.sources.textnorm import fold, nfc, slugify
from generator.sources.vocabulary import DOCUMENT_TYPES

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schemas/plan.schema.json"

# The kind code of a plan id for each document type: khanh-hoa-qd-4034-2017.
DOCUMENT_TYPE_CODES = {
    "quyet-dinh": "qd",
    "ke-hoach": "kh",
    "chi-thi": "ct",
    "nghi-quyet": "nq",
    "cong-van": "cv",
    "khac": "vb",
}


def derive_plan_id(
    issuer: str, number: str, issued: dt.date, doc_type: str, province: str | None = None
) -> str:
    """The id of a plan, as the shipped plans are named: ``<tỉnh>-<qd|kh|ct…>-<số>-<năm>``.

    ``province`` is the issuer's province id (``None`` for a central agency, whose own id is used
    instead); the number is the part of the số ký hiệu before the first "/" ("4034/QĐ-UBND" →
    "4034", "30c/NQ-CP" → "30c"); the kind comes from the document type.
    """
    if doc_type not in DOCUMENT_TYPE_CODES:
        raise EditError(
            f"Hình thức văn bản “{doc_type}” không hợp lệ. "
            + (did_you_mean(doc_type, DOCUMENT_TYPES) or "Chọn: " + ", ".join(DOCUMENT_TYPES))
        )
    head = fold(number.split("/")[0]).strip()
    match = re.search(r"[0-9]+[a-z]*", head)
    part = match.group(0) if match else slugify(head)
    if not part:
        raise EditError(
            f"Không lấy được số văn bản từ số ký hiệu “{number}”; viết dạng 12/KH-UBND."
        )
    return f"{province or issuer}-{DOCUMENT_TYPE_CODES[doc_type]}-{part}-{issued.year}"


@dataclass(frozen=True)
class NewPlan:
    """A plan file made by :func:`new_plan`."""

    plan_id: str
    path: Path
    text: str


def _agencies(root: Path) -> dict[str, Any]:
    from generator.model.registry import build_agencies
    from generator.sources.loader import Layout, load_agency_files
    from generator.sources.problems import ProblemList

    problems = ProblemList()
    _provinces, agencies = build_agencies(load_agency_files(Layout(root), problems), problems)
    return agencies


def new_plan(
    root: Path,
    *,
    issuer: str,
    number: str,
    issued: dt.date | str,
    title: str,
    doc_type: str,
    demo: bool = False,
    source_url: str | None = None,
    seed: str | None = None,
    write: bool = True,
) -> NewPlan:
    """Create ``plans/<issuer>/<id>.yaml`` under ``root``: every required key, the answers given,
    everything else ``null`` or ``[]``, each field explained by a Vietnamese comment taken from
    :mod:`generator.sources.schema`. The file passes ``congkhai check``.

    A real plan (``demo=False``) needs a source (``source_url`` or ``seed``) and a real issuer; a
    demo plan needs a fictitious (or central) issuer — the same rules ``congkhai check`` applies.
    """
    issuer = (issuer or "").strip()
    number = re.sub(r"\s*/\s*", "/", nfc(number or "").strip())
    title_text = _text(title, "Tên kế hoạch")
    if not number:
        raise EditError("Thiếu số ký hiệu văn bản (ví dụ 12/KH-UBND).")
    if not title_text:
        raise EditError("Thiếu tên kế hoạch.")
    issued_day = _parse_day(issued, "Ngày ban hành")
    source_url = _check_url(_text(source_url, "Địa chỉ văn bản gốc"), "Địa chỉ văn bản gốc")
    seed = _text(seed, "Tệp văn bản gốc")
    if seed is not None and ("/" in seed or "\\" in seed or seed.startswith(".")):
        raise EditError(f"Tên tệp nguồn “{seed}” không hợp lệ: chỉ ghi tên tệp, không ghi "
                        "đường dẫn.")

    agencies = _agencies(root)
    agency = agencies.get(issuer)
    if agency is None:
        raise EditError(
            f"Không có cơ quan “{issuer}” trong danh mục cơ quan. "
            + (did_you_mean(issuer, agencies)
               or "Thêm cơ quan vào content/registries/agencies/<tỉnh>.yaml trước.")
        )
    if demo and agency.province is not None and not agency.demo:
        raise EditError(f"Kế hoạch minh họa không được do cơ quan thật “{issuer}” ban hành; "
                        "dùng cơ quan của tỉnh hư cấu.")
    if not demo and agency.demo:
        raise EditError(f"“{issuer}” là cơ quan hư cấu; kế hoạch do cơ quan này ban hành phải là "
                        "dữ liệu minh họa (demo).")
    if not demo and source_url is None and seed is None:
        raise EditError("Văn bản thật phải ghi nguồn: địa chỉ văn bản gốc (URL) hoặc tên tệp gốc.")

    plan_id = derive_plan_id(issuer, number, issued_day, doc_type, agency.province)
    path = root / "plans" / issuer / f"{plan_id}.yaml"
    if path.exists():
        raise EditError(f"Tệp plans/{issuer}/{plan_id}.yaml đã có; không ghi đè.")

    answers: dict[tuple[str, ...], Any] = {
        ("id",): plan_id,
        ("title",): title_text,
        ("demo",): demo,
        ("document", "type"): doc_type,
        ("document", "number"): number,
        ("document", "issued"): issued_day,
        ("document", "issuer"): issuer,
        ("document", "source", "seed"): seed,
        ("document", "source", "url"): source_url,
    }
    lines = [
        SCHEMA_COMMENT,
        *_comment(
            "Kế hoạch mới. Chép nguyên văn từ văn bản; trường nào văn bản không nêu thì để null "
            "(danh sách thì []). Kiểm tra sau mỗi lần sửa:",
            0,
        ),
        f"#   congkhai check plans/{issuer}/{plan_id}.yaml",
    ]
    lines += _skeleton(PLAN, (), answers, 0)
    text = "\n".join(lines) + "\n"
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    return NewPlan(plan_id, path, text)


def _comment(text: str, indent: int) -> list[str]:
    prefix = " " * indent + "# "
    return textwrap.wrap(text, width=99 - len(prefix), initial_indent=prefix,
                         subsequent_indent=prefix, break_on_hyphens=False)


def _field_help(spec: Spec) -> str:
    text = spec.description.strip()
    if isinstance(spec, Record) and not text:
        text = spec.noun.capitalize() + "."
    if isinstance(spec, Record):
        text += " Gồm: " + ", ".join(f.name for f in spec.fields) + "."
    if isinstance(spec, Day):
        text += " Viết YYYY-MM-DD."
    if isinstance(spec, Choice):
        text += " Giá trị: " + "; ".join(
            f"{v} ({label})" for v, label in zip(spec.values, spec.labels, strict=False)
        ) + "."
    if isinstance(spec, Items) and isinstance(spec.item, Record):
        keys = ", ".join(f.name + (" (bắt buộc)" if f.required else "")
                         for f in spec.item.fields)
        text += f" Mỗi phần tử gồm: {keys}."
    if isinstance(spec, AnyOf) and not text:
        text = "Xem hướng dẫn."
    return text


def _skeleton(
    record: Record, path: tuple[str, ...], answers: dict[tuple[str, ...], Any], indent: int
) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for f in record.fields:
        key = (*path, f.name)
        help_text = _field_help(f.spec)
        if help_text:
            lines += _comment(help_text, indent)
        if key in answers:
            lines.append(f"{pad}{f.name}: {yaml_scalar(answers[key])}")
        elif isinstance(f.spec, Record) and any(k[: len(key)] == key for k in answers):
            lines.append(f"{pad}{f.name}:")
            lines += _skeleton(f.spec, key, answers, indent + _INDENT)
        elif isinstance(f.spec, Items) and not f.spec.nullable:
            lines.append(f"{pad}{f.name}: []")
        elif f.spec.nullable:
            lines.append(f"{pad}{f.name}: null")
        elif isinstance(f.default, bool):
            lines.append(f"{pad}{f.name}: {yaml_scalar(f.default)}")
        else:  # pragma: no cover - every other plan field is answered above
            raise AssertionError(f"no skeleton value for {'.'.join(key)}")
    return lines


