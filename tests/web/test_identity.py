"""Identity and telephone numbers of the public form (gongkai.web.identity): the check digit of
the 居民身份证号码 by property, and each kind of mistake with its message."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.web.identity import (
    CHECK_CHARS,
    PHONE_MESSAGE,
    PROVINCES,
    WEIGHTS,
    check_char,
    document_number_problem,
    phone_problem,
    resident_id_problem,
)

TODAY = date(2026, 3, 2)


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    """A number as GB 11643 builds it: a province, an area, a birth date between 1900 and
    today, a sequence, and the check character computed here (not by the module under test)."""
    province = draw(st.sampled_from(sorted(PROVINCES)))
    area = draw(st.integers(0, 9999))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    sequence = draw(st.integers(0, 999))
    first17 = f"{province}{area:04d}{born:%Y%m%d}{sequence:03d}"
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def test_the_published_examples() -> None:
    # GB 11643-1999 annex example and a number with X, computed by hand
    assert resident_id_problem("11010519491231002X", TODAY) == ("11010519491231002X", "")
    assert resident_id_problem("11010519491231002x", TODAY) == ("11010519491231002X", "")
    assert check_char("37030519800101001") == "5"  # 3*7+7*9+0+3*5+0+5*4+1*2+9*1+8*6+0+0*9
    assert resident_id_problem("370305198001010015", TODAY)[1] == ""
    assert CHECK_CHARS == "10X98765432"


@given(resident_ids())
def test_a_number_with_its_check_character_passes(number: str) -> None:
    assert resident_id_problem(number, TODAY) == (number, "")
    assert resident_id_problem(number.lower(), TODAY) == (number, "")  # x → X


@given(resident_ids(), st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_changed_fails(number: str, position: int, shift: int) -> None:
    digit = str((int(number[position]) + shift) % 10)
    changed = number[:position] + digit + number[position + 1 :]
    assert resident_id_problem(changed, TODAY)[1]


@given(resident_ids(), st.sampled_from("0123456789X"))
def test_any_other_check_character_fails(number: str, check: str) -> None:
    if check != number[-1]:
        problem = resident_id_problem(number[:17] + check, TODAY)[1]
        assert "校验位" in problem


@given(resident_ids(), st.integers(0, 15))
def test_two_adjacent_digits_swapped_fail(number: str, position: int) -> None:
    a, b = number[position], number[position + 1]
    if a != b:
        swapped = number[:position] + b + a + number[position + 2 :]
        assert resident_id_problem(swapped, TODAY)[1]


def _with_check(first17: str) -> str:
    return first17 + check_char(first17)


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("37030519800101001", ["18位", "17位"]),
        ("3703051980010100155", ["18位", "19位"]),
        ("370305800101001", ["15位"]),
        ("37030519800101001Y", ["最后一位为数字或字母X"]),
        ("3703051980010100X5", ["前17位应为数字"]),
        (_with_check("99030519800101001"), ["“99”", "省级行政区划代码"]),
        (_with_check("00030519800101001"), ["“00”"]),
        (_with_check("37030519800230001"), ["“19800230”", "不是有效的日期"]),
        (_with_check("37030518991231001"), ["“18991231”", "合理范围"]),
        (_with_check(f"370305{TODAY + timedelta(days=1):%Y%m%d}001"), ["合理范围"]),
        ("370305198001010012", ["校验位"]),
    ],
)
def test_each_mistake_has_its_message(number: str, words: list[str]) -> None:
    problem = resident_id_problem(number, TODAY)[1]
    assert problem and all(w in problem for w in words), problem


def test_spaces_and_full_width_digits_are_tolerated() -> None:
    assert resident_id_problem("370305 19800101 0015", TODAY) == ("370305198001010015", "")
    assert resident_id_problem("３７０３０５１９８００１０１００１５", TODAY)[1] == ""
    born_today = _with_check(f"370305{TODAY:%Y%m%d}001")
    assert resident_id_problem(born_today, TODAY)[1] == ""


def test_other_documents_keep_a_simple_check() -> None:
    assert document_number_problem("护照", "e12345678", TODAY) == ("E12345678", "")
    assert document_number_problem("港澳居民来往内地通行证", "H1234567801", TODAY)[1] == ""
    assert document_number_problem("护照", "E1", TODAY)[1]
    assert document_number_problem("护照", "E1234567；", TODAY)[1]
    # a residence permit of a Hong Kong resident is built like the identity card
    assert (
        document_number_problem("港澳台居民居住证", _with_check("81000019800101001"), TODAY)[1]
        == ""
    )
    assert "校验位" in document_number_problem("港澳台居民居住证", "810000198001010010", TODAY)[1]
    # the identity card's number under another document is not checksummed
    assert document_number_problem("护照", "370305198001010012", TODAY)[1] == ""
    assert document_number_problem("统一社会信用代码", "91370305MA3C4LXX8Q", TODAY)[1] == ""
    problem = document_number_problem("统一社会信用代码", "91370305MA3C4LXX8", TODAY)[1]
    assert "18位" in problem and "17位" in problem
    assert document_number_problem("统一社会信用代码", "91370305MA3C4LXXIO", TODAY)[1]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13900000000", "13900000000"),
        ("139 0000 0000", "13900000000"),
        ("139-0000-0000", "13900000000"),
        ("+86 139 0000 0000", "13900000000"),
        ("１３９００００００００", "13900000000"),
        ("0533-7212036", "0533-7212036"),
        ("05337212036", "0533-7212036"),
        ("0533 7212036", "0533-7212036"),
        ("(0533)7212036", "0533-7212036"),
        ("（0533）7212036", "0533-7212036"),
        ("0533-7212036-123", "0533-7212036-123"),
        ("0533-7212036转123", "0533-7212036-123"),
        ("010-65123456", "010-65123456"),
        ("01065123456", "010-65123456"),
        ("010-6512-3456", "010-65123456"),
        ("+86 10 6512 3456", "010-65123456"),
        ("+852 9123 4567", "+85291234567"),
    ],
)
def test_phone_numbers_accepted(typed: str, stored: str) -> None:
    assert phone_problem(typed) == (stored, "")


@pytest.mark.parametrize(
    "typed",
    [
        "12345",
        "7212036",  # no area code
        "0533721203",  # a digit short
        "0533-0212036",  # a local number does not start with 0
        "053-37212036",  # no area code of three digits starts with 05
        "1290000000",  # a mobile number is 11 digits, 1[3-9]
        "12900000000",
        "0533-7212036-1234567",
        "tel 13900000000",
        "139000000001",
    ],
)
def test_phone_numbers_refused(typed: str) -> None:
    assert phone_problem(typed) == (typed.replace(" ", ""), PHONE_MESSAGE)
