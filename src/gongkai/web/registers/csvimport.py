"""Read a CSV export of decisions (licensing, penalty, coercion) from another system.

Pure: bytes in, plain values out; no Django, no database. Lenient read, strict check: the
decoder and the CSV reader never refuse real input, then every row is checked and every
problem is collected with its line number, so a refused file can be fixed in one go.

- Encoding: UTF-8 (with or without BOM), else GB18030 (a superset of GBK and GB2312).
- Delimiter: comma, or tab when the first lines have more tabs than commas.
- Headers by Chinese name, with aliases (see :data:`HEADERS`); order does not matter; title
  lines above the header (``2025年行政许可决定台账``) are skipped.
- Dates: 2025-03-04, 2025/3/4, 2025.3.4, 2025年3月4日, optionally followed by a time.
- Values are kept as written (only trimmed); full-width forms are folded only to recognise a
  header, a kind, a date or a number.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

MAX_ROWS = 20000
HEADER_SEARCH = 5  # the header may follow a title line or two, as exports often have

# column → the header names that mean it (compared after normalising, see _norm)
HEADERS: dict[str, tuple[str, ...]] = {
    "kind": ("类别", "决定类别", "决定类型", "类型", "种类"),
    "decided_on": ("决定日期", "作出日期", "作出决定日期", "日期"),
    "reference": ("决定书文号", "文号", "决定文号", "决定书编号"),
    "subject": ("事项或当事人", "事项/当事人", "事项", "当事人", "事项名称", "当事人名称"),
    "count": ("件数", "数量"),
}
REQUIRED = ("kind", "decided_on")
LABELS = {
    "kind": "类别",
    "decided_on": "决定日期",
    "reference": "决定书文号",
    "subject": "事项或当事人",
    "count": "件数",
}

KINDS: dict[str, str] = {
    "行政许可": "licensing",
    "许可": "licensing",
    "licensing": "licensing",
    "行政处罚": "penalty",
    "处罚": "penalty",
    "penalty": "penalty",
    "行政强制": "coercion",
    "强制": "coercion",
    "coercion": "coercion",
    "行政强制措施": "coercion",
    "行政强制执行": "coercion",
}

TEMPLATE_ROWS = (
    ("类别", "决定日期", "决定书文号", "事项或当事人", "件数"),
    ("行政许可", "2025-03-04", "临民许〔2025〕12号", "社会团体成立登记：某某协会", "1"),
    ("行政处罚", "2025/3/18", "临民罚〔2025〕3号", "某某殡葬服务部违规经营", "1"),
)

# characters XML and the pages cannot show (see gongkai.web.textcheck); tab, LF, CR aside
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)


@dataclass(frozen=True)
class Row:
    line: int
    kind: str  # licensing | penalty | coercion
    decided_on: date
    reference: str
    subject: str
    count: int


@dataclass(frozen=True)
class Problem:
    line: int  # 0: the file as a whole
    message: str

    def __str__(self) -> str:
        return f"第{self.line}行：{self.message}" if self.line else self.message


@dataclass(frozen=True)
class Parsed:
    rows: tuple[Row, ...]
    problems: tuple[Problem, ...]
    encoding: str

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def template_csv() -> bytes:
    """The template offered for download: UTF-8 with a BOM, so spreadsheet programs open it."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(TEMPLATE_ROWS)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def decode(content: bytes) -> tuple[str, str]:
    """The text and the encoding it was read in."""
    try:
        return content.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:  # pragma: no cover - gb18030 decodes nearly every byte string
        return content.decode("utf-8", errors="replace"), "unknown"


def _norm(text: str) -> str:
    """Full-width forms folded, spaces, asterisks and bracketed notes removed."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = re.sub(r"[(（\[【].*?[)）\]】]", "", text)
    return re.sub(r"[\s*:：]", "", text)


def _columns(header: list[str]) -> tuple[dict[str, int], list[Problem]]:
    names = {_norm(alias): key for key, aliases in HEADERS.items() for alias in aliases}
    found: dict[str, int] = {}
    problems = []
    for index, raw in enumerate(header):
        key = names.get(_norm(raw))
        if key is None:
            continue
        if key in found:
            problems.append(Problem(1, f"表头“{raw.strip()}”与第{found[key] + 1}列重复"))
        else:
            found[key] = index
    missing = [LABELS[k] for k in REQUIRED if k not in found]
    if missing:
        problems.append(
            Problem(
                1,
                "缺少必需的列："
                + "、".join(missing)
                + "（表头应包括：类别、决定日期、决定书文号、事项或当事人，可选件数）",
            )
        )
    if "reference" not in found and "subject" not in found:
        problems.append(Problem(1, "缺少“决定书文号”或“事项或当事人”列"))
    return found, problems


def parse_date(text: str) -> date | None:
    """``2025-03-04``, ``2025/3/4``, ``2025.3.4``, ``2025年3月4日``; None if not a valid date."""
    match = _DATE.match(unicodedata.normalize("NFKC", text).strip())
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _row(line: int, cells: list[str], columns: dict[str, int]) -> tuple[Row | None, list[str]]:
    def cell(key: str) -> str:
        index = columns.get(key)
        if index is None or index >= len(cells):
            return ""
        return cells[index].strip()

    errors = []
    kind_text = cell("kind")
    kind = KINDS.get(_norm(kind_text))
    if not kind_text:
        errors.append("类别为空")
    elif kind is None:
        errors.append(f"类别“{kind_text}”无法识别（应为行政许可、行政处罚或行政强制）")
    date_text = cell("decided_on")
    decided_on = parse_date(date_text) if date_text else None
    if not date_text:
        errors.append("决定日期为空")
    elif decided_on is None:
        errors.append(f"决定日期“{date_text}”无效（应如2025-03-04、2025/3/4或2025年3月4日）")
    reference, subject = cell("reference"), cell("subject")
    if not reference and not subject:
        errors.append("决定书文号和事项或当事人至少填写一项")
    if CONTROL.search(reference + subject):
        errors.append("决定书文号或事项或当事人含有不可见的控制字符，请删除后重新导入")
    if len(reference) > 100:
        errors.append("决定书文号超过100字")
    if len(subject) > 300:
        errors.append("事项或当事人超过300字")
    count_text = unicodedata.normalize("NFKC", cell("count")).removesuffix("件").strip()
    count = 1
    if count_text:
        if count_text.isdigit() and int(count_text) >= 1:
            count = int(count_text)
        else:
            errors.append(f"件数“{cell('count')}”应为正整数")
    if errors or kind is None or decided_on is None:
        return None, errors
    return Row(line, kind, decided_on, reference, subject, count), []


def parse(content: bytes) -> Parsed:
    """Every row and every problem; a file with any problem must be refused as a whole."""
    text, encoding = decode(content)
    head = [ln for ln in text.splitlines() if ln.strip()][:HEADER_SEARCH]
    delimiter = (
        "\t" if sum(ln.count("\t") for ln in head) > sum(ln.count(",") for ln in head) else ","
    )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    problems: list[Problem] = []
    columns: dict[str, int] | None = None
    seen: dict[str, int] = {}
    first_problems: list[Problem] = []
    skipped = data_lines = 0
    line = 1  # the line the next record starts on
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if columns is None:  # the header: the first row that names the columns
            found, header_problems = _columns(cells)
            first_problems = first_problems or [Problem(start, p.message) for p in header_problems]
            skipped += 1
            if not header_problems:
                columns = found
            elif skipped >= HEADER_SEARCH or found:
                problems.extend(
                    first_problems
                    if not found
                    else [Problem(start, p.message) for p in header_problems]
                )
                break
            continue
        data_lines += 1
        if data_lines > MAX_ROWS:
            problems.append(Problem(0, f"文件超过{MAX_ROWS}行，请分批导入"))
            break
        row, errors = _row(start, cells, columns)
        if row is not None and row.reference:
            earlier = seen.setdefault(row.reference, start)
            if earlier != start:
                errors = [f"决定书文号“{row.reference}”与第{earlier}行重复"]
                row = None
        if row is not None:
            rows.append(row)
        problems.extend(Problem(start, e) for e in errors)
    if columns is None and not problems:
        problems.extend(first_problems or [Problem(0, "文件是空的")])
    elif columns is not None and not rows and not problems:
        problems.append(Problem(0, "文件只有表头，没有数据行"))
    return Parsed(tuple(rows), tuple(problems), encoding)
