"""Text that a spreadsheet program must show as written, never run.

A cell whose text begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before
one of them) is taken by Excel, WPS and LibreOffice as a formula when a CSV file is opened, and
``=HYPERLINK(...)`` or ``=cmd|…`` then runs. Report text comes from agencies and from imported
third-party documents, so every text cell we write is made inert: in CSV and Parquet by a
leading apostrophe (what a person types in Excel to keep text as text), in XLSX as a string
cell with the quote prefix set. Numbers are numbers, never text: -18 stays -18.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@")
_LEADING = " \t\r\n\u3000"


def looks_like_formula(text: str) -> bool:
    """Would a spreadsheet program run this text as a formula (or a DDE command)?"""
    return text.lstrip(_LEADING).startswith(FORMULA_STARTS) or text.startswith(("\t", "\r"))


def inert(text: str) -> str:
    """``text`` with an apostrophe before it when it would start a formula."""
    return "'" + text if looks_like_formula(text) else text
