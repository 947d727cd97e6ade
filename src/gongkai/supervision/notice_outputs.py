"""The scores, the 通报 and the charts written to the supervision's folder.

scores.csv / scores.xlsx      one row per unit: the score, the band, each item's score and the
                              deductions; the XLSX also lists every deduction with its evidence
通报.html / 通报.docx          the region-year 通报 (:mod:`.notice`)
charts/*.svg                  the 通报's charts, byte-identical for the same input
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from .coverage import STATUS_LABEL
from .notice import Notice, NoticeSettings, build_notice
from .notice_render import write_notice_docx, write_notice_html
from .pipeline import Supervision
from .scorecard import Sheet
from .scoring import UnitScore, score_region
from .sheets import Table, Value, write_csv, write_xlsx

__all__ = ["deductions_table", "scores_table", "write_assessment"]


def _number(value: Decimal) -> Value:
    return int(value) if value == value.to_integral_value() else value


def scores_table(sheet: Sheet, scores: tuple[UnitScore, ...]) -> Table:
    rows: list[list[Value]] = []
    for unit in scores:
        by_item = {i.item.id: i.score for i in unit.items}
        lost = "；".join(
            f"{d.check}（{d.place}）扣{d.points.normalize():f}分"
            for d in unit.deductions
            if d.points
        )
        rows.append(
            [
                unit.unit_id,
                unit.name,
                unit.unit_type,
                STATUS_LABEL[unit.status],
                _number(unit.score),
                unit.band,
                *(_number(by_item[i.id]) if i.id in by_item else None for i in sheet.items),
                lost or unit.note,
            ]
        )
    headers = (
        "单位编码",
        "单位名称",
        "单位类型",
        "发布情况",
        "得分",
        "档次",
        *(f"{i.title}（{i.weight.normalize():f}分）" for i in sheet.items),
        "扣分情况",
    )
    return Table("评分", headers, rows)


def deductions_table(sheet: Sheet, scores: tuple[UnitScore, ...]) -> Table:
    titles = {i.id: i.title for i in sheet.items}
    rows: list[list[Value]] = []
    for unit in scores:
        for d in unit.deductions:
            rows.append(
                [
                    unit.unit_id,
                    unit.name,
                    titles.get(d.item, d.item),
                    d.check,
                    _number(d.points),
                    d.code,
                    d.place,
                    d.evidence,
                    d.source,
                ]
            )
    headers = ("单位编码", "单位名称", "评分项", "扣分原因", "扣分", "依据", "位置", "证据", "文件")
    return Table("扣分明细", headers, rows)


def write_assessment(
    result: Supervision, out: Path, sheet: Sheet, settings: NoticeSettings | None = None
) -> tuple[tuple[UnitScore, ...], Notice]:
    scores = score_region(sheet, result)
    table = scores_table(sheet, scores)
    write_csv(out / "scores.csv", table)
    write_xlsx(out / "scores.xlsx", [table, deductions_table(sheet, scores)])
    notice = build_notice(result, sheet, scores, settings)
    charts = out / "charts"
    charts.mkdir(parents=True, exist_ok=True)
    for chart in notice.charts:
        (charts / f"{chart.name}.svg").write_bytes(chart.svg.encode("utf-8"))
    write_notice_html(notice, out / "通报.html")
    write_notice_docx(notice, out / "通报.docx")
    return scores, notice
