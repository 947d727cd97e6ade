"""The supervision app's services and selectors: who sees which region, the roster import
(every bad row listed, nothing loaded), a run read in the background (a bad file listed, an
unmatched name assigned by a person, undone), the board's cells and reviews that stop counting."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.web.errors import Forbidden, InvalidInput, NotFound
from gongkai.web.supervision import board, selectors, services
from gongkai.web.supervision.models import FileStatus, ImportedFile, RosterUnit, RunStatus
from tests.web.supervision.region import BAD_ROSTER_CSV, ROSTER_CSV, YEAR, region_zip

pytestmark = pytest.mark.django_db


def _upload(name: str, data: bytes | str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data.encode("utf-8") if isinstance(data, str) else data)


@pytest.fixture
def region(people, tree):
    services.import_roster(people["supervisor"], tree["gov"], YEAR, _upload("名单.csv", ROSTER_CSV))
    return tree["gov"]


@pytest.fixture
def run(people, region):
    return services.start_run(people["supervisor"], region, YEAR, [_upload("区.zip", region_zip())])


def _client(actor) -> Client:
    client = Client()
    client.force_login(actor.staff.user)
    return client


def test_a_bad_roster_lists_every_bad_row_and_loads_nothing(people, tree):
    with pytest.raises(InvalidInput) as caught:
        services.import_roster(
            people["supervisor"], tree["gov"], YEAR, _upload("名单.csv", BAD_ROSTER_CSV)
        )
    problems = caught.value.problems
    assert any(p.startswith("第3行：单位类型“政府机关”") for p in problems)
    assert any(p.startswith("第4行：上级单位“临淄区政府”不在名单中") for p in problems)
    assert not RosterUnit.objects.exists()


def test_the_roster_links_units_named_exactly_as_agencies(people, region, tree):
    units = {u.name: u for u in selectors.roster_units(region, YEAR)}
    assert units["临淄区民政局"].agency == tree["civil"]
    assert units["临淄区齐都镇人民政府"].agency == tree["town"]
    assert units["临淄区财政局"].agency is None  # no agency of that name: the supervisor picks
    with pytest.raises(InvalidInput, match="本监督范围"):
        services.link_agency(people["supervisor"], region, YEAR, "临淄区财政局", tree["tez"].pk)


def test_a_supervisor_sees_only_its_subtree_and_others_get_404(people, region, tree):
    assert selectors.region_for_read(people["supervisor"], region.pk) == region
    assert selectors.region_for_read(people["supervisor"], tree["civil"].pk) == tree["civil"]
    for name in ("tez_supervisor", "clerk", "tez_clerk"):
        with pytest.raises(NotFound):
            selectors.region_for_read(people[name], region.pk)
        assert _client(people[name]).get(f"/supervision/{region.pk}/").status_code == 404
    with pytest.raises(Forbidden):  # a supervisor above may read a region below, not write it
        selectors.region_for_write(people["supervisor"], tree["civil"].pk)
    assert _client(people["supervisor"]).get(f"/supervision/{region.pk}/").status_code == 200
    assert _client(people["admin"]).get(f"/supervision/{region.pk}/").status_code == 200


def test_a_run_lists_the_bad_file_and_leaves_the_unmatched_name_to_a_person(run):
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.total == 5 and run.done == 5
    files = {f.source.split(" › ")[-1]: f for f in run.files.all()}
    assert files["reports/broken.pdf"].status == FileStatus.UNREADABLE
    assert files["reports/broken.pdf"].reason
    wenlv = files["reports/wenlv.html"]
    assert wenlv.status == FileStatus.UNASSIGNED and wenlv.unit_id == ""
    assert "临淄区文化和旅游局" in wenlv.reason
    assert files["reports/qidu.md"].unit_id == "临淄区齐都镇人民政府"  # by its alias


def test_the_board_after_assigning_and_undoing(people, region, run):
    data = board.load(region)
    cells = {r.unit.name: r.cells[0].cell for r in board.board(data, board.Filters())[0]}
    assert cells["临淄区民政局"].status == "on_time"
    assert cells["临淄区人民政府"].status == "late" and cells["临淄区人民政府"].days_late == 10
    assert cells["临淄区财政局"].status == "missing"
    assert cells["临淄区文化旅游局"].status == "missing"  # not guessed
    wenlv = run.files.get(status=FileStatus.UNASSIGNED)
    with pytest.raises(InvalidInput, match="名单中选择"):
        services.assign(people["supervisor"], region, wenlv.pk, "临淄区旅游局")
    services.assign(people["supervisor"], region, wenlv.pk, "临淄区文化旅游局")
    data = board.load(region)
    rows, counts = board.board(data, board.Filters(unit_type="政府部门"))
    cells = {r.unit.name: r.cells[0].cell for r in rows}
    assert set(cells) == {"临淄区民政局", "临淄区财政局", "临淄区文化旅游局"}
    assert cells["临淄区文化旅游局"].published_on == date(2026, 1, 15)
    assert counts[YEAR]["on_time"] == 2 and counts[YEAR]["missing"] == 1
    services.undo_run(people["supervisor"], region, run.pk)
    assert not ImportedFile.objects.exists()
    data = board.load(region)
    assert {c.cell.status for r in board.board(data, board.Filters())[0] for c in r.cells} == {
        "missing"
    }


def test_a_dismissed_finding_stops_counting_and_needs_a_reason(people, region, run):
    data = board.load(region)
    qidu = [r for r in data.findings[YEAR] if r.item.finding.code == "SUP-PROBLEMS-EMPTY"]
    assert [r.unit.name for r in qidu] == ["临淄区齐都镇人民政府"]
    before = board.board(data, board.Filters())[1][YEAR]["issues"]
    key = qidu[0].item.key
    with pytest.raises(InvalidInput, match="理由"):
        services.review(
            people["supervisor"], region, YEAR, "临淄区齐都镇人民政府", key, "dismissed", " "
        )
    with pytest.raises(NotFound):
        selectors.region_for_write(people["tez_supervisor"], region.pk)
    saved = services.review(
        people["supervisor"],
        region,
        YEAR,
        "临淄区齐都镇人民政府",
        key,
        "dismissed",
        "该镇另行公开了问题清单",
    )
    assert saved.actor_name == "李红梅" and saved.reason == "该镇另行公开了问题清单"
    data = board.load(region)
    assert board.board(data, board.Filters())[1][YEAR]["issues"] == before - 1
    issues = board.filtered_findings(data, YEAR, board.Filters(issues_only=True))
    assert key not in {r.item.key for r in issues}
    export = _client(people["supervisor"]).get(
        f"/supervision/{region.pk}/{YEAR}/findings/?issues=1&format=csv"
    )
    assert export.status_code == 200 and "SUP-PROBLEMS-EMPTY" not in export.content.decode()


def test_a_report_published_in_gongkai_appears_without_upload(people, region, tree):
    from gongkai.web.reports.models import AnnualReport
    from tests.supervision.region import unit_document

    AnnualReport.objects.create(
        agency=tree["civil"],
        year=YEAR,
        origin="generated",
        status="published",
        document=unit_document("临淄区民政局", None),
        published_on=date(2026, 1, 12),
    )
    cells = {r.unit.name: r.cells[0] for r in board.board(board.load(region), board.Filters())[0]}
    assert cells["临淄区民政局"].cell.status == "on_time"
    assert "本系统发布记录" in cells["临淄区民政局"].label


def test_pages_render_and_export(people, region, run):
    client = _client(people["supervisor"])
    for url in (
        f"/supervision/{region.pk}/",
        f"/supervision/{region.pk}/roster/{YEAR}/",
        f"/supervision/{region.pk}/runs/",
        f"/supervision/{region.pk}/runs/{run.pk}/",
        f"/supervision/{region.pk}/{YEAR}/findings/",
        f"/supervision/{region.pk}/{YEAR}/cell/?unit=临淄区民政局",
        f"/supervision/{region.pk}/{YEAR}/cell/report/?unit=临淄区民政局",
        f"/supervision/{region.pk}/{YEAR}/cell/?unit=临淄区财政局",
    ):
        assert client.get(url).status_code == 200, url
    assert (
        "未找到临淄区财政局"
        in client.get(f"/supervision/{region.pk}/{YEAR}/cell/?unit=临淄区财政局").content.decode()
    )
    xlsx = client.get(f"/supervision/{region.pk}/?type=政府部门&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    csv = client.get(f"/supervision/{region.pk}/?type=乡镇街道&format=csv").content.decode()
    assert "临淄区齐都镇人民政府" in csv and "临淄区民政局" not in csv
    roster = client.get(f"/supervision/{region.pk}/roster/{YEAR}/?format=csv").content.decode()
    assert "临淄区文化旅游局" in roster
