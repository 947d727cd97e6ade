"""Labels in Traditional characters (mirror sites) are matched after OpenCC's t2s conversion of
their keys; numbers and the agency's text are never converted, and a Simplified report never
loads OpenCC at all."""

from __future__ import annotations

import subprocess
import sys

import opencc
import pytest

from gongkai.report.canonical import to_canonical
from gongkai.report.normalize import HANT_IN_GB2312, label_key, simplified
from gongkai.report.parse import parse_text
from gongkai.report.spec import FORMATS, SECTIONS

from . import layouts
from .factories import as_2019, clean_document

CONFIGS = ("s2t", "s2tw", "s2twp", "s2hk")
LAYOUTS = ("word_cells", "pipe_stream", "markdown", "row_per_line_spaces", "row_per_line_tabs")


def _labels() -> set[str]:
    labels = {s.title for s in SECTIONS}
    for fmt in FORMATS.values():
        for table in fmt.tables:
            labels.update(table.headings)
            for row in table.rows:
                labels.add(row.label)
                labels.update(row.aliases)
                labels.update(c.label for c in row.columns)
    return labels


@pytest.mark.parametrize("config", CONFIGS)
def test_every_label_of_the_formats_survives_conversion(config: str) -> None:
    convert = opencc.OpenCC(config).convert
    wrong = {
        label: convert(label)
        for label in _labels()
        if label_key(convert(label)) != label_key(label)
    }
    assert not wrong


def test_traditional_characters_in_gb2312_are_known() -> None:
    """The quick test of normalize.simplified relies on this list: every character that t2s
    changes is outside GB 2312, or in it."""
    convert = opencc.OpenCC("t2s").convert
    blocks = (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000), *range(0xF900, 0xFB00))
    chars = [chr(c) for c in blocks]
    converted = convert("\n".join(chars)).split("\n")
    inside = set()
    for char, simple in zip(chars, converted, strict=True):
        if char != simple:
            try:
                char.encode("gb2312")
            except UnicodeEncodeError:
                continue
            inside.add(char)
    assert inside == set(HANT_IN_GB2312)


@pytest.mark.parametrize(
    "text",
    ["朱镕基同志", "本年新收政府信息公开申请数量", "政府信息公开", "2023年", "乾隆年间的著作"],
)
def test_simplified_keys_are_left_alone(text: str) -> None:
    assert simplified(text) == text


def test_traditional_key() -> None:
    assert label_key("一、本年新收政府資訊公開申請數量") == "一本年新收政府信息公开申请数量"
    assert label_key("5.屬於三類內部事務資訊") == "5属于三类内部事务信息"
    assert label_key("3.危及「三安全一穩定」") == "3危及三安全一稳定"


@pytest.mark.parametrize("config", ("s2t", "s2tw"))
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("fmt", ("2021", "2019"))
def test_traditional_report_reads_as_simplified(layout: str, config: str, fmt: str) -> None:
    doc = clean_document() if fmt == "2021" else as_2019(clean_document())
    text = getattr(layouts, layout)(doc)
    got = to_canonical(parse_text(opencc.OpenCC(config).convert(text)))
    assert got["format"] == fmt
    for table in ("proactive", "applications", "disputes"):
        assert got[table] == doc[table], table
    assert "parse_notes" not in got
    assert "本局認真貫徹落實" in got["sections"]["overview"]  # the agency's text as written


def test_simplified_report_never_loads_opencc() -> None:
    code = (
        "import sys\n"
        "from gongkai.report.parse import parse_file\n"
        "from gongkai.report.rules import check\n"
        "check(parse_file(sys.argv[1]))\n"
        "print('opencc' in sys.modules)\n"
    )
    source = "tests/report/cases/seed-004-linzi-government-office-2023-short-row/source.txt"
    out = subprocess.run(
        [sys.executable, "-c", code, source], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
