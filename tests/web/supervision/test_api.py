"""The supervision endpoints of the API: the region of a supervisor's subtree only (another
region: 404; a unit's staff: 403), and the same content as the pages — the board's cells and
counts, the findings list with its review, the scores on the reviewed findings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.web.supervision import board, services
from gongkai.web.supervision.scores import region_scores
from tests.web.supervision.region import ROSTER_CSV, YEAR, region_zip
from tests.web.test_api import api

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(people: dict[str, Any], tree: dict[str, Any]) -> Any:
    supervisor = people["supervisor"]
    services.import_roster(
        supervisor, tree["gov"], YEAR, SimpleUploadedFile("名单.csv", ROSTER_CSV.encode())
    )
    services.start_run(supervisor, tree["gov"], YEAR, [SimpleUploadedFile("区.zip", region_zip())])
    return tree["gov"]


def _paths(region: Any) -> list[str]:
    base = f"/api/supervision/regions/{region.pk}"
    return [f"{base}/coverage", f"{base}/{YEAR}/findings", f"{base}/{YEAR}/scores"]


def test_who_may_read_a_region(region, people, tree):
    for path in _paths(region):
        assert api(people["supervisor"]).get(path).status_code == 200, path
        assert api(people["admin"]).get(path).status_code == 200, path
        other = api(people["tez_supervisor"]).get(path)
        assert other.status_code == 404 and other.json()["code"] == "NOT_FOUND", path
        for name in ("clerk", "approver", "tez_clerk"):
            refused = api(people[name]).get(path)
            assert refused.status_code == 403, (name, path)
            assert (
                refused.json()
                == {
                    "code": "FORBIDDEN",
                    "message": "只有监督人员或系统管理员可以查看监督数据。",
                    "fields": {},
                    "rule": None,
                }
                or refused.json()["message"] == "只有监督人员或系统管理员可以查看监督数据。"
            )
        assert Client().get(path).status_code == 401
    assert api(people["clerk"]).get("/api/supervision/regions").status_code == 403
    listed = api(people["supervisor"]).get("/api/supervision/regions").json()
    assert listed[0] == {
        "id": region.pk,
        "name": "临淄区人民政府",
        "writable": True,
        "years": [YEAR],
        "requires_clearance": False,
    }
    assert {r["name"] for r in listed} >= {"临淄区民政局"}  # the subtree, read only
    assert not next(r for r in listed if r["name"] == "临淄区民政局")["writable"]
    assert "台儿庄区人民政府" not in {r["name"] for r in listed}
    missing_year = api(people["supervisor"]).get(
        f"/api/supervision/regions/{region.pk}/{YEAR - 1}/findings"
    )
    assert missing_year.status_code == 404


def test_coverage_is_the_boards(region, people):
    body = api(people["supervisor"]).get(
        f"/api/supervision/regions/{region.pk}/coverage?type=政府部门"
    )
    assert body.status_code == 200
    data = body.json()
    rows, counts = board.board(board.load(region), board.Filters(unit_type="政府部门"))
    assert [u["name"] for u in data["units"]] == [r.unit.name for r in rows]
    assert data["counts"] == [{"year": YEAR, **counts[YEAR]}]
    cells = {u["name"]: u["cells"][0] for u in data["units"]}
    assert cells["临淄区民政局"]["status"] == "on_time"
    assert cells["临淄区民政局"]["published_on"] == "2026-01-20"
    assert cells["临淄区财政局"]["status"] == "missing"
    assert cells["临淄区财政局"]["status_label"] == "未发布"
    assert {u["type"] for u in data["units"]} == {"政府部门"}
    everyone = api(people["supervisor"]).get(f"/api/supervision/regions/{region.pk}/coverage")
    late = next(u for u in everyone.json()["units"] if u["name"] == "临淄区人民政府")
    assert (late["cells"][0]["status"], late["cells"][0]["days_late"]) == ("late", 10)
    none = api(people["supervisor"]).get(
        f"/api/supervision/regions/{region.pk}/coverage?year={YEAR - 1}"
    )
    assert none.json()["years"] == [] and all(u["cells"] == [] for u in none.json()["units"])


def test_findings_are_the_lists_with_the_review(region, people):
    path = f"/api/supervision/regions/{region.pk}/{YEAR}/findings"
    supervisor = api(people["supervisor"])
    everything = supervisor.get(path).json()
    data = board.load(region)
    rows = board.filtered_findings(data, YEAR, board.Filters())
    assert [(f["unit_id"], f["key"]) for f in everything] == [
        (r.item.unit_id, r.item.key) for r in rows
    ]
    empty = [f for f in everything if f["code"] == "SUP-PROBLEMS-EMPTY"]
    assert [f["unit_name"] for f in empty] == ["临淄区齐都镇人民政府"] and empty[0]["counts"]
    services.review(
        people["supervisor"],
        region,
        YEAR,
        empty[0]["unit_id"],
        empty[0]["key"],
        "dismissed",
        "该镇另行公开了问题清单",
    )
    after = {f["key"]: f for f in supervisor.get(path).json()}
    dismissed = after[empty[0]["key"]]
    assert not dismissed["counts"]
    assert dismissed["review"]["decision"] == "dismissed"
    assert dismissed["review"]["reason"] == "该镇另行公开了问题清单"
    assert dismissed["review"]["actor"] == "李红梅"
    issues = supervisor.get(f"{path}?issues=true").json()
    assert empty[0]["key"] not in {f["key"] for f in issues}
    assert all(f["counts"] for f in issues)
    by_rule = supervisor.get(f"{path}?rule=SUP-PROBLEMS-EMPTY").json()
    assert [f["key"] for f in by_rule] == [empty[0]["key"]]
    towns = supervisor.get(f"{path}?type=乡镇街道").json()
    assert towns and {f["unit_type"] for f in towns} == {"乡镇街道"}
    bad = supervisor.get(f"{path}?type=村委会")
    assert bad.status_code == 400 and "type" in bad.json()["fields"]


def test_scores_follow_the_sheet_and_the_review(region, people):
    path = f"/api/supervision/regions/{region.pk}/{YEAR}/scores"
    supervisor = api(people["supervisor"])
    body = supervisor.get(path).json()
    sheet, scored = region_scores(board.load(region), YEAR)
    assert body["sheet"] == sheet.name and Decimal(body["total"]) == sheet.total
    assert [(u["unit_id"], Decimal(u["score"])) for u in body["units"]] == [
        (s.unit_id, s.score) for s in scored
    ]
    units = {u["name"]: u for u in body["units"]}
    missing = units["临淄区财政局"]
    assert (
        missing["status"] == "missing"
        and missing["items"] == []
        and "无报告可评" in missing["note"]
    )
    town = units["临淄区齐都镇人民政府"]
    codes = {d["code"] for i in town["items"] for d in i["deductions"]}
    lost = sum(Decimal(d["points"]) for i in town["items"] for d in i["deductions"])
    assert Decimal(town["score"]) == sheet.total - lost
    assert all(
        Decimal(i["score"])
        == Decimal(i["weight"]) - sum(Decimal(d["points"]) for d in i["deductions"])
        for i in town["items"]
    )
    assert "SUP-PROBLEMS-EMPTY" in codes  # section 五 empty: the sheet deducts for it
    # a dismissed finding deducts nothing
    finding = next(
        f
        for f in supervisor.get(f"/api/supervision/regions/{region.pk}/{YEAR}/findings").json()
        if f["code"] == "SUP-PROBLEMS-EMPTY"
    )
    services.review(
        people["supervisor"],
        region,
        YEAR,
        finding["unit_id"],
        finding["key"],
        "dismissed",
        "另行公开",
    )
    again = {u["name"]: u for u in supervisor.get(path).json()["units"]}["临淄区齐都镇人民政府"]
    assert "SUP-PROBLEMS-EMPTY" not in {d["code"] for i in again["items"] for d in i["deductions"]}
    assert Decimal(again["score"]) > Decimal(town["score"])
    only = supervisor.get(f"{path}?unit=临淄区财政局").json()["units"]
    assert [u["name"] for u in only] == ["临淄区财政局"]


def test_the_description_names_them(people):
    paths = api(people["supervisor"]).get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/supervision/regions",
        "/api/supervision/regions/{region_id}/coverage",
        "/api/supervision/regions/{region_id}/{year}/findings",
        "/api/supervision/regions/{region_id}/{year}/scores",
    ):
        assert set(paths[path]["get"]["responses"]) >= {"200", "401", "403"}, path
