"""The public report pages, no login: only published versions, never a draft."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PROBLEMS = {
    "problems_section": "一是公开目录更新不够及时；二是答复文书说理不够充分。"
    "下一步将加强培训，规范答复文书，按季度检查公开目录。"
}


@pytest.fixture
def reports(
    registers: dict[str, Any], people: dict[str, Any], tree: dict[str, Any], town_approver: Any
) -> dict[str, Any]:
    """民政局: 2024 published, 2025 a draft; the town: 2024 imported and approved."""
    from gongkai.web.reports import services
    from tests.web.reports.conftest import import_and_approve
    from tests.web.reports.test_lifecycle import _imported_text

    agency = registers["agency"]
    published = services.open_draft(people["clerk"], agency.pk, 2024)
    services.save(people["clerk"], published.pk, PROBLEMS)
    services.publish(people["approver"], published.pk, date(2025, 1, 20))
    published.refresh_from_db()
    draft = services.open_draft(people["clerk"], agency.pk, 2025)
    imported = import_and_approve(
        people["town_clerk"], town_approver, tree["town"].pk, "2024年度报告.md", _imported_text()
    )
    return {"published": published, "draft": draft, "imported": imported}


def test_the_list_shows_only_published_reports(
    reports: dict[str, Any], tree: dict[str, Any]
) -> None:
    published, draft, imported = reports["published"], reports["draft"], reports["imported"]
    page = Client().get("/apply/reports/").content.decode()
    assert f'href="/apply/reports/{published.pk}/"' in page
    assert f'href="/apply/reports/{imported.pk}/"' in page
    assert f"/apply/reports/{draft.pk}/" not in page
    assert "2025年1月20日" in page
    for fmt in ("pdf", "docx", "html", "json"):
        assert f'href="/apply/reports/{published.pk}/files/{fmt}/"' in page
    assert "/files/xlsx/" not in page
    # filtered by agency
    page = Client().get(f"/apply/reports/?agency={tree['town'].pk}").content.decode()
    assert (
        f"/apply/reports/{imported.pk}/" in page and f"/apply/reports/{published.pk}/" not in page
    )
    assert "临淄区民政局" in page  # in the agency filter only
    assert "年度报告" in Client().get("/apply/").content.decode()  # the public header links here


def test_a_draft_is_never_reachable_publicly(reports: dict[str, Any]) -> None:
    draft = reports["draft"]
    client = Client()
    assert client.get(f"/apply/reports/{draft.pk}/").status_code == 404
    for fmt in ("pdf", "docx", "html", "json"):
        assert client.get(f"/apply/reports/{draft.pk}/files/{fmt}/").status_code == 404
    # nor the staff pages, without a login
    response = client.get(f"/reports/{draft.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert client.get(f"/reports/{draft.pk}/files/pdf/").status_code == 302


def test_a_reopened_report_leaves_the_public_list(
    reports: dict[str, Any], people: dict[str, Any]
) -> None:
    from gongkai.web.reports import services

    published = reports["published"]
    services.reopen(people["approver"], published.pk, "表二数据有误")
    assert Client().get(f"/apply/reports/{published.pk}/").status_code == 404
    assert f"/apply/reports/{published.pk}/" not in Client().get("/apply/reports/").content.decode()


def test_the_public_page_shows_the_report_without_drill_down(reports: dict[str, Any]) -> None:
    published = reports["published"]
    page = Client().get(f"/apply/reports/{published.pk}/").content.decode()
    assert "临淄区民政局" in page and "2024年政府信息公开工作年度报告" in page
    assert 'class="cell"' not in page and "/reports/" + str(published.pk) + "/cell/" not in page
    assert 'data-cell="received.natural_person">2</td>' in page
    assert "http://" not in page and "https://" not in page  # nothing loads from elsewhere


def test_public_downloads(reports: dict[str, Any]) -> None:
    published = reports["published"]
    client = Client()
    pdf = client.get(f"/apply/reports/{published.pk}/files/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = client.get(f"/apply/reports/{published.pk}/files/docx/")
    assert zipfile.is_zipfile(io.BytesIO(docx.content))
    data = client.get(f"/apply/reports/{published.pk}/files/json/").json()
    assert data == published.document
    assert data["published_on"] == "2025-01-20"
    assert client.get(f"/apply/reports/{published.pk}/files/md/").status_code == 404
