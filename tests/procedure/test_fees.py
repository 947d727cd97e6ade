"""信息处理费 (国办函〔2020〕109号; docs/law.md#fees): every worked example, every band."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.procedure.errors import FeeError
from gongkai.procedure.fees import assess_fee, fee_per_application, fee_per_page


@pytest.mark.parametrize(
    "pages,total",
    [(2219, Decimal(83460)), (1500, Decimal(54700))],  # docs/law.md#fees worked examples
)
def test_spec_worked_examples(pages: int, total: Decimal) -> None:
    assessment = fee_per_page(pages)
    assert assessment.total == total
    assert isinstance(assessment.total, Decimal)


def test_breakdown_of_2219_pages() -> None:
    assert fee_per_page(2219).text.splitlines() == [
        "第1至30页：30页，免费",
        "第31至100页：70页×10元/页＝700元",
        "第101至200页：100页×20元/页＝2000元",
        "第201至2219页：2019页×40元/页＝80760元",
        "合计：83460元",
    ]
    lines = fee_per_page(2219).lines
    assert [(x.first, x.last, x.count) for x in lines] == [
        (1, 30, 30),
        (31, 100, 70),
        (101, 200, 100),
        (201, 2219, 2019),
    ]
    assert "第五条" in fee_per_page(2219).basis


@pytest.mark.parametrize(
    "pages,total",
    [(1, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)],
)
def test_page_thresholds(pages: int, total: int) -> None:
    assert fee_per_page(pages).total == Decimal(total)


@pytest.mark.parametrize(
    "place,units,total",
    [
        (1, 1, 0),
        (10, 1, 0),
        (11, 1, 100),
        (30, 1, 100),
        (31, 1, 200),
        (40, 1, 200),
        (41, 1, 300),
        (51, 1, 400),
        (1, 30, 2000),  # 20 × 100
        (1, 40, 4000),  # + 10 × 200
        (1, 50, 7000),  # + 10 × 300
        (28, 5, 700),  # 3 × 100 + 2 × 200
    ],
)
def test_per_application_tiers(place: int, units: int, total: int) -> None:
    assert fee_per_application(place, units).total == Decimal(total)


def test_per_application_breakdown() -> None:
    assessment = fee_per_application(28, 5)
    assert assessment.text.splitlines() == [
        "本月第28至30件：3件×100元/件＝300元",
        "本月第31至32件：2件×200元/件＝400元",
        "合计：700元",
    ]
    assert "第四条" in assessment.basis
    assert fee_per_application(11).text.splitlines()[0] == "本月第11件：1件×100元/件＝100元"


def test_one_method_per_application() -> None:
    assert assess_fee("per_page", 2219).total == Decimal(83460)
    assert assess_fee("per_application", 5, place_in_month=28).total == Decimal(700)
    with pytest.raises(FeeError):
        assess_fee("both", 1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "call",
    [lambda: fee_per_page(0), lambda: fee_per_application(0), lambda: fee_per_application(1, 0)],
)
def test_quantities_must_be_positive(call: object) -> None:
    with pytest.raises(FeeError):
        call()  # type: ignore[operator]
