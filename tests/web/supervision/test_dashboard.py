"""The dashboard's figures against a small region built by hand: three reports at scales 1, 2
and 3 of the same tables (so every total is 6 × the unit's figure), one unit missing; each figure
leads to the units behind it, and a dismissed finding stops counting in the scores."""

from __future__ import annotations

import io
import re
import zipfile
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.report.canonical import from_canonical
from gongkai.report.render import render
from gongkai.web.supervision import services
from tests.supervision.region import unit_document

pytestmark = pytest.mark.django_db

YEAR = 2025
ROSTER = """单位名称,单位类型,上级单位
临淄区人民政府,区县政府,
临淄区民政局,政府部门,临淄区人民政府
临淄区财政局,政府部门,临淄区人民政府
临淄区齐都镇人民政府,乡镇街道,临淄区人民政府
"""
DOCS = {
    "minzheng.html": unit_document("临淄区民政局", "2026-01-20", scale=1),  # 11 days early
    "gov.html": unit_document("临淄区人民政府", "2026-04-10", scale=2),  # 10 days late
    "qidu.md": unit_document(
        "临淄区齐都镇人民政府", "2026-01-31", scale=3, problems=""
    ),  # on the day
}
BASE = DOCS["minzheng.html"]


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, doc in DOCS.items():
            z.writestr(name, render(from_canonical(doc), name.rsplit(".", 1)[1]))
    return out.getvalue()


@pytest.fixture
def region(people, tree):
    actor = people["supervisor"]
    services.import_roster(
        actor, tree["gov"], YEAR, SimpleUploadedFile("名单.csv", ROSTER.encode())
    )
    services.start_run(actor, tree["gov"], YEAR, [SimpleUploadedFile("区.zip", _zip())])
    return tree["gov"]


@pytest.fixture
def client(people):
    c = Client()
    c.force_login(people["supervisor"].staff.user)
    return c


def _table(html: str, key: str) -> dict[str, list[str]]:
    """A chart's data table: row label → the figures shown."""
    body = html.split(f'id="table-{key}"', 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        head = re.search(r"<th scope=\"row\">(.*?)</th>", row)
        if head:
            rows[unescape(head.group(1))] = [
                unescape(v) for v in re.findall(r"<td[^>]*><a [^>]*>(.*?)</a></td>", row)
            ]
    return rows


def _links(html: str, key: str) -> list[str]:
    body = html.split(f'id="table-{key}"', 1)[1].split("</table>", 1)[0]
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', body)]


def _total(doc, table, row, column="total"):
    return doc[table][row][column]


def test_the_trend_and_outcomes_are_the_sums_of_the_units_reports(client, region):
    html = client.get(f"/supervision/{region.pk}/dashboard/").content.decode()
    trend = _table(html, "trend")
    received = _total(BASE, "applications", "received")
    concluded = _total(BASE, "applications", "concluded_total")
    carried = _total(BASE, "applications", "carried_out")
    assert trend[f"{YEAR}年度"] == [str(6 * received), str(6 * concluded), str(6 * carried)]
    outcomes = _table(html, "outcomes")
    withheld = sum(v["total"] for k, v in BASE["applications"].items() if k.startswith("withheld_"))
    assert outcomes["予以公开"] == [str(6 * _total(BASE, "applications", "granted"))]
    assert outcomes["不予公开"] == [str(6 * withheld)]
    corrected = _table(html, "corrected")[f"{YEAR}年度"]
    lit = sum(BASE["disputes"][g]["corrected"] for g in ("lit_direct", "lit_after_review"))
    assert corrected == [str(6 * BASE["disputes"]["review"]["corrected"]), str(6 * lit)]
    assert 'id="data-trend"' in html and "echarts.min.js" in html


def test_units_by_band_and_by_publication_date(client, region):
    html = client.get(f"/supervision/{region.pk}/dashboard/?year={YEAR}").content.decode()
    timely = _table(html, "timeliness")
    assert (
        timely["按时发布"] == ["2"] and timely["逾期1–15天"] == ["1"] and timely["未发布"] == ["1"]
    )
    days = _table(html, "days")
    assert (
        days["提前8–14天"] == ["1"] and days["截止日当天"] == ["1"] and days["逾期8–28天"] == ["1"]
    )
    scores = _table(html, "scores")
    assert sum(int(v[0]) for v in scores.values()) == 4  # every unit in one band
    assert scores["不合格"][0] != "0"  # 财政局 published nothing: 0 points


def test_every_figure_leads_to_its_units(client, region):
    html = client.get(f"/supervision/{region.pk}/dashboard/").content.decode()
    received = _total(BASE, "applications", "received")
    link = next(h for h in _links(html, "trend") if "value%3Areceived" in h)
    page = client.get(link).content.decode()
    values = [int(v) for v in re.findall(r'<td class="num value">(\d+)</td>', page)]
    assert sorted(values) == [received, 2 * received, 3 * received]
    assert f"<strong>{6 * received}</strong>" in page  # the figure clicked
    late = next(h for h in _links(html, "timeliness") if "late_1_15" in h)
    page = client.get(late).content.decode()
    assert re.findall(r'data-unit="([^"]+)"', page) == ["临淄区人民政府"]
    missing = next(h for h in _links(html, "timeliness") if "timeliness%3Amissing" in h)
    assert re.findall(r'data-unit="([^"]+)"', client.get(missing).content.decode()) == [
        "临淄区财政局"
    ]
    assert (
        client.get(f"/supervision/{region.pk}/{YEAR}/figure/?figure=value:nothing").status_code
        == 404
    )
    assert client.get(f"/supervision/{region.pk}/dashboard/?year=1999").status_code == 404


def test_a_dismissed_finding_stops_counting_in_scores_and_issues(people, client, region):
    from gongkai.web.supervision import board

    data = board.load(region)
    qidu = next(r for r in data.findings[YEAR] if r.item.finding.code == "SUP-PROBLEMS-EMPTY")

    def qidu_row() -> list[str]:
        html = client.get(f"/supervision/{region.pk}/{YEAR}/figure/?figure=timeliness:on_time")
        page = html.content.decode()
        row = page.split('data-unit="临淄区齐都镇人民政府"', 1)[1].split("</tr>", 1)[0]
        return re.findall(r"<td>(.*?)</td>", row)

    before = qidu_row()
    services.review(
        people["supervisor"], region, YEAR, qidu.unit.id, qidu.item.key, "dismissed", "另行公开"
    )
    after = qidu_row()
    assert int(after[4]) == int(before[4]) - 1  # open issues
    assert float(after[3].split("（")[0]) > float(before[3].split("（")[0])  # score


def test_other_supervisors_see_no_dashboard(people, region):
    c = Client()
    c.force_login(people["tez_supervisor"].staff.user)
    assert c.get(f"/supervision/{region.pk}/dashboard/").status_code == 404


def test_a_year_without_reports_shows_no_totals_not_zero(people, client, region):
    services.import_roster(
        people["supervisor"], region, YEAR - 1, SimpleUploadedFile("名单.csv", ROSTER.encode())
    )
    html = client.get(f"/supervision/{region.pk}/dashboard/").content.decode()
    assert _table(html, "trend")[f"{YEAR - 1}年度"] == ["空", "空", "空"]
    assert f"{YEAR - 1}年度0/4个" in html and f"{YEAR}年度3/4个" in html
