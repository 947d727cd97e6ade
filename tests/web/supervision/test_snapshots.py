"""The kept board is never shown stale: each change to what it is computed from — a run
finished or undone, a file assigned, a finding reviewed, the roster re-imported, a unit linked,
a report published in gongkai (by its service, or behind the signals' back) — shows on the
next page; and an unchanged region is not recomputed."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.web.reports.models import AnnualReport
from gongkai.web.supervision import services
from gongkai.web.supervision.models import FileStatus, Snapshot
from tests.supervision.region import unit_document
from tests.web.supervision.region import ROSTER_CSV, YEAR, region_zip

pytestmark = pytest.mark.django_db


def _upload(name: str, data: bytes | str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data.encode("utf-8") if isinstance(data, str) else data)


@pytest.fixture
def region(people, tree):
    services.import_roster(people["supervisor"], tree["gov"], YEAR, _upload("名单.csv", ROSTER_CSV))
    return tree["gov"]


@pytest.fixture
def client(people):
    c = Client()
    c.force_login(people["supervisor"].staff.user)
    return c


def _cells(client, region) -> dict[str, str]:
    """Unit name → the status class of its cell on the board page."""
    html = client.get(f"/supervision/{region.pk}/").content.decode()
    rows = re.findall(r'<tr data-unit="([^"]+)">(.*?)</tr>', html, re.S)
    return {name: re.search(r"status-(\w+)", row).group(1) for name, row in rows}


def _issues(client, region) -> int:
    html = client.get(f"/supervision/{region.pk}/").content.decode()
    return int(re.search(r'class="count-issues">(\d+)<', html).group(1))


def _computed(region):
    return Snapshot.objects.get(region=region, year=YEAR).computed_at


def test_an_unchanged_region_is_read_not_recomputed(client, region):
    _cells(client, region)
    first = _computed(region)
    _cells(client, region)
    client.get(f"/supervision/{region.pk}/dashboard/")
    assert _computed(region) == first


def test_a_finished_run_then_undo_show_at_once(people, client, region):
    assert set(_cells(client, region).values()) == {"missing"}
    run = services.start_run(people["supervisor"], region, YEAR, [_upload("区.zip", region_zip())])
    cells = _cells(client, region)
    assert cells["临淄区民政局"] == "on_time" and cells["临淄区人民政府"] == "late"
    services.undo_run(people["supervisor"], region, run.pk)
    assert set(_cells(client, region).values()) == {"missing"}


def test_an_assignment_and_a_review_show_at_once(people, client, region):
    run = services.start_run(people["supervisor"], region, YEAR, [_upload("区.zip", region_zip())])
    assert _cells(client, region)["临淄区文化旅游局"] == "missing"
    wenlv = run.files.get(status=FileStatus.UNASSIGNED)
    services.assign(people["supervisor"], region, wenlv.pk, "临淄区文化旅游局")
    assert _cells(client, region)["临淄区文化旅游局"] == "on_time"
    before = _issues(client, region)
    from gongkai.web.supervision import board

    found = next(
        r for r in board.load(region).findings[YEAR] if r.item.finding.code == "SUP-PROBLEMS-EMPTY"
    )
    services.review(
        people["supervisor"], region, YEAR, found.unit.id, found.item.key, "dismissed", "已另行公开"
    )
    assert _issues(client, region) == before - 1
    services.review(
        people["supervisor"], region, YEAR, found.unit.id, found.item.key, "confirmed", ""
    )
    assert _issues(client, region) == before


def test_a_new_roster_shows_at_once(people, client, region):
    assert "临淄区应急管理局" not in _cells(client, region)
    more = ROSTER_CSV + "临淄区应急管理局,政府部门,临淄区人民政府,\n"
    services.import_roster(people["supervisor"], region, YEAR, _upload("名单.csv", more))
    assert _cells(client, region)["临淄区应急管理局"] == "missing"


def test_a_report_published_in_gongkai_and_a_link_show_at_once(people, client, region, tree):
    assert _cells(client, region)["临淄区民政局"] == "missing"
    report = AnnualReport.objects.create(
        agency=tree["civil"],
        year=YEAR,
        origin="generated",
        status="published",
        document=unit_document("临淄区民政局", None),
        published_on=date(2026, 1, 12),
    )
    assert _cells(client, region)["临淄区民政局"] == "on_time"
    # behind the signals' back (a queryset update): the fingerprint still sees it
    AnnualReport.objects.filter(pk=report.pk).update(status="draft")
    assert _cells(client, region)["临淄区民政局"] == "missing"
    AnnualReport.objects.filter(pk=report.pk).update(status="published")
    assert _cells(client, region)["临淄区民政局"] == "on_time"
    unit = next(
        u.unit_id for u in services.RosterUnit.objects.filter(region=region, name="临淄区民政局")
    )
    services.link_agency(people["supervisor"], region, YEAR, unit, None)
    assert _cells(client, region)["临淄区民政局"] == "missing"


def test_a_change_during_a_computation_leaves_the_result_stale(client, region, monkeypatch):
    """The result is marked with the generation read before computing: a change committed
    while it ran makes the next page recompute."""
    from gongkai.web.supervision import figures, snapshots

    compute = figures.compute

    def racing(region_, year, years):
        out = compute(region_, year, years)
        snapshots.invalidate(region_.pk, [year])  # a change lands while the figures are made
        return out

    _cells(client, region)
    snapshots.invalidate(region.pk, [YEAR])
    monkeypatch.setattr(figures, "compute", racing)
    _cells(client, region)
    row = Snapshot.objects.get(region=region, year=YEAR)
    assert row.computed != row.generation  # not taken as current
    monkeypatch.setattr(figures, "compute", compute)
    _cells(client, region)
    row.refresh_from_db()
    assert row.computed == row.generation


def test_the_board_rows_escape_what_the_roster_says(client, region):
    from gongkai.web.supervision import snapshots
    from gongkai.web.supervision.models import RosterUnit

    RosterUnit.objects.create(
        region=region, year=YEAR, unit_id='<i id="x">局&', name='<i id="x">局&', type="政府部门"
    )
    snapshots.invalidate(region.pk, [YEAR])
    html = client.get(f"/supervision/{region.pk}/").content.decode()
    assert '<i id="x">' not in html
    assert 'data-unit="&lt;i id=&quot;x&quot;&gt;局&amp;"' in html
    assert "?unit=%3Ci%20id%3D%22x%22%3E%E5%B1%80%26" in html
