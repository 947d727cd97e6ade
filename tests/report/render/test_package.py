"""The DOCX renderer writes its XML and ZIP itself: both must be what python-docx and zipfile
would write, byte for byte (the renders stay identical to the previous, library-built ones)."""

from __future__ import annotations

import re

import pytest
from docx import Document
from lxml import etree  # type: ignore[import-untyped]

from gongkai.report.render import render
from gongkai.report.render.docx import _run
from gongkai.report.render.ooxml import fixed_zip

from .helpers import SEED_CASES, seed_report


@pytest.mark.parametrize("watermark", ["", "草稿——未发布"])
def test_docx_package_is_what_zipfile_writes(watermark: str) -> None:
    data = render(seed_report(SEED_CASES[0]), "docx", watermark=watermark)
    assert fixed_zip(data) == data


@pytest.mark.parametrize(
    "text",
    [
        "正文",
        " 前导空格",
        "末尾空格 ",
        "a\tb",
        "一行\n二行\r三行",
        "\t",
        "<&>\"'",
        "\u3000全角",
        "",
    ],
)
def test_run_xml_is_what_python_docx_writes(text: str) -> None:
    paragraph = Document().add_paragraph()
    run = paragraph.add_run(text)
    children = (etree.tostring(child, encoding="unicode") for child in run._r)
    expected = re.sub(' xmlns:[a-z0-9]+="[^"]*"', "", "".join(children))  # declared in the part
    ours = _run(text)
    content = "" if ours == "<w:r/>" else ours[len("<w:r>") : -len("</w:r>")]
    assert content == expected
