"""信息处理费 (art. 42 of the Regulation; 国办函〔2020〕109号; docs/law.md#fees).

Two methods, progressive and charged only on the excess (超额累进); one method per application:

- per application (按件计收, art. 4 of the 办法): by the applicant's cumulative count of
  applications in one calendar month — 1–10 free, 11–30 at 100 yuan each, and from the 31st in
  tiers of 10, each tier 100 yuan per application dearer (31–40 at 200, 41–50 at 300, …);
- per page (按量计收, art. 5): 1–30 pages free, 31–100 at 10 yuan, 101–200 at 20, from 201 at 40.

Amounts are exact :class:`~decimal.Decimal` yuan; every assessment lists its bands in Chinese for
the fee notice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from gongkai.procedure.errors import FeeError
from gongkai.procedure.text import yuan

FeeMethod = Literal["per_application", "per_page"]
FEE_METHODS: tuple[FeeMethod, ...] = ("per_application", "per_page")
METHOD_LABELS = {"per_application": "按件计收", "per_page": "按量计收"}

MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
BASIS: dict[FeeMethod, str] = {
    "per_application": f"《中华人民共和国政府信息公开条例》第四十二条；{MEASURES}第三条、第四条",
    "per_page": f"《中华人民共和国政府信息公开条例》第四十二条；{MEASURES}第三条、第五条",
}
PAYMENT_WORKDAYS = 20  # the applicant pays within 20 working days from the day after receipt


@dataclass(frozen=True)
class Band:
    first: int
    last: int | None  # None: open-ended
    rate: Decimal  # yuan per page or per application


PAGE_BANDS: tuple[Band, ...] = (
    Band(1, 30, Decimal(0)),
    Band(31, 100, Decimal(10)),
    Band(101, 200, Decimal(20)),
    Band(201, None, Decimal(40)),
)
APPLICATION_FREE = 10
APPLICATION_FIRST_TIER = (11, 30, Decimal(100))
APPLICATION_TIER_SIZE = 10
APPLICATION_TIER_STEP = Decimal(100)


def application_bands() -> Iterator[Band]:
    """The per-application bands, without end: 1–10 free, 11–30, 31–40, 41–50, …"""
    yield Band(1, APPLICATION_FREE, Decimal(0))
    first, last, rate = APPLICATION_FIRST_TIER
    yield Band(first, last, rate)
    while True:
        first, rate = last + 1, rate + APPLICATION_TIER_STEP
        last = first + APPLICATION_TIER_SIZE - 1
        yield Band(first, last, rate)


@dataclass(frozen=True)
class BandCharge:
    first: int
    last: int
    rate: Decimal
    amount: Decimal
    text: str

    @property
    def count(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True)
class FeeAssessment:
    method: FeeMethod
    first: int  # first page, or the application's place in the month
    last: int
    lines: tuple[BandCharge, ...]
    total: Decimal
    basis: str

    @property
    def text(self) -> str:
        """The breakdown for the fee notice, one band per line, then the total."""
        body = [line.text for line in self.lines]
        return "\n".join([*body, f"合计：{yuan(self.total)}"])


def _charge(
    method: FeeMethod, first: int, last: int, bands: Iterator[Band], unit: str, what: str
) -> FeeAssessment:
    lines: list[BandCharge] = []
    for band in bands:
        if band.last is not None and band.last < first:
            continue
        if band.first > last:
            break
        lo, hi = max(first, band.first), min(last, band.last if band.last is not None else last)
        n = hi - lo + 1
        amount = band.rate * n
        span = f"第{lo}{unit}" if lo == hi else f"第{lo}至{hi}{unit}"
        if band.rate == 0:
            text = f"{what}{span}：{n}{unit}，免费"
        else:
            text = f"{what}{span}：{n}{unit}×{yuan(band.rate)}/{unit}＝{yuan(amount)}"
        lines.append(BandCharge(lo, hi, band.rate, amount, text))
    total = sum((line.amount for line in lines), Decimal(0))
    return FeeAssessment(method, first, last, tuple(lines), total, BASIS[method])


def fee_per_page(pages: int) -> FeeAssessment:
    """按量计收 for one application of ``pages`` pages."""
    if pages < 1:
        raise FeeError(f"页数须为正整数，实为{pages}", rule="FEE-QUANTITY")
    return _charge("per_page", 1, pages, iter(PAGE_BANDS), "页", "")


def fee_per_application(place_in_month: int, units: int = 1) -> FeeAssessment:
    """按件计收 for an application that is the applicant's ``place_in_month``-th in the calendar
    month, counted as ``units`` applications when split by 一事一申请 (art. 4 of the 办法)."""
    if place_in_month < 1 or units < 1:
        raise FeeError("申请件次与件数须为正整数", rule="FEE-QUANTITY")
    last = place_in_month + units - 1
    return _charge("per_application", place_in_month, last, application_bands(), "件", "本月")


def assess_fee(method: FeeMethod, quantity: int, place_in_month: int = 1) -> FeeAssessment:
    """One method per application (art. 3 of the 办法): ``quantity`` is pages for
    ``per_page`` and units for ``per_application``."""
    if method == "per_page":
        return fee_per_page(quantity)
    if method == "per_application":
        return fee_per_application(place_in_month, quantity)
    raise FeeError(f"未知的计收方式：{method}", rule="FEE-METHOD")
