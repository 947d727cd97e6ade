"""A small realistic region on disk, with known defects injected, for the supervision tests.

临淄区人民政府 (汇总) over four units, 张店区人民政府 (本级) over three; reports rendered from
canonical documents by gongkai's own renderers in mixed formats (HTML, DOCX, PDF, Markdown),
last year's report of 临淄区民政局 the seed report (tests/report/cases, seed 000, 2024).

Injected defects, each with what must be found (see test_region.py):
  1. 张店区自然资源局 publishes nothing                      → missing
  2. 张店区教育和体育局 signs its report 2026-02-10              → late by 10 days (signing date)
  3. a report of 临淄区文化和旅游局, not in the roster         → unassigned, never guessed
  4. 临淄区民政局's report uploaded twice (HTML and DOCX)       → one report, two sources
  5. 临淄区财政局 republished on 2026-02-15 with 予以公开 +2     → 发布后有变动, figures of v2,
                                                            timeliness of v1 (2026-01-20)
  6. 临淄区人民政府's 汇总 report: 行政许可 one more than the sum → AGG-SUM on that cell only
  7. 张店区人民政府 uploads its 2024 report in the 2025 folder  → wrong year
  8. a damaged PDF                                          → unreadable, listed
  9. 稷下街道办事处's report has no signing date, no manifest row → date unknown
"""

from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gongkai.report.canonical import from_canonical
from gongkai.report.render import render
from gongkai.report.spec import APPLICANT_TYPES, FORMAT_2021
from tests.report.factories import clean_document

ROOT = Path(__file__).parents[2]
SEED_2024 = (
    ROOT / "tests/report/cases/convert-seed-000-linzi-civil-affairs-2024-pdftotext/source.txt"
)
YEAR = 2025

ROSTER_CSV = """单位名称,单位类型,上级单位,别名,报告范围,统一社会信用代码
临淄区人民政府,区县政府,,,汇总,11370305004000001A
临淄区民政局,政府部门,临淄区人民政府,区民政局；临淄民政,,11370305004000002B
临淄区财政局,政府部门,临淄区人民政府,区财政局,,
临淄区市场监督管理局,政府部门,临淄区人民政府,区市场监管局、临淄区市场监管局,,
齐都镇人民政府,乡镇街道,临淄区人民政府,齐都镇政府,,
张店区人民政府,区县政府,,,本级,
张店区自然资源局,政府部门,张店区人民政府,,,
张店区教育和体育局,政府部门,张店区人民政府,张店区教体局,,
稷下街道办事处,乡镇街道,张店区人民政府,稷下街道,,
"""

CLEAN_UNITS = ("临淄区民政局", "临淄区市场监督管理局", "齐都镇人民政府", "张店区人民政府")


def _row(*values: int) -> dict[str, int]:
    return {**dict(zip(APPLICANT_TYPES, values, strict=True)), "total": sum(values)}


def unit_document(
    agency: str, signed: str | None, scale: int = 1, year: int = YEAR
) -> dict[str, Any]:
    """clean_document's tables times ``scale`` (identities hold), carried in 0 (so that X1
    holds against the seed, whose 结转 is 0), for ``agency``."""
    doc = clean_document(year)
    doc["agency"] = agency
    doc["published_on"] = signed
    apps = doc["applications"]
    apps["carried_in"] = _row(0, 0, 0, 0, 0, 0)
    for key, cells in apps.items():
        apps[key] = {c: v * scale for c, v in cells.items()}
    concluded, carried_out = apps["concluded_total"], apps["carried_out"]
    apps["received"] = {c: concluded[c] + carried_out[c] for c in concluded}
    doc["disputes"] = {
        g: {c: v * scale for c, v in cells.items()} for g, cells in doc["disputes"].items()
    }
    doc["sections"] = {
        k: (v.replace("本局", agency).replace("我局", agency) if v else v)
        for k, v in doc["sections"].items()
    }
    doc["sections"]["overview"] = (
        f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        f"共收到政府信息公开申请{apps['received']['total']}件，"
        f"办结{apps['concluded_total']['total']}件，结转下年度继续办理{apps['carried_out']['total']}件。"
    )
    return doc


def small_document(agency: str, signed: str | None) -> dict[str, Any]:
    """A township with 3 applications: below the ranking floor."""
    doc = unit_document(agency, signed)
    rows = {key: _row(0, 0, 0, 0, 0, 0) for key in FORMAT_2021.applications.row_keys}
    rows["received"] = _row(3, 0, 0, 0, 0, 0)
    rows["granted"] = _row(2, 0, 0, 0, 0, 0)
    rows["unavailable_not_held"] = _row(1, 0, 0, 0, 0, 0)
    rows["concluded_total"] = _row(3, 0, 0, 0, 0, 0)
    doc["applications"] = rows
    doc["disputes"] = {g: dict.fromkeys(cells, 0) for g, cells in doc["disputes"].items()}
    doc["sections"]["overview"] = f"{YEAR}年，{agency}共收到政府信息公开申请3件，办结3件。"
    return doc


def sum_documents(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """The oracle of the aggregate report: every cell added up, by hand of the test."""
    out = copy.deepcopy(docs[0])
    for table in ("proactive", "applications", "disputes"):
        for row, cells in out[table].items():
            if isinstance(cells, dict):
                out[table][row] = {c: sum(d[table][row][c] for d in docs) for c in cells}
            else:
                out[table][row] = sum(d[table][row] for d in docs)
    return out


@dataclass(frozen=True)
class Region:
    root: Path
    roster: Path
    reports: Path
    previous: Path
    manifest: Path
    documents: dict[str, dict[str, Any]]  # the current version of each unit's report


def _write(path: Path, doc: dict[str, Any], fmt: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render(from_canonical(doc), fmt))


def build_region(root: Path) -> Region:
    reports, previous = root / "reports", root / "previous"
    reports.mkdir(parents=True)
    previous.mkdir(parents=True)
    roster = root / "roster.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8-sig")
    shutil.copy(SEED_2024, previous / "linzi-civil-affairs-2024.txt")

    docs: dict[str, dict[str, Any]] = {}
    docs["临淄区民政局"] = unit_document("临淄区民政局", "2026-01-20")
    _write(reports / "a/民政.html", docs["临淄区民政局"], "html")
    _write(reports / "b/copy-of-minzheng.docx", docs["临淄区民政局"], "docx")  # (4)

    finance_v1 = unit_document("临淄区财政局", None, scale=2)
    finance_v2 = copy.deepcopy(finance_v1)  # (5): two more granted, and two more received
    for row in ("granted", "concluded_total", "received"):
        finance_v2["applications"][row]["natural_person"] += 2
        finance_v2["applications"][row]["total"] += 2
    finance_v2["sections"]["overview"] = (
        finance_v2["sections"]["overview"]
        .replace(
            f"申请{finance_v1['applications']['received']['total']}件",
            f"申请{finance_v2['applications']['received']['total']}件",
        )
        .replace(
            f"办结{finance_v1['applications']['concluded_total']['total']}件",
            f"办结{finance_v2['applications']['concluded_total']['total']}件",
        )
    )
    _write(reports / "finance-first.md", finance_v1, "md")
    _write(reports / "finance-again.md", finance_v2, "md")
    docs["临淄区财政局"] = finance_v2

    docs["临淄区市场监督管理局"] = unit_document("临淄区市场监督管理局", "2026-01-29", scale=3)
    _write(reports / "scjg.pdf", docs["临淄区市场监督管理局"], "pdf")
    docs["齐都镇人民政府"] = small_document("齐都镇人民政府", "2026-01-10")
    _write(reports / "qidu.html", docs["齐都镇人民政府"], "html")

    government = sum_documents(
        [
            docs[n]
            for n in ("临淄区民政局", "临淄区财政局", "临淄区市场监督管理局", "齐都镇人民政府")
        ]
    )
    government["agency"] = "临淄区人民政府"
    government["published_on"] = "2026-03-20"
    government["proactive"]["licensing"] += 1  # (6)
    apps = government["applications"]
    government["sections"]["overview"] = (
        "本报告由临淄区人民政府办公室根据各部门、各镇政府信息公开工作年度报告汇总编制而成。"
        f"{YEAR}年，全区共收到政府信息公开申请{apps['received']['total']}件，"
        f"办结{apps['concluded_total']['total']}件，结转下年度继续办理{apps['carried_out']['total']}件。"
    )
    docs["临淄区人民政府"] = government
    _write(reports / "gov/linzi.docx", government, "docx")

    # 张店区
    zhangdian_2024 = unit_document("张店区人民政府", "2025-03-25", year=2024)
    _write(reports / "zhangdian.html", zhangdian_2024, "html")  # (7)
    docs["张店区教育和体育局"] = unit_document("张店区教育和体育局", "2026-02-10")  # (2)
    _write(reports / "jiaoti.pdf", docs["张店区教育和体育局"], "pdf")
    docs["稷下街道办事处"] = unit_document("稷下街道", None)  # (9): found by its alias
    _write(reports / "jixia.md", docs["稷下街道办事处"], "md")
    _write(reports / "wenlv.html", unit_document("临淄区文化和旅游局", "2026-01-15"), "html")  # (3)
    (reports / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF")  # (8)

    manifest = root / "manifest.csv"
    manifest.write_text(
        "文件,单位,网址,发布日期\n"
        "finance-first.md,临淄区财政局,http://example.gov.cn/cz/1.html,2026-01-20\n"
        "finance-again.md,区财政局,http://example.gov.cn/cz/2.html,2026/2/15\n"
        "qidu.html,齐都镇人民政府,,2026年1月10日\n",
        encoding="utf-8",
    )
    return Region(root, roster, reports, previous, manifest, docs)
