"""Fuzzing: random bytes, and real files with bytes flipped, cut or spliced, never make a reader
(or the parser behind it) raise anything but ReadError."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.report.errors import ReadError
from gongkai.report.parse import parse_bytes
from gongkai.report.read.base import RawDocument
from gongkai.report.read.detect import read_any
from gongkai.report.read.docx import read_docx
from gongkai.report.read.html import read_html
from gongkai.report.read.pdf import read_pdf
from gongkai.report.read.xlsx import read_xls, read_xlsx

READERS: dict[str, Callable[..., RawDocument]] = {
    "any": read_any,
    "html": read_html,
    "docx": read_docx,
    "xlsx": read_xlsx,
    "xls": read_xls,
    "pdf": read_pdf,
}
FUZZ = settings(
    max_examples=int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def only_read_errors(reader: Callable[..., RawDocument], data: bytes) -> None:
    try:
        document = reader(data, "fuzz")
    except ReadError as exc:
        assert exc.problem
        return
    assert isinstance(document, RawDocument)


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 12))):
        how = draw(st.sampled_from(["flip", "cut", "insert", "zero"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if how == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif how == "cut":
            del data[at : at + draw(st.integers(1, 4096))]
        elif how == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif data:
            data[at : at + 64] = bytes(len(data[at : at + 64]))
    return bytes(data)


@pytest.mark.parametrize("name", list(READERS))
def test_random_bytes(name: str) -> None:
    @FUZZ
    @given(
        st.one_of(
            st.binary(max_size=2048),
            st.sampled_from(
                [b"PK\x03\x04", b"%PDF-1.7\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html>"]
            ).flatmap(lambda head: st.binary(max_size=2048).map(lambda tail: head + tail)),
        )
    )
    def check(data: bytes) -> None:
        only_read_errors(READERS[name], data)

    check()


@pytest.mark.parametrize("kind", ["html", "docx", "xlsx", "pdf"])
def test_mutated_files(samples: dict[str, bytes], kind: str) -> None:
    @FUZZ
    @given(mutated(samples[kind]))
    def check(data: bytes) -> None:
        only_read_errors(READERS[kind], data)
        with contextlib.suppress(ReadError):
            parse_bytes(data, "fuzz")

    check()


FIXTURE_SOURCES = {
    "xls": "read-seed-000-linzi-civil-affairs-2024-xls-libreoffice/source.xls",
    "pdf": "read-seed-002-civil-affairs-2024-pdf-libreoffice/source.pdf",
    "html": "read-seed-000-linzi-civil-affairs-2024-html-gbk-word-pasted/source.html",
}


@pytest.mark.parametrize("kind", list(FIXTURE_SOURCES))
def test_mutated_fixtures(kind: str) -> None:
    from ..golden import CASES

    original = (CASES / FIXTURE_SOURCES[kind]).read_bytes()

    @FUZZ
    @given(mutated(original))
    def check(data: bytes) -> None:
        only_read_errors(READERS[kind], data)

    check()
