"""Pages about the site and its documents rather than its lists: who publishes it (contact),
the demo section, each plan's copy of its document, and what the top of a plan page says about
its period and the documents that amend or replace it (issue 18).

:class:`generator.site.pages.Builder` inherits these; they are here to keep that module small.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from markupsafe import Markup, escape

from generator.common import urls
from generator.facts.relations import period_over
from generator.facts.stats import Summary
from generator.model.entities import Plan
from generator.site.sourcetext import paragraphs
from generator.site.views import Link, Page, Views
from generator.sources.clock import vn_date
from generator.sources.vocabulary import DOCUMENT_TYPE_NAMES, RELATION_TYPE_NAMES


class AboutPages(Views):
    """The pages and page parts of issue 18 that are not lists."""

    def source_document(self, plan: Plan, text: str) -> Page:
        """The page of a plan's copy of its document: readable paragraphs, the raw copy to
        download, the official original when the plan records its address."""
        here = urls.source_page(plan.id)
        doc = plan.document
        kind = DOCUMENT_TYPE_NAMES[doc.type]
        return Page(here, "source_document.md.j2",
                    f"{kind} số {doc.number}: {doc.summary or plan.title}", {
            "plan": self.plan_link(here, plan),
            "number": doc.number,
            "kind": kind,
            "issued": vn_date(doc.issued),
            "issuer": self.agency_link(here, doc.issuer),
            "source_url": doc.source_url,
            "text_file": urls.relative(here, urls.source_text_path(plan.id)),
            "text_name": urls.source_text_path(plan.id).rsplit("/", 1)[-1],
            "paragraphs": paragraphs(text),
            "notes": bool(plan.notes),
            "notes_link": urls.relative(here, urls.plan_page(plan.id), "ghi-chu"),
            "home": urls.relative(here, urls.HOME),
            "plans_index": urls.relative(here, self.plans_index_page),
        }, description=f"Bản sao {kind.lower()} số {doc.number} ngày {vn_date(doc.issued)}.",
            demo=plan.demo)

    def contact(self) -> Page:
        """The "Liên hệ, góp ý" page: who publishes the site and where to report an error."""
        here = urls.CONTACT
        settings = self.project.settings
        publisher, repository = settings.publisher, settings.repository
        channels = []
        if repository:
            issues = repository.rstrip("/") + "/issues"
            channels.append(Markup(
                f'mục “Issues” của <a href="{escape(issues)}" rel="nofollow noopener">kho dữ '
                "liệu và mã nguồn</a> (cần tài khoản); mọi thay đổi dữ liệu đều được ghi lại "
                "công khai trong lịch sử của kho;"))
        if publisher and publisher.email:
            channels.append(Markup(
                f'thư điện tử tới <a href="mailto:{escape(publisher.email)}">'
                f"{escape(publisher.email)}</a> ({escape(publisher.name)});"))
        if publisher and publisher.address:
            channels.append(Markup(f"văn bản gửi {escape(publisher.name)}, "
                                   f"{escape(publisher.address)}."))
        return Page(here, "contact.md.j2", "Liên hệ, góp ý", {
            "publisher": publisher,
            "repository": repository,
            "channels": channels,
            "method": urls.relative(here, urls.METHODOLOGY),
        }, description="Đơn vị công bố trang, cách báo lỗi dữ liệu và góp ý.")

    def demo_section(self) -> Page:
        """The demo section's own page: what the fictional data is, and where it lives."""
        here = urls.DEMO_SECTION
        plans = []
        for plan in self.project.plans:
            summary = self.s.summary(self.s.by_plan.get(plan.id, []))
            plans.append({
                "link": self.plan_link(here, plan), "number": plan.document.number,
                "issued": vn_date(plan.document.issued),
                "issued_iso": plan.document.issued.isoformat(), "tasks": summary.total,
                "overdue": summary.overdue, "past_due_unreported": summary.past_due_unreported,
            })
        agencies = [self.agency_link(here, a.id)
                    for a in sorted(self.project.agencies.values(), key=lambda a: a.name)]
        provinces = [p.name for p in self.project.provinces.values()]
        return Page(here, "demo_section.md.j2", "Dữ liệu minh họa", {
            "plans": plans,
            "agencies": agencies,
            "provinces": provinces,
            "counts": self.counts(self.s.summary()),
            "as_of": vn_date(self.as_of),
            "home": urls.relative(here, urls.HOME),
        }, description="Văn bản, cơ quan và số liệu hư cấu dùng để trình diễn trang; không được "
           "tính vào số liệu chung.", demo=True)

    def _period_over(self, plan: Plan, summary: Summary) -> dict[str, object] | None:
        """What the top of a plan whose period is over says: the year, and what was reported."""
        year = period_over(plan, self.as_of)
        if year is None:
            return None
        return {"year": year, "total": summary.total, "reported": summary.reported,
                "completed": summary.completed, "overdue": summary.overdue,
                "past_due_unreported": summary.past_due_unreported,
                "replaced": summary.replaced}

    def _relations(self, here: str, plan: Plan) -> dict[str, list[dict[str, object]]]:
        """The documents this plan amends or replaces, and those that amend or replace it."""
        by_id = {p.id: p for p in self.project.plans}

        def document(number: str, issued: dt.date, other: Plan | None) -> Link:
            text = f"số {number} ngày {vn_date(issued)}"
            if other is None:
                return Link(text)
            kind = DOCUMENT_TYPE_NAMES[other.document.type]
            return replace(self.plan_link(here, other), text=f"{kind} {text}")

        outgoing = [{
            "type": rel.type, "label": RELATION_TYPE_NAMES[rel.type],
            "document": document(rel.number, rel.date, by_id.get(rel.plan or "")),
            "tasks": list(rel.tasks), "quote": rel.quote,
        } for rel in plan.relations]
        incoming_ = [{
            "type": link.relation.type, "label": RELATION_TYPE_NAMES[link.relation.type],
            "document": document(link.source.document.number, link.source.document.issued,
                                 link.source),
            "tasks": list(link.relation.tasks), "since": vn_date(link.since),
            "quote": link.relation.quote,
        } for link in self._incoming.get(plan.id, [])]
        return {"outgoing": outgoing, "incoming": incoming_}
