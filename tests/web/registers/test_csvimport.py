"""Reading a CSV export of decisions: encodings, header aliases, date forms, every problem
with its line. The sample files sit in samples/ with the expected result beside each."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from gongkai.web.registers import csvimport
from tests.web.registers.conftest import SAMPLES


def as_expected(parsed: csvimport.Parsed) -> dict[str, object]:
    return {
        "encoding": parsed.encoding,
        "rows": [
            {**dataclasses.asdict(r), "decided_on": r.decided_on.isoformat()} for r in parsed.rows
        ],
        "problems": [str(p) for p in parsed.problems],
    }


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.csv")))
def test_samples_read_as_expected(name):
    parsed = csvimport.parse((SAMPLES / name).read_bytes())
    expected = json.loads((SAMPLES / name).with_suffix(".expected.json").read_text())
    assert as_expected(parsed) == expected


def test_utf8_with_bom_and_gbk_give_the_same_decisions():
    bom = csvimport.parse((SAMPLES / "decisions-utf8-bom.csv").read_bytes())
    gbk = csvimport.parse((SAMPLES / "decisions-gbk.csv").read_bytes())
    assert bom.ok and gbk.ok and (bom.encoding, gbk.encoding) == ("utf-8", "gb18030")
    assert [(r.kind, r.decided_on, r.reference, r.subject) for r in bom.rows] == [
        (r.kind, r.decided_on, r.reference, r.subject) for r in gbk.rows
    ]


def test_utf8_without_bom_and_values_kept_as_written():
    text = "决定类别,决定日期,文号,事项\n许可,2025/3/4,临民许（2025）1号,设立登记：某协会\n"
    parsed = csvimport.parse(text.encode("utf-8"))
    assert parsed.ok
    row = parsed.rows[0]
    assert (row.kind, row.decided_on, row.count) == ("licensing", date(2025, 3, 4), 1)
    assert (row.reference, row.subject) == ("临民许（2025）1号", "设立登记：某协会")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2025-03-04", date(2025, 3, 4)),
        ("2025/3/4", date(2025, 3, 4)),
        ("2025.3.4", date(2025, 3, 4)),
        ("2025年3月4日", date(2025, 3, 4)),
        (" 2025 年 3 月 4 日 ", date(2025, 3, 4)),
        ("２０２５－０３－０４", date(2025, 3, 4)),
        ("2025-03-04 00:00:00", date(2025, 3, 4)),
        ("2025-02-29", None),
        ("2025-13-01", None),
        ("25-3-4", None),
        ("2025年3月", None),
    ],
)
def test_date_forms(text, expected):
    assert csvimport.parse_date(text) == expected


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("行政许可", "licensing"),
        ("许可", "licensing"),
        ("行政处罚", "penalty"),
        ("处罚", "penalty"),
        ("行政强制", "coercion"),
        ("强制", "coercion"),
        ("行政强制措施", "coercion"),
        (" 行政许可 ", "licensing"),
    ],
)
def test_kind_aliases(kind, expected):
    parsed = csvimport.parse(f"类别,决定日期,文号\n{kind},2025-03-04,甲1号\n".encode())
    assert parsed.ok and parsed.rows[0].kind == expected


def test_every_bad_row_is_named_with_its_line():
    text = (
        "类别,决定日期,决定书文号,事项或当事人,件数\n"
        "行政许可,2025-03-04,甲1号,某事项,1\n"
        ",2025-03-04,甲2号,某事项,1\n"
        "行政许可,,甲3号,某事项,1\n"
        "行政许可,2025-03-04,,,1\n"
        "行政许可,2025-03-04,甲1号,某事项,0\n"
        "行政许可,2025-03-04,甲6号,某事项,3件\n"
        "行政许可,2025-03-04,甲1号,某事项,1\n"
    )
    parsed = csvimport.parse(text.encode())
    assert [str(p) for p in parsed.problems] == [
        "第3行：类别为空",
        "第4行：决定日期为空",
        "第5行：决定书文号和事项或当事人至少填写一项",
        "第6行：件数“0”应为正整数",
        "第8行：决定书文号“甲1号”与第2行重复",
    ]
    assert [(r.line, r.count) for r in parsed.rows] == [(2, 1), (7, 3)]
    assert not parsed.ok


def test_line_numbers_count_blank_lines_and_quoted_newlines():
    text = (
        "类别,决定日期,文号,事项\n\n"
        '行政许可,2025-03-04,甲1号,"两行\n的事项"\n'
        "行政许口,2025-03-04,甲2号,某事项\n"
    )
    parsed = csvimport.parse(text.encode())
    assert [str(p) for p in parsed.problems] == [
        "第5行：类别“行政许口”无法识别（应为行政许可、行政处罚或行政强制）"
    ]
    assert parsed.rows[0].line == 3 and parsed.rows[0].subject == "两行\n的事项"


def test_headers_with_notes_tabs_and_unknown_columns():
    text = "序号\t类别（必填）\t决定日期*\t当事人名称\t备注\n1\t处罚\t2025-5-6\t某公司\t无\n"
    parsed = csvimport.parse(text.encode("gb18030"))
    assert parsed.ok and parsed.rows[0].subject == "某公司" and parsed.rows[0].reference == ""


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "文件是空的"),
        ("类别,决定日期,文号\n", "文件只有表头，没有数据行"),
        (
            "名称,日期\n某事项,2025-03-04\n",
            "第1行：缺少必需的列：类别（表头应包括：类别、决定日期、决定书文号、事项或当事人，可选件数）",
        ),
        ("类别,决定日期\n许可,2025-03-04\n", "第1行：缺少“决定书文号”或“事项或当事人”列"),
        ("类别,类型,决定日期,文号\n许可,许可,2025-03-04,甲1号\n", "第1行：表头“类型”与第1列重复"),
    ],
)
def test_file_level_problems(text, message):
    parsed = csvimport.parse(text.encode())
    assert message in [str(p) for p in parsed.problems]


def test_the_template_reads_back():
    content = csvimport.template_csv()
    assert content.startswith("\ufeff".encode())
    parsed = csvimport.parse(content)
    assert parsed.ok and len(parsed.rows) == 2


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(csvimport, "MAX_ROWS", 2)
    text = "类别,决定日期,文号\n" + "".join(f"许可,2025-03-04,甲{i}号\n" for i in range(3))
    assert "文件超过2行，请分批导入" in [str(p) for p in csvimport.parse(text.encode()).problems]


def test_title_lines_above_the_header_are_skipped():
    text = "2025年行政许可决定台账,,,\n制表单位：临淄区民政局,,,\n类别,决定日期,文号,事项\n许可,2025-03-04,甲1号,某登记\n"
    parsed = csvimport.parse(text.encode("gbk"))
    assert parsed.ok and parsed.rows[0].line == 4
    tabbed = "2025年行政处罚决定台账\n类别\t决定日期\t文号\n处罚\t2025-03-04\t甲1号\n"
    assert csvimport.parse(tabbed.encode()).ok


def test_a_file_without_a_recognisable_header_names_its_first_line():
    parsed = csvimport.parse("某台账\n说明\n".encode())
    assert [str(p) for p in parsed.problems] == [
        "第1行：缺少必需的列：类别、决定日期（表头应包括：类别、决定日期、决定书文号、事项或当事人，可选件数）",
        "第1行：缺少“决定书文号”或“事项或当事人”列",
    ]
