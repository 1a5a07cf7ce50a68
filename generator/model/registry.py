"""The registries of agencies and reform areas: consistency checks and model objects."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

from generator.model.entities import Agency, AgencyRef, Area, Framework, Province
from generator.model.lineage import check_lineage, read_events, read_status
from generator.sources.problems import ProblemList, did_you_mean
from generator.sources.validate import Loaded


def build_areas(
    loaded: Loaded, problems: ProblemList
) -> tuple[dict[str, Framework], dict[str, Area]]:
    """Frameworks and areas from the validated area registry, checking ids and references."""
    frameworks: dict[str, Framework] = {}
    for i, raw in enumerate(loaded.value["frameworks"]):
        if raw["id"] in frameworks:
            line, col = loaded.marks.at(("frameworks", i, "id"))
            problems.add(loaded.file, line, col, "duplicate-id",
                         f"Mã khung “{raw['id']}” bị trùng.", "Mỗi mã chỉ dùng một lần.")
            continue
        frameworks[raw["id"]] = Framework(raw["id"], raw["name"], raw["basis"])
    areas: dict[str, Area] = {}
    for i, raw in enumerate(loaded.value["areas"]):
        if raw["id"] in areas:
            line, col = loaded.marks.at(("areas", i, "id"))
            problems.add(loaded.file, line, col, "duplicate-id",
                         f"Mã lĩnh vực “{raw['id']}” bị trùng.", "Mỗi mã chỉ dùng một lần.")
            continue
        for j, fw in enumerate(raw["frameworks"]):
            if fw not in frameworks:
                line, col = loaded.marks.at(("areas", i, "frameworks", j))
                problems.add(loaded.file, line, col, "unknown-framework",
                             f"Không có khung “{fw}” trong danh mục.",
                             did_you_mean(fw, frameworks))
        areas[raw["id"]] = Area(
            raw["id"], raw["name"], tuple(raw["frameworks"]), tuple(raw["aliases"])
        )
    return frameworks, areas


def _province(loaded: Loaded, provinces: dict[str, Province],
              problems: ProblemList) -> Province | None:
    """The province a registry file declares (None for central agencies), checked and added."""
    raw = loaded.value["province"]
    if raw is None:
        return None
    province = Province(
        raw["id"], raw["name"], raw["demo"],
        lineage=read_events(loaded, ("province", "lineage"), raw["id"], "province", raw["demo"]),
        lineage_status=read_status(raw["lineage_status"]),
    )
    stem = PurePosixPath(loaded.file).stem
    line, col = loaded.marks.at(("province", "id"))
    if province.id != stem:
        problems.add(loaded.file, line, col, "registry-name-mismatch",
                     f"Tệp {stem}.yaml khai báo tỉnh “{province.id}”.",
                     f"Đặt tên tệp là {province.id}.yaml, hoặc sửa mã tỉnh cho khớp.")
    if province.id in provinces:
        problems.add(loaded.file, line, col, "duplicate-id",
                     f"Tỉnh “{province.id}” đã được khai báo ở tệp khác.",
                     "Mỗi tỉnh chỉ có một tệp danh mục.")
    provinces[province.id] = province
    return province


def build_agencies(
    files: list[Loaded], problems: ProblemList
) -> tuple[dict[str, Province], dict[str, Agency]]:
    """Provinces and agencies from validated registry files, checking ids, parents and
    lineage."""
    provinces: dict[str, Province] = {}
    agencies: dict[str, Agency] = {}
    where: dict[str, tuple[str, int, int]] = {}
    for loaded in files:
        province = _province(loaded, provinces, problems)
        demo = bool(province and province.demo)
        for i, raw in enumerate(loaded.value["agencies"]):
            line, col = loaded.marks.at(("agencies", i, "id"))
            agency_id = raw["id"]
            if province is not None and not agency_id.startswith(province.id + "-"):
                problems.add(loaded.file, line, col, "agency-prefix",
                             f"Mã cơ quan “{agency_id}” không bắt đầu bằng mã tỉnh "
                             f"“{province.id}-”.",
                             f"Đổi thành “{province.id}-{agency_id}” để mã không trùng giữa các "
                             "tỉnh.")
            if agency_id in agencies:
                first = where[agency_id]
                problems.add(loaded.file, line, col, "duplicate-id",
                             f"Mã cơ quan “{agency_id}” bị trùng (đã có ở {first[0]}:{first[1]}).",
                             "Mỗi cơ quan chỉ khai báo một lần; thêm tên gọi khác vào aliases.")
                continue
            where[agency_id] = (loaded.file, line, col)
            agencies[agency_id] = Agency(
                id=agency_id,
                name=raw["name"],
                short_name=raw["short_name"],
                level=raw["level"],
                aliases=tuple(raw["aliases"]),
                group=raw["group"],
                parent=raw["parent"],
                website=raw["website"],
                province=province.id if province else None,
                demo=demo,
                lineage=read_events(loaded, ("agencies", i, "lineage"), agency_id, "agency", demo),
                lineage_status=read_status(raw["lineage_status"]),
            )
    _check_parents(files, agencies, where, problems)
    check_lineage(provinces, agencies, problems)
    return provinces, agencies


def _check_parents(files: list[Loaded], agencies: dict[str, Agency],
                   where: dict[str, tuple[str, int, int]], problems: ProblemList) -> None:
    for loaded in files:
        for i, raw in enumerate(loaded.value["agencies"]):
            parent = raw["parent"]
            if parent is not None and parent not in agencies:
                line, col = loaded.marks.at(("agencies", i, "parent"))
                problems.add(loaded.file, line, col, "unknown-agency",
                             f"Cơ quan cấp trên “{parent}” không có trong danh mục.",
                             did_you_mean(parent, agencies))
    for agency in agencies.values():
        seen = {agency.id}
        parent = agency.parent
        while parent is not None and parent in agencies:
            if parent in seen:
                file, line, col = where[agency.id]
                problems.add(file, line, col, "parent-cycle",
                             f"Quan hệ cấp trên của “{agency.id}” tạo thành vòng lặp.",
                             "Kiểm tra trường parent của các cơ quan liên quan.")
                break
            seen.add(parent)
            parent = agencies[parent].parent


def agency_names(agencies: Mapping[str, Agency], refs: Iterable[AgencyRef]) -> str:
    """Names of the agencies ``refs`` point to, separated by "; " (the id when unknown): how
    downloads and feeds write a list of agencies in one cell or line."""
    return "; ".join(agencies[r.agency].name if r.agency in agencies else r.agency for r in refs)
