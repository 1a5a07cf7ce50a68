"""Long task lists: split into pages under their list, with every row in a data file beside the
page that the browser filters and sorts (``theme/assets/javascripts/congkhai-lists.js``), and the
filters a page offers over its lists."""

from __future__ import annotations

from collections.abc import Sequence

from generator.common import urls
from generator.facts.snapshot import TaskFact
from generator.facts.status import ORDER
from generator.site.views import PAGE_SIZE, ListData, Page, RowFacets, Views

# A list this long can be narrowed and sorted in the browser (a shorter one reads at a glance).
FILTER_MIN = 10
LISTS_SCRIPT = "congkhai-lists.js"
# The "year due" filter's value for tasks without a fixed due date.
NO_FIXED_DUE = "khong-han"
# Sort orders a list offers besides its own (values as in the address: ?sap-xep=han).
SORT_ORDERS = (
    ("han", "Hạn: gần nhất trước"),
    ("han-giam", "Hạn: xa nhất trước"),
    ("ke-hoach", "Văn bản (số ký hiệu)"),
    ("trang-thai", "Trạng thái"),
)


class ListViews(Views):
    """Paginated, filterable task lists."""

    def paged(self, base: str, part: str, former: str, title: str, facts: list[TaskFact],
              demo: bool, back: str) -> tuple[dict[str, object], list[Page], ListData | None]:
        """Split a long task list into pages of :data:`PAGE_SIZE` rows.

        The first chunk stays on ``base``; the others get pages under it,
        ``<base>/[<part>/]trang-<n>.md`` (:func:`urls.list_page`); each also leaves a redirect
        at the address it had before, ``<base>--<former>-<n>``. Rows show their plan's number
        in a column. Returns the block for ``base``, the extra pages, and all its rows for
        filtering and sorting in the browser (:class:`ListData`, named by the block; see
        :meth:`filterable`), None for an empty list.
        """
        chunks = [facts[i:i + PAGE_SIZE] for i in range(0, len(facts), PAGE_SIZE)] or [[]]
        paths = [base] + [urls.list_page(base, n, part) for n in range(2, len(chunks) + 1)]

        def pager(here: str) -> list[dict[str, object]]:
            if len(paths) == 1:
                return []
            return [{"number": n, "url": urls.relative(here, path), "current": path == here}
                    for n, path in enumerate(paths, start=1)]

        extra = []
        for n in range(2, len(chunks) + 1):
            here = paths[n - 1]
            extra.append(Page(here, "task_page.md.j2", f"{title} (trang {n}/{len(paths)})", {
                "rows": self.fact_rows(here, chunks[n - 1]),
                "pager": pager(here),
                "back": urls.relative(here, base),
                "back_label": back,
                "first": (n - 1) * PAGE_SIZE + 1,
                "last": (n - 1) * PAGE_SIZE + len(chunks[n - 1]),
                "total": len(facts),
            }, description=title, demo=demo, former=urls.former_list_page(base, n, former)))
        data = None
        if facts:
            path = urls.list_data(base, part)
            data = ListData(path, self.fact_rows(path, facts), [self.facets(f) for f in facts])
        block = {"id": part or "danh-sach", "rows": self.fact_rows(base, chunks[0]),
                 "pager": pager(base), "shown": len(chunks[0]), "total": len(facts),
                 "data": urls.relative(base, data.path) if data else ""}
        return block, extra, data

    def facets(self, fact: TaskFact) -> RowFacets:
        """What a list row can be filtered and sorted by."""
        plan = fact.plan
        issuer = self.project.agencies.get(plan.document.issuer)
        province = (self.project.provinces.get(issuer.province)
                    if issuer is not None and issuer.province else None)
        leads = tuple((r.agency, self.project.agencies[r.agency].name) for r in fact.task.leads
                      if r.agency in self.project.agencies)
        return RowFacets(
            status=fact.status.code.value, label=fact.status.label,
            due=fact.status.due.isoformat() if fact.status.due else "",
            plan=(plan.id, plan.document.number, plan.title), leads=leads,
            province=(province.id, province.name) if province else None,
            days=fact.status.days_overdue or 0,
        )

    @staticmethod
    def filterable(blocks: Sequence[dict[str, object]],
                   lists: Sequence[ListData | None]) -> tuple[ListData, ...]:
        """The lists of a page to filter together: all of them when they hold at least
        :data:`FILTER_MIN` rows between them, none otherwise (then the blocks name no file)."""
        kept = tuple(d for d in lists if d is not None)
        if sum(len(d.rows) for d in kept) >= FILTER_MIN:
            return kept
        for block in blocks:
            block["data"] = ""
        return ()

    @staticmethod
    def filter_form(lists: Sequence[ListData], default_order: str) -> dict[str, object] | None:
        """The filters and sort orders offered above a page's lists: one field per facet that
        takes at least two values in them (statuses in the facts layer's display order)."""
        if not lists:
            return None
        facets = [f for data in lists for f in data.facets]
        rank = {code.value: i for i, code in enumerate(ORDER)}
        statuses = sorted({(f.status, f.label) for f in facets}, key=lambda s: rank[s[0]])
        years: list[tuple[str, str]] = [(y, y) for y in sorted({f.due[:4] for f in facets
                                                                  if f.due})]
        if any(not f.due for f in facets):
            years.append((NO_FIXED_DUE, "Không có hạn cố định"))
        plans = sorted({(f.plan[0], f"{f.plan[1]} — {f.plan[2]}") for f in facets},
                       key=lambda p: p[1])
        agencies = sorted({lead for f in facets for lead in f.leads}, key=lambda a: a[1])
        provinces = sorted({f.province for f in facets if f.province}, key=lambda p: p[1])
        fields = [
            (name, label, options) for name, label, options in (
                ("trang-thai", "Trạng thái", statuses),
                ("nam", "Năm đến hạn", years),
                ("ke-hoach", "Văn bản", plans),
                ("co-quan", "Cơ quan chủ trì", agencies),
                ("tinh", "Tỉnh", provinces),
            ) if len(options) > 1
        ]
        return {
            "fields": fields,
            "sorts": [("", f"Mặc định ({default_order})"), *SORT_ORDERS],
        }
