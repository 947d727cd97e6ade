"""The raw form every reader produces: lines of text, some of them rows of explicit cells."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..model import Finding


class RawLine(NamedTuple):
    """One line of the source. ``cells`` is set when the source had a real table row
    (HTML, DOCX, spreadsheets); plain text leaves it None and the layout is worked out later.
    A named tuple: documents have thousands of lines, and this is built for each of them."""

    text: str
    number: int
    cells: tuple[str, ...] | None = None


@dataclass(frozen=True)
class RawDocument:
    source: str | None
    reader: str
    lines: tuple[RawLine, ...]
    notes: tuple[Finding, ...] = ()  # what the reader found uncertain (e.g. a PDF cell)
