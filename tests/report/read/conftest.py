"""Sample files for the reader tests, made once per session with the test writers."""

from __future__ import annotations

import pytest

from ..factories import clean_document
from .writers import HtmlStyle, report_blocks, to_docx, to_html, to_xlsx


@pytest.fixture(scope="session")
def clean_doc() -> dict:
    return clean_document()


@pytest.fixture(scope="session")
def samples(clean_doc: dict) -> dict[str, bytes]:
    from gongkai.report.canonical import from_canonical
    from gongkai.report.render import render

    blocks = report_blocks(clean_doc)
    return {
        "html": to_html(
            blocks, HtmlStyle(encoding="gbk", declare="http-equiv", word=True, layout=True)
        ),
        "docx": to_docx(blocks),
        "xlsx": to_xlsx(blocks),
        "pdf": render(from_canonical(clean_doc), "pdf"),
    }
