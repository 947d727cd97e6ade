"""The staff's report pages: who sees what, the cell links and the records behind them, the
editor, publishing and reopening through the pages, the history and the downloads."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from typing import Any
from urllib.parse import quote

import pytest

from tests.web.test_permissions import client_for

pytestmark = pytest.mark.django_db

PROBLEMS = (
    "一是公开目录更新不够及时；二是答复文书说理不够充分。"
    "下一步将加强培训，规范答复文书，按季度检查公开目录。"
)


@pytest.fixture
def draft(registers: dict[str, Any], people: dict[str, Any]) -> Any:
    """The 2025 draft of 临淄区民政局, opened through the list page's form."""
    from gongkai.web.reports.models import AnnualReport

    response = client_for(people["clerk"]).post("/reports/open/", {"year": "2025"})
    report = AnnualReport.objects.get(agency=registers["agency"], year=2025)
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/"
    return report


def _cell_links(page: str) -> dict[tuple[str, str, str], str]:
    found = re.findall(
        r'<a class="cell" href="[^"]*"[^>]*data-table="(\w+)" data-row="(\w+)" '
        r'data-column="(\w*)">([^<]*)</a>',
        page,
    )
    return {(t, r, c): text for t, r, c, text in found}


def _records(client: Any, report: Any, table: str, row: str, column: str = "") -> str:
    query = f"table={table}&row={row}" + (f"&column={column}" if column else "")
    response = client.get(f"/reports/{report.pk}/cell/?{query}", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_shows_each_role_what_it_may_read(draft: Any, people: dict[str, Any]) -> None:
    for name in ("clerk", "approver", "supervisor", "admin"):
        page = client_for(people[name]).get("/reports/").content.decode()
        assert f'href="/reports/{draft.pk}/"' in page, name
        assert "临淄区民政局" in page and "草稿" in page
        assert ('id="open-form"' in page) == (name in ("clerk", "approver")), name
    for name in ("tez_clerk", "town_clerk", "tez_supervisor"):
        page = client_for(people[name]).get("/reports/").content.decode()
        assert f'href="/reports/{draft.pk}/"' not in page, name
    assert "年度报告" in client_for(people["supervisor"]).get("/").content.decode()  # nav


def test_opening_a_year_before_the_2021_format_is_a_form_error(
    people: dict[str, Any], tree: dict[str, Any]
) -> None:
    from gongkai.web.reports.models import AnnualReport

    page = client_for(people["clerk"]).get("/reports/").content.decode()
    assert '<option value="2021">2021年度</option>' in page
    assert '<option value="2020">' not in page
    response = client_for(people["clerk"]).post("/reports/open/", {"year": "2020"})
    assert response.status_code == 422
    assert 'id="open-form"' in response.content.decode()
    assert "选择一个有效的选项" in response.content.decode()
    assert not AnnualReport.objects.exists()
    # a supervisor is refused outright, not with a form error
    assert (
        client_for(people["supervisor"]).post("/reports/open/", {"year": "2025"}).status_code == 403
    )


def test_every_figure_of_a_generated_report_links_to_its_records(
    draft: Any, people: dict[str, Any]
) -> None:
    page = client_for(people["supervisor"]).get(f"/reports/{draft.pk}/").content.decode()
    links = _cell_links(page)
    assert len(links) == 10 + 25 * 7 + 15  # tables 二, 三, 四: every value cell
    assert links[("applications", "partially_granted", "business")] == "1"
    assert links[("applications", "received", "natural_person")] == "2"
    assert links[("proactive", "licensing", "")] == "12"
    assert links[("disputes", "review", "total")] == "2"
    # the official layout: the 勾稽 note over 3 rows × 3 columns, the group labels spanning rows
    assert 'rowspan="3" colspan="3" class="note"' in page
    assert 'rowspan="22" class="group">三、本年度办理结果' in page
    for title in ("一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert title in page


def test_drill_down_lists_exactly_the_records_of_a_cell(
    draft: Any, registers: dict[str, Any], people: dict[str, Any]
) -> None:
    client = client_for(people["supervisor"])
    cases = registers["cases"]

    def numbers(fragment: str) -> set[str]:
        return set(re.findall(r">(GK[\w-]+)</a>", fragment))

    def number(key: str) -> str:
        return cases[key].tracking_number

    fragment = _records(client, draft, "applications", "partially_granted", "business")
    assert "<html" not in fragment
    assert numbers(fragment) == {number("B")}
    assert f'href="/cases/{cases["B"].pk}/"' in fragment
    assert "商业企业" in fragment and "2025-03-03" in fragment and "2025-03-20" in fragment
    assert "部分公开" in fragment
    assert numbers(_records(client, draft, "applications", "received", "natural_person")) == {
        number("C"),
        number("E"),
    }
    assert numbers(_records(client, draft, "applications", "carried_in", "total")) == {number("A")}
    assert numbers(_records(client, draft, "applications", "carried_out", "total")) == {number("D")}
    assert numbers(_records(client, draft, "applications", "granted", "business")) == set()

    in_force = _records(client, draft, "proactive", "normative_docs", "in_force")
    assert re.findall(r"<td>(N\d)</td>|>(N\d)</a>", in_force)
    titles = {a or b for a, b in re.findall(r"<td>(N\d)</td>|>(N\d)</a>", in_force)}
    assert titles == {"N1", "N2", "N5"}
    licensing = _records(client, draft, "proactive", "licensing")
    assert "共 3 条决定登记，合计 12" in licensing
    disputes = _records(client, draft, "disputes", "review", "total")
    assert "共 2 件复议诉讼案件" in disputes and "结果维持" in disputes and "结果纠正" in disputes

    # without htmx the same list is a page of its own; an unknown cell is not found
    full = client.get(f"/reports/{draft.pk}/cell/?table=applications&row=granted&column=total")
    assert full.status_code == 200 and "<html" in full.content.decode()
    assert (
        client.get(
            f"/reports/{draft.pk}/cell/?table=applications&row=nope&column=total"
        ).status_code
        == 404
    )


def test_a_supervisor_reads_but_cannot_edit_or_publish(draft: Any, people: dict[str, Any]) -> None:
    client = client_for(people["supervisor"])
    page = client.get(f"/reports/{draft.pk}/").content.decode()
    assert 'id="read-only"' in page
    assert 'id="editor-form"' not in page and 'id="publish-form"' not in page
    assert client.post(f"/reports/{draft.pk}/save/", {"overview": "改写"}).status_code == 403
    assert (
        client.post(f"/reports/{draft.pk}/publish/", {"published_on": "2026-01-20"}).status_code
        == 403
    )
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.revisions.count() == 1


def test_a_clerk_of_another_agency_gets_not_found(draft: Any, people: dict[str, Any]) -> None:
    client = client_for(people["tez_clerk"])
    for url in (
        f"/reports/{draft.pk}/",
        f"/reports/{draft.pk}/files/pdf/",
        f"/reports/{draft.pk}/cell/?table=applications&row=received&column=total",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/reports/{draft.pk}/save/", {"overview": "x"}).status_code == 404
    assert (
        client.post(f"/reports/{draft.pk}/publish/", {"published_on": "2026-01-20"}).status_code
        == 404
    )


def test_the_editor_lists_figures_and_refuses_unknown_fields(
    draft: Any, people: dict[str, Any]
) -> None:
    client = client_for(people["clerk"])
    page = client.get(f"/reports/{draft.pk}/").content.decode()
    assert 'id="editor-form"' in page and 'name="overview"' in page
    assert 'name="carry_note"' not in page  # XYEAR-CARRY does not fire: no explanation asked
    assert 'data-field="本年新收申请"' in page and "{本年新收申请}" in page  # the draft's prose
    assert 'id="publish-form"' not in page  # a clerk does not publish

    response = client.post(
        f"/reports/{draft.pk}/save/",
        {
            "overview": "本年度收到申请{本年新收申请}件，{不存在的数}。",
            "problems_section": PROBLEMS,
            "other_section": "本年度未收取信息处理费。",
        },
    )
    assert response.status_code == 422
    assert "{不存在的数}不存在" in response.content.decode()
    draft.refresh_from_db()
    assert draft.revisions.count() == 1 and draft.texts == {}

    response = client.post(
        f"/reports/{draft.pk}/save/",
        {
            "overview": "本年度收到申请{本年新收申请}件。\r\n第二段。",
            "problems_section": PROBLEMS,
            "other_section": "本年度未收取信息处理费。",
        },
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200 and "已保存并重新统计、校验" in page
    assert "本年度收到申请5件。" in page  # C, D, E, B, F received in 2025
    draft.refresh_from_db()
    assert draft.texts["overview"] == "本年度收到申请{本年新收申请}件。\n第二段。"
    assert draft.document["sections"]["problems_section"] == PROBLEMS


def test_errors_disable_publishing_and_the_service_refuses_too(
    draft: Any, people: dict[str, Any]
) -> None:
    clerk, approver = client_for(people["clerk"]), client_for(people["approver"])
    clerk.post(
        f"/reports/{draft.pk}/save/",
        {
            "overview": "概述。",
            "problems_section": PROBLEMS,
            "other_section": "无其他需要报告的事项。",
        },
    )
    page = approver.get(f"/reports/{draft.pk}/").content.decode()
    assert re.search(r'id="publish-report" disabled title="报告有 1 个错误', page)
    assert 'data-code="OTHER-FEE"' in page
    # errors are listed before warnings
    codes = re.findall(r'<li class="(error|warning)" data-code', page)
    assert codes == sorted(codes, key=["error", "warning"].index)
    response = approver.post(f"/reports/{draft.pk}/publish/", {"published_on": "2026-01-20"})
    assert response.status_code == 409 and "信息处理费" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_publish_reopen_and_history_through_the_pages(
    draft: Any, registers: dict[str, Any], people: dict[str, Any]
) -> None:
    from gongkai.web.applications.services.amend import amend_registration

    clerk, approver = client_for(people["clerk"]), client_for(people["approver"])
    clerk.post(
        f"/reports/{draft.pk}/save/",
        {
            "problems_section": PROBLEMS,
            "overview": "{年度}年概述。",
            "other_section": "本年度未收取信息处理费。",
        },
    )
    assert (
        approver.post(f"/reports/{draft.pk}/publish/", {"published_on": "2025-12-20"}).status_code
        == 422
    )  # before year end
    publish_through_pages(approver, draft.pk, "2026-01-20")
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_on == date(2026, 1, 20)

    page = clerk.get(f"/reports/{draft.pk}/").content.decode()
    assert 'id="editor-form"' not in page and 'id="reopen-form"' not in page
    assert "请审批人填写理由重新打开" in page
    assert clerk.post(f"/reports/{draft.pk}/reopen/", {"reason": "更正"}).status_code == 403
    page = approver.get(f"/reports/{draft.pk}/").content.decode()
    assert 'id="reopen-form"' in page and "2026年1月20日" in page  # the signature's date
    assert approver.post(f"/reports/{draft.pk}/reopen/", {"reason": " "}).status_code == 422

    # a late correction of a record of 2025 is listed with the report
    amend_registration(
        people["clerk"],
        registers["cases"]["C"].pk,
        reason="申请人为社会组织，登记有误",
        applicant_type="nonprofit",
    )
    page = approver.get(f"/reports/{draft.pk}/").content.decode()
    assert "申请人为社会组织，登记有误" in page and "申请人类型：自然人 → 社会公益组织" in page
    draft.refresh_from_db()
    assert draft.status == "draft"  # the correction reopened it
    publish_through_pages(approver, draft.pk, "2026-02-03")
    response = approver.post(
        f"/reports/{draft.pk}/reopen/", {"reason": "表二行政许可数量漏计"}, follow=True
    )
    page = response.content.decode()
    assert "报告已重新打开为草稿" in page
    history = page[page.index('id="history"') : page.index('id="corrections"')]
    for label in ("保存", "发布", "重新打开", "表二行政许可数量漏计", "王建国", "张敏"):
        assert label in history


def publish_through_pages(client: Any, report_id: int, on: str) -> str:
    """The approver's two steps: the date, then the confirmation of what becomes public;
    returns the confirmation page."""
    response = client.post(f"/reports/{report_id}/publish/", {"published_on": on})
    assert response.status_code == 302, response.content.decode()[-1500:]
    assert response["Location"] == f"/reports/{report_id}/publish/confirm/?published_on={on}"
    page = client.get(response["Location"]).content.decode()
    digest = re.search(r'name="digest" value="([0-9a-f]{64})"', page)
    assert digest, page[-1500:]
    done = client.post(
        f"/reports/{report_id}/publish/confirm/", {"published_on": on, "digest": digest.group(1)}
    )
    assert done.status_code == 302 and done["Location"] == f"/reports/{report_id}/"
    return page


def test_a_draft_shows_the_registers_as_they_are_now(
    draft: Any, make_case: Any, people: dict[str, Any]
) -> None:
    client = client_for(people["clerk"])
    assert 'id="changed"' not in client.get(f"/reports/{draft.pk}/").content.decode()
    make_case(date(2025, 12, 29), applicant_type="nonprofit", applicant_name="某公益组织")
    page = client.get(f"/reports/{draft.pk}/").content.decode()
    assert 'id="changed"' in page
    assert _cell_links(page)[("applications", "received", "nonprofit")] == "1"
    assert draft.document["applications"]["received"]["nonprofit"] == 0  # saved: unchanged


def test_downloads_of_the_saved_version(draft: Any, people: dict[str, Any]) -> None:
    from docx import Document

    client = client_for(people["supervisor"])
    name = "临淄区民政局2025年政府信息公开工作年度报告"
    expected = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "html": "text/html; charset=utf-8",
        "md": "text/markdown; charset=utf-8",
        "json": "application/json",
    }
    bodies = {}
    for fmt, content_type in expected.items():
        response = client.get(f"/reports/{draft.pk}/files/{fmt}/")
        assert response.status_code == 200, fmt
        assert response["Content-Type"] == content_type
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment; ")
        assert f"filename*=UTF-8''{quote(name + '（草稿）.' + fmt)}" in disposition
        bodies[fmt] = response.content
    assert bodies["pdf"].startswith(b"%PDF")
    assert zipfile.is_zipfile(io.BytesIO(bodies["docx"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(bodies["docx"])).paragraphs)
    assert "一、总体情况" in text and "临淄区民政局" in text
    assert zipfile.is_zipfile(io.BytesIO(bodies["xlsx"]))
    assert json.loads(bodies["json"])["applications"] == draft.document["applications"]
    assert "<table" in bodies["html"].decode()
    assert client.get(f"/reports/{draft.pk}/files/exe/").status_code == 404


def test_the_carry_note_is_asked_for_when_last_year_differs(
    people: dict[str, Any], tree: dict[str, Any], town_approver: Any
) -> None:
    """The town's imported 2024 report carried 2 cases over; its register has none."""
    from tests.web.reports.conftest import import_and_approve
    from tests.web.reports.test_lifecycle import _imported_text

    clerk = people["town_clerk"]
    import_and_approve(clerk, town_approver, tree["town"].pk, "2024年度报告.md", _imported_text())
    client = client_for(clerk)
    response = client.post("/reports/open/", {"year": "2025"}, follow=True)
    page = response.content.decode()
    assert 'name="carry_note"' in page and 'data-code="XYEAR-CARRY"' in page
    assert re.search(r'<li class="error" data-code="XYEAR-CARRY"', page)
    report_id = response.redirect_chain[-1][0].strip("/").split("/")[-1]
    page = client.post(
        f"/reports/{report_id}/save/",
        {
            "carry_note": "2024年结转的2件申请已于2024年底前办结，原报告统计有误。",
            "problems_section": PROBLEMS,
        },
        follow=True,
    ).content.decode()
    assert re.search(r'<li class="warning" data-code="XYEAR-CARRY"', page)
    assert "原报告统计有误" in page  # in section 三 of the report
