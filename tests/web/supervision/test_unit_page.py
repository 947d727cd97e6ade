"""The unit page: the unit's reports side by side (a changed cell marked, a null cell blank and
never 0), the copy detection (its own previous year, a peer that copied it) with the passages,
its rates against same-type peers (too small a sample said, not a rate), its findings with the
review, the live case register of a unit on gongkai, and who may open it."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote

import pytest
from django.test import Client

from gongkai.report.spec import FORMAT_2021
from gongkai.web.applications.services import steps
from gongkai.web.supervision import services
from tests.web.conftest import today_is
from tests.web.supervision.unitregion import CIVIL, CULTURE, FINANCE, TOWN, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(people, tree):
    build(people["supervisor"], tree["gov"])
    return tree["gov"]


def _client(actor) -> Client:
    client = Client()
    client.force_login(actor.staff.user)
    return client


def _url(region, unit_id: str) -> str:
    return f"/supervision/{region.pk}/unit/{quote(unit_id)}/"


def _page(actor, region, unit_id):
    response = _client(actor).get(_url(region, unit_id))
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def _td(html: str, table: str, row: str, column: str) -> list[tuple[str, str]]:
    """The (class, text) of one compared cell, year by year."""
    found = re.findall(
        rf'<td class="(num[^"]*)" data-cell="{table}:{row}:{column}" data-year="\d+"[^>]*>([^<]*)</td>',
        html,
    )
    assert found, (table, row, column)
    return [(classes.replace(" group", ""), text) for classes, text in found]


def test_reports_side_by_side_mark_changes_and_leave_null_blank(people, region):
    response = _page(people["supervisor"], region, CIVIL)
    page = response.context["page"]
    assert [y.year for y in page.years] == [2024, 2025]
    assert [y.entry is not None for y in page.years] == [True, True]
    html = response.content.decode()
    # 0 in 2024, null in 2025: shown blank (not 0) and marked as a change
    assert _td(html, "proactive", "gov_rules", "issued") == [("num", "0"), ("num changed", "")]
    # the same in both years: not marked
    assert _td(html, "applications", "received", "total") == [("num", "45"), ("num", "45")]
    proactive = next(t for t in page.tables if t.key == "proactive")
    assert proactive.changed == 1
    assert {t.name for t in page.tables} == {"表二", "表三", "表四"}
    # every cell of table 三: 7 columns on each of its rows
    applications = next(t for t in page.tables if t.key == "applications")
    assert len(applications.rows) == 7 * len(FORMAT_2021.applications.rows)
    assert html.count('class="report-link"') == 2
    assert html.count('class="source-url" href="https://www.linzi.gov.cn/minzheng/2025.html"') == 1
    assert "javascript:" not in html  # a listed address that is not a web address is no link
    report = _client(people["supervisor"]).get(
        f"/supervision/{region.pk}/unit-report/2025/{quote(CIVIL)}/"
    )
    assert report.status_code == 200 and "sandbox" in report["Content-Security-Policy"]
    assert CIVIL in report.content.decode()


def test_a_unit_without_a_report(people, region):
    response = _page(people["supervisor"], region, CULTURE)
    page = response.context["page"]
    assert page.reported == () and page.tables == () and page.copies == () and page.rates == ()
    html = response.content.decode()
    assert "还没有临淄区文化旅游局的年度报告" in html
    assert "没有这一年度的报告" in html
    assert all(y.cell.status == "missing" for y in page.years)
    missing = _client(people["supervisor"]).get(
        f"/supervision/{region.pk}/unit-report/2025/{quote(CULTURE)}/"
    )
    assert missing.status_code == 404 and "没有这个单位这一年度的报告" in missing.content.decode()


def test_copies_of_its_own_previous_year_and_of_a_peer_with_the_passages(people, region):
    page = _page(people["supervisor"], region, CIVIL).context["page"]
    latest = page.copies[0]
    assert latest.year == 2025 and latest.has_previous
    previous = next(m for m in latest.matches if m.kind == "previous")
    assert previous.name == "本单位2024年度报告" and previous.flagged
    assert previous.ratio is not None and previous.ratio > 0.5
    passage = next(p for p in previous.passages if "政务公开工作领导小组" in p.current)
    assert passage.where == "一、总体情况"  # each side as its report wrote it
    assert passage.current.startswith("2025年，临淄区民政局坚持")
    assert passage.other.startswith("2024年，临淄区民政局坚持")
    peer = next(m for m in latest.matches if m.kind == "peer")
    assert peer.unit_id == FINANCE and peer.name == FINANCE and peer.flagged
    assert peer.similarity is not None and peer.similarity >= 0.5
    passage = next(p for p in peer.passages if "基层政务公开标准目录" in p.current)
    assert CIVIL in passage.current and FINANCE in passage.other
    # the finance bureau's page names the civil affairs bureau, the other way round
    other = _page(people["supervisor"], region, FINANCE).context["page"].copies[0]
    assert [m.unit_id for m in other.matches] == [CIVIL] and not other.has_previous
    # the first year has nothing before it
    first = page.copies[1]
    assert first.year == 2024 and not first.has_previous
    assert not [m for m in first.matches if m.kind == "previous"]


def test_rates_against_same_type_peers_and_a_sample_too_small(people, region):
    civil = _page(people["supervisor"], region, CIVIL).context["page"].rates[0]
    assert civil.year == 2025 and civil.unit_type == "政府部门" and civil.peers == 2
    substantive = next(line for line in civil.lines if line.label == "实质公开率")
    assert substantive.value.endswith("%") and substantive.rank.startswith("第")
    town = _page(people["supervisor"], region, TOWN)
    rates = town.context["page"].rates[0]
    assert rates.unit_type == "乡镇街道" and rates.peers == 1
    line = next(line for line in rates.lines if line.label == "实质公开率")
    assert line.value == "" and line.rank == "" and line.fraction == "2/3"
    assert "样本太小" in line.note and "不足30件" in line.note
    html = town.content.decode()
    assert "样本太小：分母只有3件，不足30件，不计算比率" in html
    assert "66.67%" not in html  # 2 of 3 is never shown as a rate


def test_findings_with_their_review(people, region):
    page = _page(people["supervisor"], region, CIVIL).context["page"]
    latest = page.findings[0]
    assert latest.year == 2025 and latest.has_report
    copy = next(r for r in latest.rows if r.item.finding.code == "SUP-COPY-YEAR")
    services.review(
        people["supervisor"], region, 2025, CIVIL, copy.item.key, "dismissed", "统一模板所致"
    )
    response = _page(people["supervisor"], region, CIVIL)
    rows = response.context["page"].findings[0].rows
    reviewed = next(r for r in rows if r.item.key == copy.item.key)
    assert reviewed.review.actor_name == "李红梅" and not reviewed.counts
    html = response.content.decode()
    assert "统一模板所致" in html and "李红梅" in html and "排除" in html


def test_live_case_register_of_a_unit_on_gongkai(people, region, make_case, monkeypatch):
    today_is(monkeypatch, date(2025, 11, 10))
    make_case(date(2025, 9, 30))  # reply due 2025-11-04: overdue
    make_case(date(2025, 10, 14))  # due within 5 working days
    make_case(date(2025, 11, 3))  # running
    make_case(date(2025, 9, 30), actor="tez_clerk")  # another agency's: not counted
    replied = make_case(date(2025, 9, 30))
    steps.reply(people["approver"], replied.pk, on=date(2025, 10, 20), outcome="granted")
    quick = make_case(date(2025, 10, 13))
    steps.reply(people["approver"], quick.pk, on=date(2025, 10, 17), outcome="granted")
    response = _page(people["supervisor"], region, CIVIL)
    cases = response.context["cases"]
    assert (cases.open, cases.overdue, cases.due_soon) == (3, 1, 1)
    # 10-01…10-08 National Day, 10-11 a make-up working day: 9 working days, then 4
    assert cases.replied == 2 and cases.average_workdays == 6.5
    html = response.content.decode()
    assert 'id="cases-overdue">1<' in html and 'id="cases-average">6.5<' in html
    # a unit not on gongkai has no register
    assert _page(people["supervisor"], region, FINANCE).context["cases"] is None


def test_who_may_open_a_unit_page(people, region):
    for name in ("supervisor", "admin"):
        assert _client(people[name]).get(_url(region, CIVIL)).status_code == 200
    # the unit's own staff: their unit only, read-only, without the supervision menu
    for name in ("clerk", "approver"):
        own = _client(people[name]).get(_url(region, CIVIL))
        assert own.status_code == 200 and not own.context["supervising"]
        assert "年度名单" not in own.content.decode() and "去审核" not in own.content.decode()
        report = _client(people[name]).get(
            f"/supervision/{region.pk}/unit-report/2025/{quote(CIVIL)}/"
        )
        assert report.status_code == 200
        for other in (FINANCE, TOWN):
            refused = _client(people[name]).get(_url(region, other))
            assert refused.status_code == 404
            assert "没有这个单位，或无权查看" in refused.content.decode()
        assert (
            _client(people[name])
            .get(f"/supervision/{region.pk}/unit-report/2025/{quote(FINANCE)}/")
            .status_code
            == 404
        )
        assert _client(people[name]).get(f"/supervision/{region.pk}/").status_code == 404
    assert _client(people["town_clerk"]).get(_url(region, TOWN)).status_code == 200
    # /supervision/ takes a unit's own staff to their unit's page; others without a region: 404
    assert _client(people["clerk"]).get("/supervision/")["Location"] == _url(region, CIVIL)
    assert _client(people["tez_clerk"]).get("/supervision/").status_code == 404
    # outside the subtree, or a unit that is not on the roster
    for name in ("tez_supervisor", "tez_clerk"):
        refused = _client(people[name]).get(_url(region, CIVIL))
        assert refused.status_code == 404 and "没有这个单位，或无权查看" in refused.content.decode()
    assert _client(people["supervisor"]).get(_url(region, "不存在的单位")).status_code == 404


def test_the_board_findings_and_cell_link_to_the_unit_page(people, region):
    client = _client(people["supervisor"])
    link = f'href="/supervision/{region.pk}/unit/{quote(CIVIL)}/"'
    assert link in client.get(f"/supervision/{region.pk}/").content.decode()
    assert link in client.get(f"/supervision/{region.pk}/2025/findings/").content.decode()
    cell = client.get(f"/supervision/{region.pk}/2025/cell/?unit={quote(CIVIL)}").content.decode()
    assert link in cell


def test_a_format_change_marks_only_the_cells_both_formats_have():
    import random

    from gongkai.report.canonical import from_canonical
    from gongkai.report.synthetic import random_document
    from gongkai.supervision.corpus import Entry, Version
    from gongkai.web.supervision.unitview import YearReport, compare_tables

    rng = random.Random(3)
    old, new = random_document(rng, "2019", 2020), random_document(rng, "2021", 2021)
    years = [
        YearReport(
            y, None, Entry("u", y, (Version(from_canonical(d), str(y), ("f",), None, None),))
        )
        for y, d in ((2020, old), (2021, new))
    ]
    tables = {t.key: t for t in compare_tables(years)}
    cells = {(t.key, r.row, r.column): r for t in tables.values() for r in t.rows}
    # only in the 2021 format: blank in 2020 and never marked
    licensing = cells[("proactive", "licensing", "")]
    assert licensing.values[0].text == "" and not licensing.values[1].changed
    fee = cells[("applications", "closed_fee_unpaid", "total")]
    assert fee.values[0].text == "" and not fee.values[1].changed
    # only in the 2019 format: still listed, with its own value
    delta = cells[("proactive", "coercion", "items_delta")]
    assert delta.values[0].text == str(old["proactive"]["coercion"]["items_delta"])
    assert delta.values[1].text == "" and not delta.values[1].changed
    # in both: marked exactly when the numbers differ
    received = cells[("applications", "received", "total")]
    before, after = (
        old["applications"]["received"]["total"],
        new["applications"]["received"]["total"],
    )
    assert [v.text for v in received.values] == [str(before), str(after)]
    assert received.values[1].changed == (before != after) and not received.values[0].changed
    assert tables["applications"].columns[-1] == "总计" and tables["proactive"].columns == ()
