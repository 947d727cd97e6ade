"""What the supervision signals read and return: a unit's report, a pair of years, a finding.

The signals are findings of ``gongkai.report.model.Finding``, like the report catalogue's, so a
region's list holds both kinds and every renderer and export reads them the same way. A finding
made here carries the cells it concerns in ``detail["cells"]`` (``[table, row, column]``
triples, as the catalogue's arithmetic rules do) and what it rests on in ``detail["evidence"]``.
:class:`UnitFinding` puts the unit beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gongkai.report.model import Finding, Report, Severity


@dataclass(frozen=True)
class UnitReport:
    """One unit's report for one year, as the roster names the unit."""

    unit_id: str
    unit_name: str
    year: int
    report: Report
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the unit goes by, longest first (a name inside a longer one comes after)."""
        names = {self.unit_name, *self.aliases}
        if self.report.agency:
            names.add(self.report.agency)
        return tuple(sorted((n for n in names if n), key=lambda n: (-len(n), n)))


@dataclass(frozen=True)
class UnitPair:
    """The same unit this year and last year (``previous`` is None when last year's is absent)."""

    current: UnitReport
    previous: UnitReport | None = None


@dataclass(frozen=True)
class UnitFinding:
    unit_id: str
    unit_name: str
    year: int
    finding: Finding

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit_id": self.unit_id,
            "unit_name": self.unit_name,
            "year": self.year,
            **self.finding.to_dict(),
        }


@dataclass(frozen=True)
class SignalSettings:
    """Thresholds of the supervision signals; a region may pass its own."""

    # implausible jump: |this year − last year| ≥ max(jump_floor, jump_factor × last year)
    jump_floor: int = 10
    jump_factor: int = 3
    # 元 entered as 万元 (or the reverse): this year's fee ÷ last year's within a factor of
    # ``fee_slip_tolerance`` of 10,000 or of 1/10,000
    fee_slip_ratio: Decimal = Decimal(10_000)
    fee_slip_tolerance: Decimal = Decimal(3)
    # identical figures: at least this many non-zero cells repeated exactly (and intake > 0)
    same_figures_min_nonzero: int = 3
    # section 五: content characters left once the template's own text is removed
    problems_min_chars: int = 80
    # section 五 repeating last year's: share of its content repeated from last year's 五
    problems_repeat_threshold: float = 0.5
    # whole report against last year: repetition above this share (国办公开办函〔2021〕30号
    # names 内容雷同; an assessment sheet in use penalises "与上年度重复率大于50%")
    copy_threshold: float = 0.5


DEFAULT_SETTINGS = SignalSettings()


@dataclass(frozen=True)
class Signal:
    code: str
    severity: Severity
    title: str  # what the signal means, in Chinese, for the catalogue
    refs: tuple[str, ...] = ()  # legal-spec identifiers (E04, E06, E07, E13, E15…)


SIGNALS: dict[str, Signal] = {
    s.code: s
    for s in (
        Signal("SUP-SAME-FIGURES", "warning", "统计表数字与上年完全相同（有申请量）", ("E06",)),
        Signal("SUP-JUMP", "warning", "主要数字较上年异常跳变", ("E05",)),
        Signal("SUP-FEE-SLIP", "warning", "收费金额与上年相差约一万倍，疑似元与万元混用", ("E15",)),
        Signal("SUP-FORMAT-OLD", "error", "2021年及以后的报告使用了2019年试行格式的表格", ("E07",)),
        Signal("SUP-PROBLEMS-EMPTY", "warning", "第五部分存在的主要问题及改进情况为空", ("E13",)),
        Signal(
            "SUP-PROBLEMS-THIN", "warning", "第五部分存在的主要问题及改进情况敷衍简略", ("E13",)
        ),
        Signal("SUP-PROBLEMS-REPEAT", "warning", "第五部分重复上年的问题和措施", ("E13", "E06")),
        Signal("SUP-COPY-YEAR", "warning", "报告正文与本单位上年报告重复率过高", ("E06",)),
        Signal("SUP-COPY-PEER", "warning", "报告正文与同一地区其他单位的报告高度雷同", ("E06",)),
    )
}


def signal(
    code: str,
    message: str,
    *,
    cells: list[list[str | None]] | None = None,
    evidence: Mapping[str, Any] | None = None,
    **where: Any,
) -> Finding:
    detail: dict[str, Any] = {}
    if cells:
        detail["cells"] = cells
    if evidence:
        detail["evidence"] = dict(evidence)
    return Finding(code, SIGNALS[code].severity, message, detail=detail, **where)


def for_unit(unit: UnitReport, findings: list[Finding]) -> list[UnitFinding]:
    return [UnitFinding(unit.unit_id, unit.unit_name, unit.year, f) for f in findings]
