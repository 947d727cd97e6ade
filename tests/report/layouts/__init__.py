"""Writers that turn a canonical report dict into plain text, in each layout agencies' reports
take once they are dumped to text. Each writer is modelled on real dumps (the seed reports' text dumps):

* ``word_cells``: Word saved as text (seeds 000, 001, 003, 004): one cell per line after a tab,
  a blank line between rows, a lone tab for an empty or vertically merged cell, labels broken
  across lines, ``[bookmark: _Hlk…]`` residue, full-width numbering and U+3000 before values;
* ``pipe_stream``: seed 002: every cell followed by " |", merged cells as "||" / "|||" lines,
  half-width punctuation;
* ``markdown``: GitHub tables, merged cells written empty, omitted or repeated;
* ``row_per_line_spaces`` / ``row_per_line_tabs``: a whole row on one line;
* ``run_together``: the cells of a numeric row run together and glued to the label
  ("一、本年新收政府信息公开申请数量640020470"), table 四 as one run of 15 numbers.

Every writer takes a :class:`Style` (drawn by :func:`styles`) for the optional variations and
the noise (page furniture, web page navigation before the title, chrome after the report).
"""

from __future__ import annotations

from .document import (
    CHROME,
    FURNITURE,
    INTROS,
    LAYOUTS,
    NAV,
    contact_sentence,
    document,
    markdown,
    period_sentence,
    pipe_stream,
    plain_style,
    row_per_line_spaces,
    row_per_line_tabs,
    run_together,
    title_lines,
    word_cells,
)
from .style import GUIDANCE, NOTE, NOTE_BROKEN, Block, Doc, Style, label, number, styles

__all__ = [
    "CHROME",
    "FURNITURE",
    "GUIDANCE",
    "INTROS",
    "LAYOUTS",
    "NAV",
    "NOTE",
    "NOTE_BROKEN",
    "Block",
    "Doc",
    "Style",
    "contact_sentence",
    "document",
    "label",
    "markdown",
    "number",
    "period_sentence",
    "pipe_stream",
    "plain_style",
    "row_per_line_spaces",
    "row_per_line_tabs",
    "run_together",
    "styles",
    "title_lines",
    "word_cells",
]
