"""The region-year 通报 in the web: drafted from the confirmed findings, edited, issued, written.

What counts: a finding the supervisor **confirmed**. A dismissed finding never counts; a finding
not yet reviewed does not count either (a 通报 names only what a person has checked), and the
pages say how many issues are still waiting (``pending``). Units without a usable report are
named from the coverage matrix: there is no finding to review for a report that is not there.

The text is held as paragraphs with named fields (gongkai.supervision.notice_draft); the
figures are computed from the data whenever the draft is shown or written, and the draft keeps
the figures as they were when it was drafted so the editor can show which have changed since.
Issuing (印发) freezes the notice: the filled text, the figures and the named problems are kept
and nothing changes them again; a new version is a new draft.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from gongkai.report.render.layout import format_date
from gongkai.supervision.notice import Block
from gongkai.supervision.notice import Notice as NoticeText
from gongkai.supervision.notice_draft import (
    DEFAULT_TITLE,
    Category,
    Figure,
    Paragraph,
    Problem,
    categorise,
    default_draft,
    fields_in,
    notice_figures,
    to_notice,
    unknown_fields,
)
from gongkai.supervision.notice_render import write_notice_docx, write_notice_html
from gongkai.supervision.rollup import RollUp, roll_up
from gongkai.supervision.scorecard import default_sheet
from gongkai.web.agencies.models import Agency
from gongkai.web.agencies.selectors import Actor
from gongkai.web.errors import InvalidInput, NotFound
from gongkai.web.supervision import analysis
from gongkai.web.supervision import board as boards
from gongkai.web.supervision.models import Decision, Notice, NoticeEdit, NoticeStatus
from gongkai.web.supervision.selectors import reviews, roster_years

DRAFT_MARK = "草稿——未印发，不得作为正式通报使用"
FORMATS = {
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
        "Word（DOCX）",
    ),
    "html": ("text/html; charset=utf-8", ".html", "网页（HTML）"),
}
FROZEN = "已印发的通报不能再修改；如需调整，请新起草一稿。"


@dataclass(frozen=True)
class RegionYear:
    """What a 通报 of the region-year draws from, computed from the data as they are now."""

    region: Agency
    year: int
    categories: tuple[Category, ...]
    rollup: RollUp
    pending: int  # issues (errors, warnings) nobody has confirmed or dismissed yet
    view: analysis.RegionView
    rows: list[boards.FindingRow]  # the year's findings with their reviews

    def figures(self, deadline: date | None, issuer: str) -> dict[str, Figure]:
        view = self.view
        return notice_figures(
            self.region.name,
            self.year,
            view.rosters[self.year],
            view.coverage,
            self.rollup,
            default_sheet(),
            self.categories,
            format_date(deadline) if deadline else "",
            issuer,
        )


def region_year(region: Agency, year: int) -> RegionYear:
    years = roster_years(region)
    if year not in years:
        raise NotFound("没有这一年度的名单。")
    # last year's reports are read for the cross-year rules; only this year's are checked
    view = analysis.region_view(region, [y for y in (year - 1, year) if y in years])
    roster = view.rosters[year]
    rows = boards.finding_rows(view, year, reviews(region, year))
    confirmed = [
        Problem(
            r.unit.id,
            r.unit.name,
            r.item.finding.code,
            r.item.finding.severity,
            r.item.finding.message,
            r.item.key,
        )
        for r in rows
        if r.review is not None and r.review.decision == Decision.CONFIRMED
    ]
    pending = sum(1 for r in rows if r.item.is_issue and r.review is None)
    categories = categorise(default_sheet(), roster, view.coverage, year, confirmed)
    rollup = roll_up(roster, view.corpora[year].reports(year), year, region.name)
    return RegionYear(region, year, categories, rollup, pending, view, rows)


def roll_up_report(region: Agency, year: int) -> RollUp:
    """The region's totals of the year, from the units' current reports."""
    if year not in roster_years(region):
        raise NotFound("没有这一年度的名单。")
    view = analysis.region_view(region, [year])
    return roll_up(view.rosters[year], view.corpora[year].reports(year), year, region.name)


# ------------------------------------------------------------------------------ reads


def notices(region: Agency, year: int | None = None) -> QuerySet[Notice]:
    found = Notice.objects.filter(region=region)
    return found.filter(year=year) if year is not None else found


def notice_for(region: Agency, pk: int) -> Notice:
    found = notices(region).filter(pk=pk).first()
    if found is None:
        raise NotFound("没有这份通报。")
    return found


def paragraphs(notice: Notice) -> list[Paragraph]:
    return [Paragraph.of(p) for p in notice.paragraphs]


@dataclass(frozen=True)
class FigureChange:
    name: str
    then: str
    now: str
    cited: bool  # whether the draft's text uses it


def changes(notice: Notice, now: Mapping[str, Figure]) -> list[FigureChange]:
    """The figures that differ from when the draft was made (cited ones first)."""
    cited = {f for p in paragraphs(notice) for f in fields_in(p.text)} | set(
        fields_in(notice.title)
    )
    out = [
        FigureChange(name, notice.figures.get(name, "（无）"), figure.text, name in cited)
        for name, figure in now.items()
        if notice.figures.get(name) != figure.text and name not in ("整改期限", "发文机关")
    ]
    return sorted(out, key=lambda c: not c.cited)


@dataclass(frozen=True)
class NoticeItem:
    """One problem a notice names, for the rectification (整改) that follows it."""

    unit_id: str
    unit_name: str
    category: str
    problem: str
    deadline: date
    finding_key: str  # empty for a unit that published no report


def notice_items(notice: Notice) -> list[NoticeItem]:
    """The named units' problems: as frozen at issue, or for a draft as the data are now."""
    raw = notice.items if notice.issued else _items(region_year(notice.region, notice.year))
    return [
        NoticeItem(
            str(i["unit_id"]),
            str(i["unit_name"]),
            str(i["category"]),
            str(i["problem"]),
            notice.deadline,
            str(i.get("key", "")),
        )
        for i in raw
    ]


def _items(data: RegionYear) -> list[dict[str, str]]:
    return [
        {
            "unit_id": p.unit_id,
            "unit_name": p.unit_name,
            "category": c.title,
            "problem": p.text,
            "key": p.key,
        }
        for c in data.categories
        for p in c.problems
    ]


# ------------------------------------------------------------------------------ writes


def _check_deadline(deadline: date | None) -> date:
    if deadline is None:
        raise InvalidInput("请填写整改期限。", fields={"deadline": "请填写整改期限。"})
    if deadline <= timezone.localdate():
        message = f"整改期限（{format_date(deadline)}）须晚于今天。"
        raise InvalidInput(message, fields={"deadline": message})
    return deadline


def create_draft(
    actor: Actor, region: Agency, year: int, deadline: date | None, issuer: str
) -> Notice:
    """A new draft of the region-year's 通报, its text the default with every figure a field."""
    deadline = _check_deadline(deadline)
    data = region_year(region, year)
    issuer = issuer.strip() or region.name
    figures = data.figures(deadline, issuer)
    text = [p.to_dict() for p in default_draft(data.categories)]
    attempts = 3  # two drafts made at the same moment: the later takes the next number
    while True:
        try:
            return _create(actor, region, year, deadline, issuer, text, figures, data.pending)
        except IntegrityError:
            attempts -= 1
            if not attempts:
                raise


def _create(
    actor: Actor,
    region: Agency,
    year: int,
    deadline: date,
    issuer: str,
    text: list[dict[str, str | int]],
    figures: Mapping[str, Figure],
    pending: int,
) -> Notice:
    with transaction.atomic():
        last = Notice.objects.filter(region=region, year=year).aggregate(n=Max("number"))["n"]
        notice = Notice.objects.create(
            region=region,
            year=year,
            number=(last or 0) + 1,
            title=DEFAULT_TITLE,
            deadline=deadline,
            issuer=issuer,
            paragraphs=text,
            figures={name: f.text for name, f in figures.items()},
            pending=pending,
            created_by=actor.name,
        )
        NoticeEdit.objects.create(
            notice=notice, action="起草", actor_name=actor.name, paragraphs=text
        )
    return notice


def save_draft(
    actor: Actor,
    notice: Notice,
    title: str,
    texts: Sequence[str],
    deadline: date | None,
    issuer: str,
) -> Notice:
    """The edited words; a field the data do not know is refused beside its paragraph."""
    if notice.issued:
        raise InvalidInput(FROZEN)
    deadline = _check_deadline(deadline)
    old = paragraphs(notice)
    if len(texts) != len(old):
        raise InvalidInput("通报的段落已变化，请刷新页面后重新修改。")
    data = region_year(notice.region, notice.year)
    known = data.figures(deadline, issuer)
    problems: dict[str, str] = {}
    for name, text in (("title", title), *((f"p{i}", t) for i, t in enumerate(texts))):
        unknown = unknown_fields(text, known)
        if unknown:
            problems[name] = "没有这个数据项：" + "、".join(f"{{{u}}}" for u in unknown)
    if not title.strip():
        problems["title"] = "请填写标题。"
    if problems:
        raise InvalidInput("有数据项无法识别，未保存。", fields=problems)
    new = [Paragraph(p.kind, t.strip(), p.level) for p, t in zip(old, texts, strict=True)]
    changed = sum(1 for a, b in zip(old, new, strict=True) if a.text != b.text)
    with transaction.atomic():
        locked = Notice.objects.select_for_update().get(pk=notice.pk)
        if locked.issued:
            raise InvalidInput(FROZEN)
        locked.title = title.strip()
        locked.paragraphs = [p.to_dict() for p in new]
        locked.deadline = deadline
        locked.issuer = issuer.strip() or notice.region.name
        locked.save()
        NoticeEdit.objects.create(
            notice=locked,
            action="修改",
            actor_name=actor.name,
            paragraphs=locked.paragraphs,
            changed=changed,
        )
    return locked


def issue(actor: Actor, notice: Notice) -> Notice:
    """印发: the text filled with the figures as they are now, and kept so for good."""
    if notice.issued:
        raise InvalidInput("这份通报已经印发。")
    _check_deadline(notice.deadline)
    data = region_year(notice.region, notice.year)
    known = data.figures(notice.deadline, notice.issuer)
    text = _filled(notice, known)
    docx, html = _write(text, "docx"), _write(text, "html")
    with transaction.atomic():
        locked = Notice.objects.select_for_update().get(pk=notice.pk)
        if locked.issued:
            raise InvalidInput("这份通报已经印发。")
        locked.status = NoticeStatus.ISSUED
        locked.title = text.title
        locked.issued_blocks = [
            {"kind": b.kind, "text": b.text, "level": b.level} for b in text.blocks
        ]
        locked.issued_docx, locked.issued_html = docx, html
        locked.issued_sha256 = hashlib.sha256(docx).hexdigest()
        locked.figures = {name: f.text for name, f in known.items()}
        locked.items = _items(data)
        locked.pending = data.pending
        locked.issued_by = actor.name
        locked.issued_at = timezone.now()
        locked.save()
        NoticeEdit.objects.create(
            notice=locked, action="印发", actor_name=actor.name, paragraphs=locked.paragraphs
        )
    return locked


# ------------------------------------------------------------------------------ output


def text_of(notice: Notice, known: Mapping[str, Figure] | None = None) -> NoticeText:
    """What the notice says: frozen when issued, else filled from the data now (marked 草稿)."""
    if notice.issued:
        blocks = tuple(
            Block(str(b["kind"]), str(b["text"]), int(b.get("level", 1)))
            for b in notice.issued_blocks
        )
        return NoticeText(notice.title, blocks, ())
    if known is None:
        known = region_year(notice.region, notice.year).figures(notice.deadline, notice.issuer)
    return _filled(notice, known, DRAFT_MARK)


def _filled(notice: Notice, known: Mapping[str, Figure], mark: str = "") -> NoticeText:
    try:
        return to_notice(notice.title, paragraphs(notice), known, mark)
    except KeyError as error:  # a field saved before the data stopped knowing it
        raise InvalidInput(f"正文中有无法识别的数据项{{{error.args[0]}}}，请修改正文。") from error


def file_name(notice: Notice, fmt: str) -> str:
    draft = "" if notice.issued else f"（第{notice.number}稿 草稿）"
    return f"{notice.region.name}{notice.year}年度年报工作通报{draft}{FORMATS[fmt][1]}"


def rendered(notice: Notice, fmt: str) -> bytes:
    """The file: as issued, byte for byte, or the draft written now."""
    if fmt not in FORMATS:
        raise NotFound(f"没有这种格式：{fmt}")
    stored = notice.issued_docx if fmt == "docx" else notice.issued_html
    if notice.issued and stored is not None:
        return bytes(stored)
    return _write(text_of(notice), fmt)


def _write(text: NoticeText, fmt: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"notice{FORMATS[fmt][1]}"
        if fmt == "docx":
            write_notice_docx(text, path)
        else:
            write_notice_html(text, path)
        return path.read_bytes()
