"""What the Office Open XML formats (DOCX, XLSX) share: deterministic ZIP packages, clean text.

A ZIP entry carries the time it was written; Office packages written twice differ in those bytes
alone. :func:`fixed_zip` rewrites a package with one fixed date for every entry, in the order the
library wrote them, so that two renders of the same report are byte-identical.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime

# the date written into document properties (created, modified): fixed, not the clock's
FIXED_DATETIME = datetime(2000, 1, 1, tzinfo=UTC)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# characters XML 1.0 does not allow (control characters other than tab, newline, return)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def fixed_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, source.read(info.filename), compresslevel=6)
    return out.getvalue()


def xml_text(text: str) -> str:
    """Text an XML part can hold: characters XML forbids are dropped."""
    return _XML_ILLEGAL.sub("", text)
