"""The six registers as pages: what each lists, filters by, and writes with."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.forms.models import model_to_dict

from gongkai.web.agencies.selectors import Actor, agencies_readable
from gongkai.web.registers import forms, selectors
from gongkai.web.registers.models import (
    CatalogueEntry,
    DecisionKind,
    DecisionSource,
    Dispute,
    DisputePath,
    DocumentKind,
    MatterKind,
)
from gongkai.web.registers.services import catalogue, decisions, disputes, documents, fees, matters
from gongkai.web.registers.views.common import Filter, Page

__all__ = ["PAGES", "Page"]
from gongkai.web.workdays.selectors import final_calendar


def _choices(choices: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(v), str(label)) for v, label in choices)


def _agency_in_view(actor: Actor, params: dict[str, Any]) -> int | None:
    """The one agency a list shows, if it shows one: chosen, or the only one readable."""
    if params.get("agency"):
        return int(params["agency"])
    ids = list(agencies_readable(actor).values_list("pk", flat=True)[:2])
    return ids[0] if len(ids) == 1 else None


def _catalogue_extra(actor: Actor, params: dict[str, Any], rows: Any) -> dict[str, Any]:
    agency = _agency_in_view(actor, params)
    summaries = selectors.catalogue_summaries(agency) if agency else []
    if params.get("year"):
        summaries = [s for s in summaries if s.year == params["year"]]
    return {"summaries": summaries, "limit": 20}


def _catalogue_detail(record: CatalogueEntry, today: date) -> dict[str, Any]:
    return {"timing": selectors.entry_timeliness(final_calendar(), record, today)}


def _dispute_detail(record: Dispute, today: date) -> dict[str, Any]:
    return {"suits": list(record.suits.order_by("filed_on", "pk"))}


def _dispute_reviews(actor: Actor, record: Dispute | None) -> dict[str, Any]:
    if record is not None:
        return {"reviews": selectors.reviews_of(record.agency_id, exclude=record.pk)}
    agency = selectors.write_agency(actor)
    return {"reviews": selectors.reviews_of(agency.pk) if agency else Dispute.objects.none()}


def _dispute_initial(record: Dispute) -> dict[str, Any]:
    initial = model_to_dict(record)
    initial["application_number"] = (
        record.application.tracking_number if record.application is not None else ""
    )
    return initial


DOCUMENTS = Page(
    slug="documents",
    title="规章和规范性文件",
    register=documents.DOCUMENTS,
    form=lambda record: forms.DocumentForm,
    rows=lambda actor, p, today: selectors.documents(actor, today=today, **p),
    create=documents.create_document,
    update=documents.update_document,
    delete=documents.delete_document,
    year_field="issued_on",
    filters=(
        Filter("kind", "类别", _choices(DocumentKind.choices)),
        Filter(
            "status",
            "现状",
            (("in_force", "现行有效"), ("repealed", "已废止"), ("expired", "已失效")),
        ),
    ),
    help="条例第二十条第（一）项。按年度筛选时，列出该年度内曾经有效的文件（年度报告统计其制发、废止和现行有效件数）。",
)

DECISIONS = Page(
    slug="decisions",
    title="行政许可、处罚、强制决定",
    register=decisions.DECISIONS,
    form=lambda record: (
        forms.DecisionTotalForm
        if record is not None and record.source == DecisionSource.TOTAL
        else forms.DecisionEntryForm
    ),
    rows=lambda actor, p, today: selectors.decisions(actor, **p),
    create=decisions.create_entry,
    update=decisions.update_decision,
    delete=decisions.delete_decision,
    year_field="year",
    filters=(
        Filter("kind", "类别", _choices(DecisionKind.choices)),
        Filter("source", "来源", _choices(DecisionSource.choices)),
    ),
    extra=lambda actor, p, rows: {"total_count": selectors.total_count(rows)},
    help="条例第二十条第（五）、（六）项。可以逐件登记、按年度登记合计件数，或从其他系统导出的CSV文件批量导入；同一年度的同一类别只能选择合计或逐件之一。",
)

FEES = Page(
    slug="fees",
    title="行政事业性收费",
    register=fees.FEES,
    form=lambda record: forms.FeeIncomeForm,
    rows=lambda actor, p, today: selectors.fee_incomes(actor, **p),
    create=fees.create_fee_income,
    update=fees.update_fee_income,
    delete=fees.delete_fee_income,
    year_field="year",
    extra=lambda actor, p, rows: {"total_amount": selectors.total_amount(rows)},
    help="条例第二十条第（八）项。按年度、收费项目登记本年收费金额，单位为万元。",
)

CATALOGUE = Page(
    slug="catalogue",
    title="政府信息公开目录",
    register=catalogue.CATALOGUE,
    form=lambda record: forms.CatalogueForm,
    rows=lambda actor, p, today: selectors.catalogue(actor, today=today, **p),
    create=catalogue.create_entry,
    update=catalogue.update_entry,
    delete=catalogue.delete_entry,
    year_field="created_on",
    filters=(
        Filter(
            "status",
            "公开情况",
            (("late", "逾期公开"), ("awaiting", "待公开"), ("published", "已公开")),
        ),
    ),
    extra=_catalogue_extra,
    detail=_catalogue_detail,
    help="条例第十二条、第十七条、第二十六条。公开前须经保密审查；应当自信息形成或者变更之日起20个工作日内公开，工作日按官方节假日安排（含调休）计算，形成或变更当日不计入。",
)

DISPUTES = Page(
    slug="disputes",
    title="行政复议、行政诉讼案件",
    register=disputes.DISPUTES,
    form=lambda record: forms.DisputeForm,
    rows=lambda actor, p, today: selectors.disputes(actor, **p),
    create=disputes.create_dispute,
    update=disputes.update_dispute,
    delete=disputes.delete_dispute,
    year_field="filed_on",
    filters=(
        Filter("path", "类别", _choices(DisputePath.choices)),
        Filter("state", "状态", (("pending", "尚未审结"), ("concluded", "已审结"))),
    ),
    initial=_dispute_initial,
    form_kwargs=_dispute_reviews,
    detail=_dispute_detail,
    help="因政府信息公开工作被申请行政复议、提起行政诉讼的案件。按年度筛选时，列出该年度审结的和年末尚未审结的案件（即年度报告第四部分统计的案件）。",
)

MATTERS = Page(
    slug="matters",
    title="其他工作事项",
    register=matters.MATTERS,
    form=lambda record: forms.MatterForm,
    rows=lambda actor, p, today: selectors.matters(actor, **p),
    create=matters.create_matter,
    update=matters.update_matter,
    delete=matters.delete_matter,
    year_field="on",
    filters=(Filter("kind", "类别", _choices(MatterKind.choices)),),
    help="人大代表建议和政协提案办理、培训、政策解读、新闻发布会、平台建设等，供年度报告第一、六部分使用。",
)

PAGES: tuple[Page, ...] = (DOCUMENTS, DECISIONS, FEES, CATALOGUE, DISPUTES, MATTERS)
