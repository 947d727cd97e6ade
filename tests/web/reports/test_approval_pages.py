"""The approval and publishing of a report through the pages: the confirmation lists what
becomes public, refusals come back beside the form (htmx: the card alone, 422), the dashboard
queues, the import form's refusal of another agency's report, and the 草稿 mark on every
download of a report that is not published."""

from __future__ import annotations

import html
import io
import re
import subprocess
import zipfile
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.web.conftest import today_is
from tests.web.reports.test_approval import PROBLEMS, _report_of
from tests.web.reports.test_views import publish_through_pages
from tests.web.test_permissions import client_for

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
MARK = "草稿——未发布"


@pytest.fixture
def written(registers: dict[str, Any], people: dict[str, Any]) -> Any:
    from gongkai.web.reports import services

    report = services.open_draft(people["clerk"], registers["agency"].pk, 2025)
    services.save(people["clerk"], report.pk, PROBLEMS)
    return report


def test_the_confirmation_lists_what_becomes_public(
    written: Any, people: dict[str, Any], monkeypatch: Any
) -> None:
    today_is(monkeypatch, date(2026, 2, 10))
    approver = client_for(people["approver"])
    page = approver.get(f"/reports/{written.pk}/").content.decode()
    assert 'id="publish-form"' in page and 'value="2026-02-10"' in page  # today suggested
    confirm = approver.get(f"/reports/{written.pk}/publish/confirm/?published_on=2026-02-01")
    assert confirm.status_code == 200
    body = confirm.content.decode()
    side = body[
        body.index('id="publishing"') : body.index("</form>", body.index('id="confirm-form"'))
    ]
    assert "2026-02-01" in side and 'id="late"' in side and "1月31日" in side
    assert "表三 本年新收申请：5件" in side and "结转下年度继续办理：1件" in side
    assert "PDF、Word（DOCX）、网页（HTML）、数据（JSON）" in side
    assert "临淄区民政局2025年度的登记记录" in side and "即被锁定" in side
    assert 'id="confirm-publish"' in side
    assert "{本年新收申请}" not in body and "新收政府信息公开申请5件" in body  # the full text
    written.refresh_from_db()
    assert written.status == "draft"  # showing publishes nothing


@pytest.mark.parametrize(
    ("on", "says"),
    [("2025-12-31", "发布日期应在2025年度结束之后"), ("2026-12-31", "发布日期不能晚于今天")],
)
def test_a_refused_date_comes_back_beside_the_form(
    written: Any, people: dict[str, Any], monkeypatch: Any, on: str, says: str
) -> None:
    today_is(monkeypatch, date(2026, 2, 10))
    approver = client_for(people["approver"])
    card = approver.post(f"/reports/{written.pk}/publish/", {"published_on": on}, **HTMX)
    assert card.status_code == 422
    body = card.content.decode()
    assert body.lstrip().startswith('<form class="card stack"') and "<html" not in body
    assert 'id="publish-form"' in body and says in body and 'class="errorlist"' in body
    page = approver.post(f"/reports/{written.pk}/publish/", {"published_on": on})
    assert page.status_code == 422 and "<html" in page.content.decode()
    assert says in page.content.decode()
    written.refresh_from_db()
    assert written.status == "draft"


def test_before_the_year_is_over_the_page_says_so(
    written: Any, people: dict[str, Any], monkeypatch: Any
) -> None:
    today_is(monkeypatch, date(2025, 12, 20))
    page = client_for(people["approver"]).get(f"/reports/{written.pk}/").content.decode()
    assert re.search(r'id="publish-report" disabled title="2025年度尚未结束，2026-01-01起', page)
    page = client_for(people["clerk"]).get(f"/reports/{written.pk}/").content.decode()
    assert re.search(r'id="submit-report" disabled title="2025年度尚未结束', page)
    card = client_for(people["approver"]).post(
        f"/reports/{written.pk}/publish/", {"published_on": "2025-12-20"}, **HTMX
    )
    assert card.status_code == 422 and "2025年度尚未结束" in card.content.decode()


def test_submit_return_and_the_dashboard_queues(written: Any, people: dict[str, Any]) -> None:
    clerk, approver = client_for(people["clerk"]), client_for(people["approver"])
    assert 'id="reports-waiting"' not in approver.get("/").content.decode()
    page = clerk.get(f"/reports/{written.pk}/").content.decode()
    assert 'id="submit-form"' in page and 'id="publish-form"' not in page
    done = clerk.post(f"/reports/{written.pk}/submit/", {"note": "请审批"}, **HTMX)
    assert done.status_code == 204 and done["HX-Redirect"] == f"/reports/{written.pk}/"
    page = clerk.get(f"/reports/{written.pk}/").content.decode()
    assert 'id="pending-card"' in page and 'id="withdraw-report"' in page
    assert 'id="editor-form"' not in page and "待审批" in page

    board = approver.get("/").content.decode()
    queue = board[board.index('id="reports-waiting"') :]
    assert f'href="/reports/{written.pk}/"' in queue and "临淄区民政局2025年度报告" in queue
    page = approver.get(f"/reports/{written.pk}/").content.decode()
    assert 'id="pending-note"' in page and 'id="return-form"' in page

    refused = approver.post(f"/reports/{written.pk}/return/", {"comment": " "}, **HTMX)
    assert refused.status_code == 422 and 'id="return-form"' in refused.content.decode()
    assert "errorlist" in refused.content.decode()
    returned = approver.post(
        f"/reports/{written.pk}/return/", {"comment": "请补充改进措施的时限"}, **HTMX
    )
    assert returned.status_code == 204
    board = clerk.get("/").content.decode()
    assert 'id="reports-returned"' in board and "请补充改进措施的时限" in board
    page = clerk.get(f"/reports/{written.pk}/").content.decode()
    assert 'id="returned"' in page and "王建国退回：请补充改进措施的时限" in page
    history = page[page.index('id="history"') : page.index('id="corrections"')]
    for label in ("提交审批", "请审批", "退回", "请补充改进措施的时限"):
        assert label in history


def test_a_report_changed_after_the_confirmation_is_not_published(
    written: Any, people: dict[str, Any], make_case: Any
) -> None:
    approver = client_for(people["approver"])
    confirm = approver.get(f"/reports/{written.pk}/publish/confirm/?published_on=2026-01-20")
    digest = re.search(r'name="digest" value="([0-9a-f]{64})"', confirm.content.decode()).group(1)
    make_case(date(2025, 12, 29), applicant_type="nonprofit", applicant_name="某公益组织")
    stale = approver.post(
        f"/reports/{written.pk}/publish/confirm/", {"published_on": "2026-01-20", "digest": digest}
    )
    assert stale.status_code == 409
    body = stale.content.decode()
    form = body[body.index('id="confirm-form"') :]
    assert "确认之后有变化" in form and "表三 本年新收申请：6件" in body  # shown as it is now
    written.refresh_from_db()
    assert written.status == "draft"
    page = publish_through_pages(approver, written.pk, "2026-01-20")
    assert "表三 本年新收申请：6件" in page


def test_the_import_form_refuses_another_agencys_report(
    people: dict[str, Any], tree: dict[str, Any], town_approver: Any
) -> None:
    from gongkai.web.reports.models import AnnualReport

    data = _report_of("台儿庄区民政局")
    clerk = client_for(people["town_clerk"])
    assert 'name="reason"' not in clerk.get("/reports/").content.decode()
    response = clerk.post("/reports/import/", {"file": SimpleUploadedFile("别人的.md", data)})
    assert response.status_code == 422
    page = response.content.decode()
    form = page[
        page.index('id="import-form"') : page.index("</form>", page.index('id="import-form"'))
    ]
    assert "“台儿庄区民政局”与本机关“临淄区齐都镇人民政府”不一致" in form
    assert not AnnualReport.objects.exists()

    approver = client_for(town_approver)
    assert 'name="reason"' in approver.get("/reports/").content.decode()
    response = approver.post("/reports/import/", {"file": SimpleUploadedFile("别人的.md", data)})
    assert response.status_code == 422 and "请填写导入理由" in response.content.decode()
    response = approver.post(
        "/reports/import/",
        {
            "file": SimpleUploadedFile("别人的.md", data),
            "reason": "两机关合署办公，报告以民政局名义发布",
        },
    )
    assert response.status_code == 302
    report = AnnualReport.objects.get()
    assert report.status == "pending" and "合署办公" in report.revisions.get().reason


def _texts(fmt: str, body: bytes, tmp_path: Any) -> str:
    """What a reader sees of a download: the text of every page, header included."""
    if fmt in ("html", "md", "json"):
        return body.decode()
    if fmt == "docx":
        from docx import Document

        doc = Document(io.BytesIO(body))
        header = [p.text for p in doc.sections[0].header.paragraphs]
        return "\n".join(header + [p.text for p in doc.paragraphs])
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            names = ("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml")
            xml = "".join(archive.read(n).decode() for n in names if n in archive.namelist())
            return html.unescape(xml)  # openpyxl writes characters as references
    path = tmp_path / "report.pdf"
    path.write_bytes(body)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "md", "xlsx"])
def test_every_draft_download_is_marked_and_a_published_one_is_not(
    written: Any, people: dict[str, Any], fmt: str, tmp_path: Any
) -> None:
    from django.test import Client

    clerk = client_for(people["clerk"])
    url = f"/reports/{written.pk}/files/{fmt}/"
    draft = _texts(fmt, clerk.get(url).content, tmp_path)
    assert MARK in draft
    if fmt in ("pdf", "docx"):  # on every page: in the header or drawn on the page
        pages = draft.split("\f") if fmt == "pdf" else [draft]
        assert all(MARK in p for p in pages if p.strip()), fmt
    clerk.post(f"/reports/{written.pk}/submit/")
    assert MARK in _texts(fmt, clerk.get(url).content, tmp_path)  # waiting: still a draft

    publish_through_pages(client_for(people["approver"]), written.pk, "2026-01-20")
    published = _texts(fmt, clerk.get(url).content, tmp_path)
    assert "草稿" not in published and "一、总体情况" in published
    if fmt in ("pdf", "docx", "html"):
        public = Client().get(f"/apply/reports/{written.pk}/files/{fmt}/").content
        assert "草稿" not in _texts(fmt, public, tmp_path)


def test_the_json_download_is_the_document_unmarked(written: Any, people: dict[str, Any]) -> None:
    body = client_for(people["clerk"]).get(f"/reports/{written.pk}/files/json/")
    written.refresh_from_db()
    assert body.json() == written.document and "draft-mark" not in body.content.decode()
