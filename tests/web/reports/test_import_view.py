"""Importing a report published before the agency used gongkai, through the list page's form."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.web.reports.test_lifecycle import IMPORTED_2024, _imported_text
from tests.web.test_permissions import client_for

pytestmark = pytest.mark.django_db


def _post(client: Any, name: str, data: bytes, year: str = "") -> Any:
    return client.post("/reports/import/", {"file": SimpleUploadedFile(name, data), "year": year})


def _nothing_written() -> bool:
    from gongkai.web.reports.models import AnnualReport, Revision

    return not AnnualReport.objects.exists() and not Revision.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("损坏.docx", b"PK\x03\x04 not really a zip", "损坏.docx"),
        ("通知.txt", "关于做好政府信息公开工作的通知".encode(), "通知.txt: 没有找到年度报告的内容"),
        (
            "无表.txt",
            IMPORTED_2024.format(table="（表格为图片，无法复制）").encode(),
            "无表.txt：没有找到表三",
        ),
        ("扫描件.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "扫描件.pdf"),
        ("空.txt", b"", "空.txt：文件是空的"),
    ],
)
def test_a_bad_file_is_named_in_the_error_and_nothing_is_written(
    people: dict[str, Any], tree: dict[str, Any], name: str, data: bytes, says: str
) -> None:
    response = _post(client_for(people["town_clerk"]), name, data)
    assert response.status_code == 422
    page = response.content.decode()
    errors = page[
        page.index('id="import-form"') : page.index("</form>", page.index('id="import-form"'))
    ]
    assert 'class="errorlist"' in errors and says in errors
    assert _nothing_written()


def test_a_year_that_contradicts_the_file_is_a_field_error(
    people: dict[str, Any], tree: dict[str, Any]
) -> None:
    response = _post(client_for(people["town_clerk"]), "2024.md", _imported_text(), year="2023")
    assert response.status_code == 422
    assert (
        "与所填年度2023不符" in response.content.decode()
        or "与文件中的年度不符" in response.content.decode()
    )
    assert _nothing_written()


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf", "xlsx"])
def test_a_published_report_is_imported_from_any_readable_format(
    people: dict[str, Any], tree: dict[str, Any], fmt: str
) -> None:
    from gongkai.report.canonical import from_canonical
    from gongkai.report.render import render
    from gongkai.web.reports.models import AnnualReport

    document = _full_2024()
    data = render(from_canonical(document), fmt)
    client = client_for(people["town_clerk"])
    response = _post(client, f"齐都镇2024年度报告.{fmt}", data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    report = AnnualReport.objects.get()
    assert (report.origin, report.status, report.year) == ("imported", "pending", 2024)
    for table in ("proactive", "applications", "disputes"):
        assert report.document[table] == document[table], table
    assert report.published_on.isoformat() == "2025-01-25"
    page = client.get(response["Location"]).content.decode()
    assert "已导入2024年度报告" in page and f"齐都镇2024年度报告.{fmt}" in page
    assert "审批人批准发布后公开" in page
    assert 'class="cell"' not in page  # no register stands behind an imported report
    assert "导入的报告按原文保存" in page
    # waiting for approval, an import is replaced by importing again; once published, refused
    again = _post(client, f"齐都镇2024年度报告.{fmt}", data)
    assert again.status_code == 302 and AnnualReport.objects.get().pk == report.pk
    assert [r.reason.split(" ")[0] for r in report.revisions.all()] == ["导入", "重新导入"]
    AnnualReport.objects.filter(pk=report.pk).update(status="published")
    again = _post(client, f"齐都镇2024年度报告.{fmt}", data)
    assert again.status_code == 422 and "不能重复导入" in again.content.decode()


def test_only_staff_of_the_agency_import(people: dict[str, Any], tree: dict[str, Any]) -> None:
    page = client_for(people["supervisor"]).get("/reports/").content.decode()
    assert 'id="import-form"' not in page
    assert _post(client_for(people["supervisor"]), "2024.md", _imported_text()).status_code == 403
    assert _nothing_written()


def _full_2024() -> dict[str, Any]:
    """The town's 2024 report with all three tables (the readers tell the format by them)."""
    from gongkai.report.canonical import to_canonical
    from gongkai.report.parse import parse_bytes
    from gongkai.report.spec import DISPUTE_COLUMN_KEYS

    document = to_canonical(parse_bytes(_imported_text(), "2024.md"))
    document["published_on"] = "2025-01-25"
    document["proactive"] = {
        "gov_rules": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_docs": {"issued": 1, "repealed": 0, "in_force": 3},
        "licensing": 12,
        "penalty": 0,
        "coercion": 0,
        "admin_fees": 0,
    }
    document["disputes"] = {
        row: dict.fromkeys(DISPUTE_COLUMN_KEYS, 0)
        for row in ("review", "lit_direct", "lit_after_review")
    }
    return document


def test_an_imported_reports_prose_is_text_in_every_download(
    people: dict[str, Any], tree: dict[str, Any]
) -> None:
    """A third party's report may carry a formula or a script in its prose: the XLSX download
    holds it as text (no live formula) and the Markdown download holds no markup."""
    import io
    import zipfile

    from gongkai.web.reports.models import AnnualReport

    formula = '=HYPERLINK("http://x.invalid/","点此")'
    text = (
        _imported_text()
        .decode()
        .replace("2024年，本镇收到政府信息公开申请3件。", formula + "<script>alert(1)</script>")
    )
    client = client_for(people["town_clerk"])
    assert _post(client, "第三方.txt", text.encode()).status_code == 302
    report = AnnualReport.objects.get()
    xlsx = client.get(f"/reports/{report.pk}/files/xlsx/").content
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        styles = archive.read("xl/styles.xml").decode()
    assert "<f>" not in sheet and 'quotePrefix="1"' in styles
    markdown = client.get(f"/reports/{report.pk}/files/md/").content.decode()
    assert "<script" not in markdown and "&lt;script&gt;" in markdown
