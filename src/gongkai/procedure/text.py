"""Chinese wording of dates, ranges and amounts, shared by the explanations and notices."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def weekday(day: date) -> str:
    return WEEKDAYS[day.weekday()]


def cn_date(day: date, ref_year: int | None = None) -> str:
    """``2025年9月30日``; the year is left out when it equals ``ref_year``."""
    if ref_year == day.year:
        return f"{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"


def cn_date_wd(day: date, ref_year: int | None = None) -> str:
    """``2025年9月30日（星期二）``."""
    return f"{cn_date(day, ref_year)}（{weekday(day)}）"


def cn_range(first: date, last: date, ref_year: int | None = None) -> str:
    """``10月1日至8日``, ``1月28日至2月4日``, ``2025年12月31日至2026年1月1日``."""
    if first == last:
        return cn_date(first, ref_year)
    if first.year != last.year:
        return f"{cn_date(first)}至{cn_date(last)}"
    head = cn_date(first, ref_year)
    if first.month == last.month:
        return f"{head}至{last.day}日"
    return f"{head}至{last.month}月{last.day}日"


def yuan(amount: Decimal) -> str:
    """``83460元``, ``12.50元``: no grouping separators, as fee notices write amounts."""
    if amount == amount.to_integral_value():
        return f"{amount.quantize(Decimal(1))}元"
    return f"{amount.quantize(Decimal('0.01'))}元"
