"""The pure core: the annual report as data. No web framework, no database, no network."""

from .model import Cell, Finding, Report, TableData
from .parse import parse_bytes, parse_file, parse_text

__all__ = ["Cell", "Finding", "Report", "TableData", "parse_bytes", "parse_file", "parse_text"]
