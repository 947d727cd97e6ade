"""The scoring helper itself: it must tell a wrong number from a missing one."""

from __future__ import annotations

import pytest

from .scoring import assert_no_wrong_number, score

GOLDEN = {
    "proactive": {"gov_rules": {"issued": 0, "repealed": None, "in_force": 3}, "admin_fees": 1.5},
    "applications": None,
    "disputes": {"review": {"upheld": 2, "total": 2}},
}


def test_exact_copy_scores_all_correct() -> None:
    result = score(GOLDEN, GOLDEN)
    assert (result.correct, result.missing, result.wrong, result.blank_kept) == (5, [], [], 1)
    assert result.recall == 1.0


def test_missing_is_not_wrong() -> None:
    read = {"proactive": {"gov_rules": {"issued": None}}, "disputes": None}
    result = assert_no_wrong_number(GOLDEN, read)
    assert len(result.missing) == 5 and result.correct == 0


def test_a_different_number_is_wrong() -> None:
    read = {**GOLDEN, "disputes": {"review": {"upheld": 20, "total": 2}}}
    with pytest.raises(AssertionError, match=r"disputes/review/upheld: 2 → 20"):
        assert_no_wrong_number(GOLDEN, read)


def test_a_number_in_a_blank_cell_is_wrong() -> None:
    read = {
        **GOLDEN,
        "proactive": {"gov_rules": {"issued": 0, "repealed": 0, "in_force": 3}, "admin_fees": 1.5},
    }
    result = score(GOLDEN, read)
    assert result.wrong == [(("proactive", "gov_rules", "repealed"), None, 0)]
