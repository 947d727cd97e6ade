"""Parsing in a child process: the report comes back whole; a slow or greedy file is stopped
with a clear refusal naming it, and the caller is never the one that stalls or runs out."""

from __future__ import annotations

import time

import pytest

from gongkai.report.canonical import to_canonical
from gongkai.report.errors import ReadError
from gongkai.report.isolate import parse_isolated
from gongkai.report.parse import parse_bytes

from .golden import CASES, source_of


def test_same_report_as_in_process() -> None:
    source = source_of(next(CASES.glob("seed-000-*")))
    data = source.read_bytes()
    assert to_canonical(parse_isolated(data, source.name)) == to_canonical(
        parse_bytes(data, source.name)
    )


def test_refusal_is_passed_on() -> None:
    with pytest.raises(ReadError) as caught:
        parse_isolated(b"%PDF-1.7 broken", "broken.pdf")
    assert caught.value.source == "broken.pdf" and "PDF" in caught.value.problem


def test_time_limit_stops_the_child() -> None:
    """A limit shorter than the child's start-up: it is stopped, and the caller goes on."""
    source = source_of(next(CASES.glob("seed-000-*")))
    started = time.perf_counter()
    with pytest.raises(ReadError) as caught:
        parse_isolated(source.read_bytes(), "slow.txt", seconds=0.01)
    assert "已中止" in caught.value.problem and caught.value.source == "slow.txt"
    assert time.perf_counter() - started < 10


def test_memory_limit_stops_the_child() -> None:
    """An address space too small for the work (smaller than the interpreter already holds, so
    that any large allocation fails): refused as such, not a crash of the caller."""
    source = source_of(next(CASES.glob("seed-000-*")))
    with pytest.raises(ReadError) as caught:
        parse_isolated(source.read_bytes() * 200, "big.txt", memory_bytes=16 * 1024 * 1024)
    assert "内存" in caught.value.problem
