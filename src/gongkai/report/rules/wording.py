"""Checks on the words: residue, repealed rules, narrative vs tables, section 五 and 六 content,
metadata and the publication date (docs/law.md#errors: E01, E08–E10, E13, E16; #soft-checks S3)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..model import Finding, Number
from ..normalize import fold, label_key
from .base import Context, finding, fmt_number, known, rule, where

_RESIDUE = re.compile(
    r"编写说明|填写说明|填报说明|(?<![A-Za-z0-9])(?:20)?(?:XX|xx|XXX|Xx)(?:年|月|日|局|区|县|市|单位|号|件)?(?![A-Za-z0-9@.])"
    r"|××|ＸＸ|某某"
)
_RESIDUE_HINTS = ("编写说明", "填写说明", "填报说明", "XX", "xx", "Xx", "××", "ＸＸ", "某某")
_RESIDUE_HINT = re.compile("|".join(map(re.escape, _RESIDUE_HINTS)))  # one scan for them all
_EMAIL_OR_URL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|https?://\S+|www\.\S+")


@rule("TEMPLATE-RESIDUE", "error", "报告中残留模板说明或占位符（编写说明、XX、××）", ("E08",))
def template_residue(ctx: Context) -> Iterator[Finding]:
    text = ctx.report.full_text
    if not _RESIDUE_HINT.search(text):
        return
    text = _EMAIL_OR_URL.sub(" ", text)
    seen: set[str] = set()
    for match in _RESIDUE.finditer(text):
        word = match.group(0)
        if word in seen:
            continue
        seen.add(word)
        line = text.count("\n", 0, match.start()) + 1
        snippet = text[max(match.start() - 12, 0) : match.end() + 12].replace("\n", " ")
        yield finding(
            "TEMPLATE-RESIDUE",
            f"报告中残留模板文字“{word}”：…{snippet}…",
            actual=word,
            line=line,
        )


_OLD_RULES = re.compile(r"(?:国务院令)?第\s*492\s*号|2007\s*年\s*4\s*月\s*5\s*日")
_OLD_DEADLINE = re.compile(r"(?:十五|15)\s*个工作日内?(?:予以|作出)?答复")


@rule("LEGAL-OLD-RULES", "error", "引用已废止的2007年条例（国务院令第492号）", ("E16",))
def old_rules(ctx: Context) -> Iterator[Finding]:
    text = ctx.report.full_text
    if "492" not in text and "2007" not in text and "４９２" not in text:
        return
    match = _OLD_RULES.search(fold(text))
    if match:
        yield finding(
            "LEGAL-OLD-RULES",
            f"报告引用了“{match.group(0)}”，即2007年版条例；现行条例为2019年修订的国务院令第711号",
            actual=match.group(0),
        )


@rule("LEGAL-OLD-DEADLINE", "warning", "沿用旧条例15个工作日的答复期限", ("E16",))
def old_deadline(ctx: Context) -> Iterator[Finding]:
    match = _OLD_DEADLINE.search(fold(ctx.report.full_text))
    if match:
        yield finding(
            "LEGAL-OLD-DEADLINE",
            f"报告写有“{match.group(0)}”：现行条例第三十三条规定的答复期限为20个工作日（可延长20个工作日）",
            actual=match.group(0),
        )


_CLAUSE = r"[^。；;，,\d]"
_RECEIVED = re.compile(rf"(?:收到|受理|新收|接收|接到)(?P<what>{_CLAUSE}{{0,30}}?)(?P<n>\d+)\s*件")
_NONE_RECEIVED = re.compile(rf"(?:未|没有)(?:收到|受理|接到)(?P<what>{_CLAUSE}{{0,20}}?)申请")
_CARRIED_IN = re.compile(
    r"(?:上年|上一年度?|(?P<y>\d{4})\s*年度?)结转(?:的)?(?:政府信息公开)?(?:申请)?(?P<n>\d+)\s*件"
)
_CARRIED_OUT = re.compile(
    r"结转(?:至|到)?(?:下一?年度?|(?P<y>\d{4})\s*年度?)(?:继续)?(?:办理)?(?P<n>\d+)\s*件"
)
_CONCLUDED = re.compile(r"办结(?:数|申请)?(?P<n>\d+)\s*件")
_NOT_APPLICATIONS = (
    "复议",
    "诉讼",
    "建议",
    "提案",
    "信访",
    "投诉",
    "咨询",
    "留言",
    "结转",
    "来电",
    "热线",
)


def narrative_figures(text: str, year: int | None) -> list[tuple[str, int, str]]:
    """(row, number, quoted words) for the application figures a narrative states."""
    found: list[tuple[str, int, str]] = []
    text = fold(text)
    for match in _RECEIVED.finditer(text):
        what = match.group("what")
        before = text[max(match.start() - 10, 0) : match.start()]
        other_year = re.search(r"(\d{4})\s*年", before)
        if "申请" not in what or any(w in what for w in _NOT_APPLICATIONS):
            continue
        if other_year and year and int(other_year.group(1)) != year:
            continue
        found.append(("received", int(match.group("n")), match.group(0)))
        break
    else:
        none = _NONE_RECEIVED.search(text)
        if none and not any(w in none.group("what") for w in _NOT_APPLICATIONS):
            found.append(("received", 0, none.group(0)))
    for row, pattern, offset in (("carried_in", _CARRIED_IN, -1), ("carried_out", _CARRIED_OUT, 1)):
        for match in pattern.finditer(text):
            said_year = match.group("y")
            if said_year and year and int(said_year) != year + offset:
                continue
            found.append((row, int(match.group("n")), match.group(0)))
            break
    concluded = _CONCLUDED.search(text)
    if concluded:
        found.append(("concluded_total", int(concluded.group("n")), concluded.group(0)))
    return found


@rule("NARR-MISMATCH", "warning", "正文所述申请数字与表三不一致", ("S3", "E09"))
def narrative_mismatch(ctx: Context) -> Iterator[Finding]:
    for section in ("overview", "applications_section"):
        text = ctx.report.sections.get(section) or ""
        for row, said, words in narrative_figures(text, ctx.report.year):
            table_value: Number | None = known(ctx, "applications", row, "total")
            if table_value is None or table_value == said:
                continue
            yield finding(
                "NARR-MISMATCH",
                f"正文写“{words}”，而{where(ctx.spec, 'applications', row, 'total')}为 {fmt_number(table_value)}",
                section=section,
                table="applications",
                row=row,
                column="total",
                expected=table_value,
                actual=said,
            )


_FEE = re.compile(r"信息处理费|处理费|收费|收取.{0,12}费|费用")


@rule("OTHER-FEE", "error", "第六部分未说明信息处理费收取情况", ("E10",))
def fee_statement(ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    if not ((report.year or 0) >= 2021 or report.format == "2021"):
        return
    text = report.sections.get("other_section")
    if text is None:
        return
    if not _FEE.search(text):
        yield finding(
            "OTHER-FEE",
            "第六部分“其他需要报告的事项”没有说明信息处理费的收取情况（发出收费通知的件数、金额和实际收取的总额）",
            section="other_section",
        )


@rule("OTHER-EMPTY", "warning", "第六部分为空", ("E10",))
def other_empty(ctx: Context) -> Iterator[Finding]:
    text = ctx.report.sections.get("other_section")
    if text is not None and len(label_key(text)) <= 2:
        yield finding(
            "OTHER-EMPTY", "第六部分“其他需要报告的事项”没有内容", section="other_section"
        )


_GOVERNMENT_ITEMS = (
    ("工作要点", ("工作要点", "要点")),
    ("人大代表建议和政协提案办理结果公开情况", ("建议", "提案")),
    ("政务公开工作创新情况", ("创新",)),
)


@rule(
    "OTHER-GOV-ITEMS", "warning", "人民政府的报告第六部分缺少工作要点、建议提案或创新情况", ("E10",)
)
def government_items(ctx: Context) -> Iterator[Finding]:
    agency = ctx.report.agency or ""
    text = ctx.report.sections.get("other_section")
    if not agency.endswith("人民政府") or text is None:
        return
    for name, words in _GOVERNMENT_ITEMS:
        if not any(w in text for w in words):
            yield finding(
                "OTHER-GOV-ITEMS",
                f"人民政府的年度报告第六部分应报告{name}，未见相关内容",
                section="other_section",
                expected=name,
            )


@rule("PROBLEMS-THIN", "warning", "第五部分存在问题及改进情况过于简略", ("E13",))
def problems_thin(ctx: Context) -> Iterator[Finding]:
    text = ctx.report.sections.get("problems_section")
    if text is None:
        return
    size = len(label_key(text))
    if size < ctx.config.thin_problems:
        yield finding(
            "PROBLEMS-THIN",
            f"第五部分只有 {size} 个字，问题和改进措施过于简略",
            section="problems_section",
            actual=size,
            expected=ctx.config.thin_problems,
        )


@rule("META-AGENCY", "warning", "报告未写明发布机关的名称", ("E05",))
def agency_missing(ctx: Context) -> Iterator[Finding]:
    if not ctx.report.agency:
        yield finding("META-AGENCY", "报告标题、落款和正文都没有写明机关全称")


@rule("META-YEAR", "error", "无法确定报告年度", ("E08",))
def year_missing(ctx: Context) -> Iterator[Finding]:
    if ctx.report.year is None:
        yield finding("META-YEAR", "报告标题和正文都没有写明报告年度")


@rule("META-PERIOD", "error", "统计期限与报告年度不一致", ("E08",))
def period_year(ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    if report.year is None or report.period is None:
        return
    if report.period.start != date(report.year, 1, 1) or report.period.end != date(
        report.year, 12, 31
    ):
        yield finding(
            "META-PERIOD",
            f"{report.year}年度报告的统计期限写作 {report.period.start.isoformat()} 至 {report.period.end.isoformat()}，"
            f"应为 {report.year}-01-01 至 {report.year}-12-31",
            expected=[f"{report.year}-01-01", f"{report.year}-12-31"],
            actual=[report.period.start.isoformat(), report.period.end.isoformat()],
        )


@rule("META-CONTACT", "warning", "报告没有提供联系方式", ())
def contact_missing(ctx: Context) -> Iterator[Finding]:
    contact = ctx.report.contact
    if not any((contact.address, contact.postcode, contact.phone, contact.email)):
        yield finding("META-CONTACT", "报告没有写明对报告内容有疑问时的联系地址、电话或电子邮箱")


@rule("PUB-LATE", "warning", "落款日期晚于法定发布期限", ("E01",))
def published_late(ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    if report.published_on is None or report.year is None:
        return
    government = (report.agency or "").endswith("人民政府")
    deadline = date(report.year + 1, 3, 31) if government else date(report.year + 1, 1, 31)
    if report.published_on > deadline:
        yield finding(
            "PUB-LATE",
            f"落款日期 {report.published_on.isoformat()} 晚于发布期限 {deadline.isoformat()}（条例第四十九条）",
            expected=deadline,
            actual=report.published_on,
        )
    elif report.published_on <= date(report.year, 12, 31):
        yield Finding(
            "PUB-LATE",
            "warning",
            f"落款日期 {report.published_on.isoformat()} 早于报告年度结束，请核实年度或日期",
            expected=date(report.year + 1, 1, 1),
            actual=report.published_on,
        )
