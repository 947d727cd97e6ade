"""A region's reports keyed by unit and year: read, matched to the roster, de-duplicated.

* Every file of a folder or .zip is read with :func:`gongkai.report.batch.read_all`; a file
  that cannot be read is an :class:`Unreadable` entry naming it and the problem.
* A report is matched to a unit by the agency name inside it (its full name or an alias, with
  spaces and full-width forms folded; a leading province or city name is tried off when the
  whole name matches nothing), never by the file name. A report that matches no unit or two is
  :class:`Unassigned`, for a person to assign.
* Content hash: the canonical tables and the sections' text (letters, digits and characters
  only), so that the same report uploaded twice, or as a PDF and as a web page, is one report
  with two sources. A unit-year with two different contents keeps both as versions: the
  evaluators' "发布后有变动" (E11).
* Publication date: the manifest's; else the report's own signing date (落款日期, marked
  ``"signature"``) or the page's publication time a crawler recorded (``"page"``); else none,
  which is "date unknown", never "on time".
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from gongkai.report.batch import Outcome, Progress, read_all
from gongkai.report.canonical import to_canonical
from gongkai.report.model import Report
from gongkai.report.spec import SECTION_KEYS, TABLE_KEYS

from .dates import parse_date
from .names import name_key, without_region_prefix
from .roster import Roster
from .tabular import TableFileError, read_sheet

__all__ = [
    "Corpus",
    "Entry",
    "ManifestEntry",
    "Unassigned",
    "Unreadable",
    "Version",
    "build_corpus",
    "content_hash",
    "load_corpus",
    "match_name",
    "read_manifest",
]

DateSource = Literal["manifest", "signature", "page", "platform"]
DATE_SOURCE_LABEL: dict[str, str] = {
    "manifest": "清单所列发布日期",
    "signature": "报告落款日期",
    "page": "网页发布时间",
    "platform": "本系统发布记录",  # a unit that publishes its report in gongkai itself
}

MANIFEST_HEADERS: dict[str, tuple[str, ...]] = {
    "file": ("文件", "file"),
    "unit": ("单位", "unit"),
    "url": ("网址", "url"),
    "published_on": ("发布日期", "published_on"),
}


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    unit: str | None = None
    url: str | None = None
    published_on: date | None = None
    row: int | None = None


def read_manifest(path: Path | str) -> dict[str, ManifestEntry]:
    """Manifest rows by file path (as :func:`file_key` writes it); every bad row is listed."""
    sheet = read_sheet(Path(path), MANIFEST_HEADERS, ("file",))
    problems: list[str] = []
    out: dict[str, ManifestEntry] = {}
    for number, row in sheet.rows:
        file = row.get("file", "")
        if not file:
            problems.append(f"第{number}行：文件为空")
            continue
        text = row.get("published_on", "")
        published = parse_date(text) if text else None
        if text and published is None:
            problems.append(
                f"第{number}行：发布日期“{text}”无法识别（应为 YYYY-MM-DD、YYYY/MM/DD 或 YYYY年M月D日）"
            )
        key = file_key(file)
        if key in out:
            problems.append(f"第{number}行：文件“{file}”与第{out[key].row}行重复")
        out[key] = ManifestEntry(
            file, row.get("unit") or None, row.get("url") or None, published, number
        )
    if problems:
        raise TableFileError(str(path), problems)
    return out


def file_key(path: str) -> str:
    """A file's path inside the folder or zip, comparable: forward slashes, no "./"."""
    text = path.replace("\\", "/").strip()
    while text.startswith("./"):
        text = text[2:]
    return text.strip("/")


@dataclass(frozen=True)
class Version:
    """One content of a unit-year's report, with every file that carries it."""

    report: Report
    content_hash: str
    sources: tuple[str, ...]
    published_on: date | None
    date_source: DateSource | None
    urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """A unit's report on one year: its versions in publication order (undated ones last)."""

    unit_id: str
    year: int
    versions: tuple[Version, ...]

    @property
    def current(self) -> Version:
        """The latest version: the one the figures are taken from."""
        return self.versions[-1]

    @property
    def first(self) -> Version:
        """The first publication: the one timeliness is judged on."""
        return self.versions[0]

    @property
    def changed(self) -> bool:
        return len(self.versions) > 1

    @property
    def order_known(self) -> bool:
        """Whether the versions' order is known (every version has a date)."""
        return all(v.published_on for v in self.versions)


@dataclass(frozen=True)
class Unreadable:
    source: str
    problem: str
    unit_id: str | None = None  # from the manifest, when it names a unit


@dataclass(frozen=True)
class Unassigned:
    """A report that a person must assign: no unit, or more than one, has its name."""

    source: str
    name: str | None
    year: int | None
    reason: str
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Corpus:
    entries: Mapping[tuple[str, int], Entry]
    unreadable: tuple[Unreadable, ...] = ()
    unassigned: tuple[Unassigned, ...] = ()
    undated_year: tuple[tuple[str, str], ...] = ()  # (unit id, source): matched, year unknown
    problems: tuple[str, ...] = ()  # manifest rows naming no file that was found
    files: int = 0

    def entry(self, unit_id: str, year: int) -> Entry | None:
        return self.entries.get((unit_id, year))

    def reports(self, year: int) -> dict[str, Report]:
        """Each unit's current report on ``year``."""
        return {uid: e.current.report for (uid, y), e in self.entries.items() if y == year}


def match_name(name: str | None, index: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """Ids of the units whose full name or alias is ``name`` (see :meth:`Roster.names`)."""
    if not name:
        return ()
    key = name_key(name)
    for candidate in (key, *without_region_prefix(key)):
        ids = index.get(candidate)
        if ids:
            return tuple(ids)
    return ()


_TEXT_ONLY = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff]+")


def content_hash(report: Report) -> str:
    """The same figures and the same words give the same hash, whatever the file format."""
    document = to_canonical(report)
    figures = {k: document[k] for k in ("format", "year", *TABLE_KEYS)}
    words = [_TEXT_ONLY.sub("", report.sections.get(k) or "") for k in SECTION_KEYS]
    payload = json.dumps([figures, words], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def load_corpus(
    paths: Iterable[str | Path],
    roster: Roster,
    manifest: Mapping[str, ManifestEntry] | None = None,
    jobs: int | None = 1,
    progress: Progress | None = None,
) -> Corpus:
    """Read every file below ``paths`` and build the corpus against ``roster``."""
    roots = [Path(p) for p in paths]
    outcomes = list(read_all(roots, jobs=jobs, progress=progress))
    return build_corpus(outcomes, roster, manifest, roots)


def relative_source(source: str, roots: Sequence[Path]) -> str:
    """How a manifest names the file: its path inside the folder or the zip."""
    file, bang, member = source.partition("!")
    if bang:
        return file_key(member)
    path = Path(file)
    for root in roots:
        if root.is_dir() and path.is_relative_to(root):
            return file_key(path.relative_to(root).as_posix())
    return file_key(path.name)


@dataclass
class _Found:
    report: Report
    source: str
    hash: str
    published_on: date | None
    date_source: DateSource | None
    url: str | None = None
    order: int = 0
    extra_sources: list[str] = field(default_factory=list)


def build_corpus(
    outcomes: Sequence[Outcome],
    roster: Roster,
    manifest: Mapping[str, ManifestEntry] | None = None,
    roots: Sequence[Path] = (),
) -> Corpus:
    manifest = manifest or {}
    index = roster.names()
    unreadable: list[Unreadable] = []
    unassigned: list[Unassigned] = []
    undated: list[tuple[str, str]] = []
    found: dict[tuple[str, int], list[_Found]] = {}
    seen_files: set[str] = set()
    for order, outcome in enumerate(outcomes):
        relative = relative_source(outcome.source, roots)
        seen_files.add(relative)
        listed = manifest.get(relative)
        if outcome.report is None:
            ids = match_name(listed.unit, index) if listed else ()
            unreadable.append(
                Unreadable(
                    outcome.source, outcome.error or "无法读取", ids[0] if len(ids) == 1 else None
                )
            )
            continue
        report = outcome.report
        ids = match_name(report.agency, index)
        problem = _assignment_problem(report, ids, listed, index, roster)
        if problem:
            unassigned.append(Unassigned(outcome.source, report.agency, report.year, problem, ids))
            continue
        unit_id = ids[0]
        if report.year is None:
            undated.append((unit_id, outcome.source))
            continue
        published, date_source = _publication_date(report, listed)
        found.setdefault((unit_id, report.year), []).append(
            _Found(
                report,
                outcome.source,
                content_hash(report),
                published,
                date_source,
                listed.url if listed else None,
                order,
            )
        )
    problems = [
        f"清单第{m.row}行：文件“{m.file}”不在报告文件夹中"
        for key, m in manifest.items()
        if key not in seen_files
    ]
    entries = {key: _entry(key, items) for key, items in sorted(found.items())}
    return Corpus(
        entries,
        tuple(unreadable),
        tuple(unassigned),
        tuple(undated),
        tuple(problems),
        len(outcomes),
    )


def _assignment_problem(
    report: Report,
    ids: tuple[str, ...],
    listed: ManifestEntry | None,
    index: Mapping[str, Sequence[str]],
    roster: Roster,
) -> str | None:
    if not report.agency:
        return "报告中没有找到机关名称，请人工指定单位"
    if not ids:
        hint = ""
        if listed and listed.unit:
            hint = f"（清单所列单位为“{listed.unit}”）"
        return (
            f"报告中的机关名称“{report.agency}”不是名单中任何单位的全称或别名{hint}，请人工指定单位"
        )
    if len(ids) > 1:
        names = "、".join(roster.units[i].name for i in ids)
        return (
            f"报告中的机关名称“{report.agency}”同时对应名单中的多个单位（{names}），请人工指定单位"
        )
    if listed and listed.unit:
        stated = match_name(listed.unit, index)
        if stated and stated != ids:
            return (
                f"报告中的机关名称“{report.agency}”与清单所列单位“{listed.unit}”不一致，请人工核对"
            )
    return None


def _publication_date(
    report: Report, listed: ManifestEntry | None
) -> tuple[date | None, DateSource | None]:
    if listed and listed.published_on:
        return listed.published_on, "manifest"
    if report.published_on is None:
        return None, None
    from_page = any(n.code == "PUBLISHED-FROM-PAGE" for n in report.notes)
    return report.published_on, "page" if from_page else "signature"


def _entry(key: tuple[str, int], items: list[_Found]) -> Entry:
    """One version per content; the sources of a content are merged, its date the earliest."""
    by_hash: dict[str, _Found] = {}
    for item in items:
        kept = by_hash.get(item.hash)
        if kept is None:
            by_hash[item.hash] = item
            continue
        kept.extra_sources.append(item.source)
        if item.url and not kept.url:
            kept.url = item.url
        if item.published_on and (
            kept.published_on is None or item.published_on < kept.published_on
        ):
            kept.published_on, kept.date_source = item.published_on, item.date_source
    ordered = sorted(
        by_hash.values(),
        key=lambda f: (f.published_on is None, f.published_on or date.min, f.order),
    )
    versions = tuple(
        Version(
            f.report,
            f.hash,
            (f.source, *f.extra_sources),
            f.published_on,
            f.date_source,
            (f.url,) if f.url else (),
        )
        for f in ordered
    )
    return Entry(key[0], key[1], versions)
