"""The XLSX writer's caches (src/gongkai/report/render/xlsx.py, xlsx_sheet.py, xlsx_styles.py)
change no byte: two reports one number apart differ, a render with every cache empty is the
render with them full, renders from several threads are the renders made one by one, and every
cache is bounded."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from gongkai.report.canonical import from_canonical
from gongkai.report.model import Report
from gongkai.report.render import xlsx, xlsx_sheet, xlsx_styles
from gongkai.report.render.xlsx import render_xlsx
from gongkai.report.render.xlsx_openpyxl import render_xlsx_openpyxl

from ..factories import clean_document
from .helpers import SEED_CASES, seed_report

MARKS = ("", "草稿——未发布")
CACHED: list[Callable[..., object]] = [
    xlsx._frame,
    xlsx._properties_entry,
    xlsx._skeleton,
    xlsx._styles_entry,
    xlsx._text_content,
    xlsx._row_start,
    xlsx_sheet._layout,
    xlsx_sheet._table_ops,
    xlsx_sheet._text_cell,
    xlsx_styles.styled_sheet,
    xlsx_styles.stylesheet_xml,
]


def empty_caches() -> None:
    for cached in CACHED:
        cached.cache_clear()  # type: ignore[attr-defined]
    xlsx_styles._table_effects.clear()


def fee_report(fee: int) -> Report:
    document = clean_document()
    document["proactive"]["admin_fees"] = fee
    return from_canonical(document)


def test_one_number_apart_gives_other_bytes() -> None:
    first, second = render_xlsx(fee_report(3)), render_xlsx(fee_report(4))
    assert first != second
    assert first == render_xlsx_openpyxl(fee_report(3))
    assert second == render_xlsx_openpyxl(fee_report(4))


@pytest.mark.parametrize("mark", MARKS)
def test_empty_caches_give_the_same_bytes(mark: str) -> None:
    reports = [seed_report(case) for case in SEED_CASES]
    warm = [render_xlsx(report, mark) for report in reports]
    cold = []
    for report in reports:
        empty_caches()
        cold.append(render_xlsx(report, mark))
    assert cold == warm
    assert warm == [render_xlsx(report, mark) for report in reports]  # warm again


def test_threads_give_the_same_bytes() -> None:
    jobs = [(seed_report(case), mark) for case in SEED_CASES for mark in MARKS] * 4
    alone = [render_xlsx(report, mark) for report, mark in jobs]
    empty_caches()
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda job: render_xlsx(*job), jobs))
    assert together == alone


def test_every_cache_is_bounded() -> None:
    for cached in CACHED:
        assert cached.cache_info().maxsize is not None  # type: ignore[attr-defined]
    assert xlsx_styles.EFFECTS_KEPT > 0
