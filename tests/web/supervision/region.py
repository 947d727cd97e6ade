"""A small region to import through the web: 临淄区人民政府 over four units, one report per
unit written by gongkai's own renderers, with known defects (see ZIP_FILES)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from gongkai.report.canonical import from_canonical
from gongkai.report.render import render
from tests.supervision.region import unit_document

YEAR = 2025
ROSTER_CSV = """单位名称,单位类型,上级单位,别名
临淄区人民政府,区县政府,,
临淄区民政局,政府部门,临淄区人民政府,区民政局
临淄区财政局,政府部门,临淄区人民政府,
临淄区文化旅游局,政府部门,临淄区人民政府,
临淄区齐都镇人民政府,乡镇街道,临淄区人民政府,齐都镇政府
"""
BAD_ROSTER_CSV = """单位名称,单位类型,上级单位
临淄区人民政府,区县政府,
临淄区民政局,政府机关,临淄区人民政府
临淄区财政局,政府部门,临淄区政府
"""


def documents() -> dict[str, dict[str, Any]]:
    return {
        "minzheng.html": unit_document("临淄区民政局", "2026-01-20"),  # on time
        "gov.md": unit_document("临淄区人民政府", "2026-04-10"),  # late: 10 days after 31 March
        "wenlv.html": unit_document("临淄区文化和旅游局", "2026-01-15"),  # not the roster's name
        "qidu.md": unit_document("齐都镇政府", "2026-01-10", problems=""),  # 五 empty
    }
    # 临淄区财政局 publishes nothing: missing


def region_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, doc in documents().items():
            fmt = name.rsplit(".", 1)[1]
            z.writestr(f"reports/{name}", render(from_canonical(doc), fmt))
        z.writestr("reports/broken.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF")
    return out.getvalue()
