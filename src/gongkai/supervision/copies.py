"""内容雷同 against last year: how much of each section repeats the unit's previous report.

Both texts are made comparable first (:mod:`.templatetext`: normalised, the format's own text
removed, the unit's names replaced). Then repeated passages are found by greedy tiling: walking
through this year's text, at each place where the next :data:`BLOCK` characters also stand in
last year's text, the longest common run starting there is taken as one repeated passage and the
walk continues after it. A passage never runs across a removed template passage. A piece of text
shorter than :data:`BLOCK` between two removed passages counts as repeated only if last year's
text has the very same piece between two removed passages.

The repetition ratio of a section is the share of its content characters (after normalisation
and template removal) that lie in repeated passages; the overall ratio is the sum over sections
of repeated characters divided by the sum of content characters. A section with no content has
no ratio (None), never 0 % or 100 %.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gongkai.report.model import Finding
from gongkai.report.spec import SECTION_KEYS, SECTIONS

from .signals_base import DEFAULT_SETTINGS, SignalSettings, UnitPair, signal
from .templatetext import BOUNDARY, DEFAULT_TEMPLATE, Content, Template, content

BLOCK = 8  # characters a repeated passage has at least (as the report catalogue's E06 shingles)
SHOWN = 20  # passages shorter than this count in the ratio but are not listed
_CANDIDATES = 32  # places in last year's text tried for one block (common phrases recur)


@dataclass(frozen=True)
class Passage:
    """A passage of this year's text repeated from last year's, each as its report wrote it."""

    current: str
    previous: str
    current_span: tuple[int, int]  # offsets in this year's section text
    previous_span: tuple[int, int]  # offsets in last year's section text
    size: int  # content characters


@dataclass(frozen=True)
class Repetition:
    """How much of one text repeats another."""

    repeated: int  # content characters of the first text found in the second
    size: int  # content characters of the first text
    passages: tuple[Passage, ...] = ()

    @property
    def ratio(self) -> float | None:
        return self.repeated / self.size if self.size else None


@dataclass(frozen=True)
class SectionRepetition:
    section: str
    repetition: Repetition

    @property
    def ratio(self) -> float | None:
        return self.repetition.ratio


@dataclass(frozen=True)
class YearRepetition:
    sections: tuple[SectionRepetition, ...]

    @property
    def repeated(self) -> int:
        return sum(s.repetition.repeated for s in self.sections)

    @property
    def size(self) -> int:
        return sum(s.repetition.size for s in self.sections)

    @property
    def ratio(self) -> float | None:
        return self.repeated / self.size if self.size else None

    def section(self, key: str) -> SectionRepetition | None:
        for item in self.sections:
            if item.section == key:
                return item
        return None


def _index(text: str) -> dict[str, list[int]]:
    places: dict[str, list[int]] = defaultdict(list)
    for i in range(len(text) - BLOCK + 1):
        gram = text[i : i + BLOCK]
        if BOUNDARY not in gram:
            places[gram].append(i)
    return places


def _pieces(text: str) -> set[str]:
    return {piece for piece in text.split(BOUNDARY) if piece}


def compare(
    current: Content, previous: Content, current_text: str = "", previous_text: str = ""
) -> Repetition:
    """The repetition of ``current`` in ``previous``. The original texts, when given, let the
    passages be shown as written (offsets index into them)."""
    a, b = current.text, previous.text
    places = _index(b)
    short = _pieces(b)
    covered = 0
    passages: list[Passage] = []
    i, n = 0, len(a)
    piece_start = 0  # where the current piece (text between boundaries) begins
    while i < n:
        if a[i] == BOUNDARY:
            i += 1
            piece_start = i
            continue
        if i == piece_start:
            end = a.find(BOUNDARY, i)
            end = n if end < 0 else end
            if end - i < BLOCK:  # a piece too short for a block: repeated only whole
                if a[i:end] in short:  # too short to be listed as a passage
                    covered += end - i
                i = end
                continue
        found = places.get(a[i : i + BLOCK])
        if not found:
            i += 1
            continue
        best, best_at = 0, 0
        for j in found[:_CANDIDATES]:
            length = BLOCK
            while (
                i + length < n
                and j + length < len(b)
                and a[i + length] == b[j + length]
                and a[i + length] != BOUNDARY
            ):
                length += 1
            if length > best:
                best, best_at = length, j
        covered += best
        if best >= SHOWN:
            passages.append(
                _passage(current, previous, current_text, previous_text, i, best_at, best)
            )
        i += best
    return Repetition(covered, current.size, tuple(passages))


def _passage(
    current: Content,
    previous: Content,
    current_text: str,
    previous_text: str,
    i: int,
    j: int,
    length: int,
) -> Passage:
    here = current.source_span(i, i + length)
    there = previous.source_span(j, j + length)
    return Passage(
        current_text[here[0] : here[1]],
        previous_text[there[0] : there[1]],
        here,
        there,
        length,
    )


def repetition(
    current: str,
    previous: str,
    names: Iterable[str] = (),
    template: Template = DEFAULT_TEMPLATE,
) -> Repetition:
    """How much of ``current`` repeats ``previous``, the template's text removed first."""
    names = tuple(names)
    return compare(
        content(current, names, template), content(previous, names, template), current, previous
    )


def year_repetition(
    pair: UnitPair,
    sections: Sequence[str] = SECTION_KEYS,
    template: Template = DEFAULT_TEMPLATE,
) -> YearRepetition | None:
    """Each section of this year's report against the same section of last year's."""
    if pair.previous is None:
        return None
    names = (*pair.current.names, *pair.previous.names)
    now, before = pair.current.report.sections, pair.previous.report.sections
    out = []
    for key in sections:
        text = now.get(key) or ""
        old = before.get(key) or ""
        out.append(SectionRepetition(key, repetition(text, old, names, template)))
    return YearRepetition(tuple(out))


def year_copy_findings(
    pair: UnitPair,
    settings: SignalSettings = DEFAULT_SETTINGS,
    found: YearRepetition | None = None,
) -> list[Finding]:
    """SUP-COPY-YEAR when the report's narrative repeats more than ``settings.copy_threshold``
    of itself from last year's (strictly more: "重复率大于50%")."""
    found = found or year_repetition(pair)
    if found is None or found.ratio is None or found.ratio <= settings.copy_threshold:
        return []
    assert pair.previous is not None
    titles = {s.key: s.title for s in SECTIONS}
    shares = "；".join(
        f"{titles[s.section]} {s.ratio:.0%}" for s in found.sections if s.ratio is not None
    )
    return [
        signal(
            "SUP-COPY-YEAR",
            f"报告正文与{pair.previous.year}年度报告的重复率为 {found.ratio:.0%}（已除去格式规定的"
            f"标题、表格栏目和固定表述），超过 {settings.copy_threshold:.0%}；各部分：{shares}",
            expected=settings.copy_threshold,
            actual=round(found.ratio, 3),
            evidence=_evidence(found, pair.previous.year),
        )
    ]


def _evidence(found: YearRepetition, previous_year: int) -> dict[str, object]:
    return {
        "previous_year": previous_year,
        "repeated_chars": found.repeated,
        "content_chars": found.size,
        "sections": {
            s.section: {
                "ratio": None if s.ratio is None else round(s.ratio, 3),
                "passages": [
                    {
                        "current": p.current,
                        "previous": p.previous,
                        "current_span": list(p.current_span),
                        "previous_span": list(p.previous_span),
                    }
                    for p in s.repetition.passages
                ],
            }
            for s in found.sections
        },
    }
