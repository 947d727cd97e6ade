"""The text objects of the PDF's plain paragraphs and cells, in the document's font subsets.

A TrueType font is embedded as subsets of up to 256 characters, numbered in the order the
document first uses them (``TTFont.splitString``); a run of text is written as one ``Tj`` per
stretch of characters of one subset, each stretch after the subset's font name when it changes.
Here:

* a text object already written in the document (the same :class:`~.pdf_cells.PlainLines`) is
  written the same way again, and so a run of text after the same subset: both are remembered
  for the document (a memo in the reportlab ``PDFDocument``);
* a subset's font name is asked of reportlab once per document (the first time names the font in
  the document), then remembered.

tests/report/render/test_pdf_caches.py compares the bytes with those of reportlab's own
paragraphs.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.rl_accel import escapePDF  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

_MEMO = "_gongkai_text_runs"  # the attribute of a reportlab PDFDocument holding its memo


class _Memo:
    """What a document has written: text objects, runs, and subset names."""

    __slots__ = ("names", "objects", "runs")

    def __init__(self) -> None:
        self.objects: dict[Any, str] = {}  # PlainLines (by identity) → BT … ET
        self.runs: dict[tuple[str, str, str, int], tuple[str, int]] = {}
        self.names: dict[str, dict[int, str]] = {}  # font → subset → its name in the document


def text_object(doc: Any, escape: Any, lines: Any) -> str:
    """BT … ET for ``lines`` (a :class:`~.pdf_cells.PlainLines`) in the document's font
    subsets, giving codes to the characters it is the first to use."""
    memo = doc.__dict__.get(_MEMO)
    if memo is None:
        memo = doc.__dict__[_MEMO] = _Memo()
    found: str | None = memo.objects.get(lines)
    if found is None:
        found = memo.objects[lines] = _new_text_object(doc, escape, lines, memo)
    return found


def _new_text_object(doc: Any, escape: Any, lines: Any, memo: _Memo) -> str:
    font, size = lines.font, lines.size
    font_name = font.fontName
    if getattr(escape, "__func__", None) is Canvas._escape:
        escape = escapePDF  # what reportlab's canvas escapes with, without its method call
    runs = memo.runs
    names = memo.names.get(font_name)
    if names is None:
        names = memo.names[font_name] = {}
    current = -1
    code: list[str] = []
    for part in lines.code:
        if part.__class__ is str:
            code.append(part)
            continue
        text = lines.texts[part]
        key = (font_name, size, text, current)
        found = runs.get(key)
        if found is None:
            run: list[str] = []
            for subset, chunk in font.splitString(text, doc):
                if subset != current:
                    name = names.get(subset)
                    if name is None:
                        name = names[subset] = font.getSubsetInternalName(subset, doc)
                    run.append(f"{name} {size}")
                    current = subset
                run.append(f"({escape(chunk)}) Tj")
            found = runs[key] = (" ".join(run), current)
        code.append(found[0])
        current = found[1]
        code.append("T*")
    return " ".join(code)
