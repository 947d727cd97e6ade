"""The validation catalogue. ``check`` runs every rule and returns all findings at once."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import SEVERITIES, Finding, Report
from . import arithmetic, crossyear, structure, wording  # noqa: F401  (they register rules)
from .base import RULES, CheckConfig, Context, Rule, run_checks

__all__ = ["RULES", "CheckConfig", "Rule", "check", "has_errors"]


def check(
    report: Report,
    previous: Report | None = None,
    config: CheckConfig | None = None,
    codes: Iterable[str] | None = None,
) -> list[Finding]:
    """Every finding of every rule (or of ``codes``), errors first, then in catalogue order."""
    wanted = set(codes) if codes is not None else None
    selected = [r for r in RULES.values() if wanted is None or r.code in wanted]
    ctx = Context(report, previous, config or CheckConfig())
    findings = list(run_checks(ctx, selected))
    order = {code: i for i, code in enumerate(RULES)}
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), order.get(f.code, 0)))


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
