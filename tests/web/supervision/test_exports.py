"""Every supervision table downloads as XLSX and CSV with the page's filters applied: the rows
of the export are the rows the page shows. The region's roll-up downloads in every format the
report core renders, with the summed figures."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from gongkai.web.supervision import notices, services
from gongkai.web.supervision.models import ImportRun
from tests.supervision.region import unit_document
from tests.web.supervision.region import ROSTER_CSV, YEAR, region_zip

pytestmark = pytest.mark.django_db

RECEIVED = 3 * unit_document("某单位", None)["applications"]["received"]["total"]


@pytest.fixture
def region(people, tree):
    supervisor = people["supervisor"]
    services.import_roster(
        supervisor, tree["gov"], YEAR, SimpleUploadedFile("名单.csv", ROSTER_CSV.encode())
    )
    services.start_run(supervisor, tree["gov"], YEAR, [SimpleUploadedFile("区.zip", region_zip())])
    return tree["gov"]


@pytest.fixture
def client(people) -> Client:
    client = Client()
    client.force_login(people["supervisor"].staff.user)
    return client


def _xlsx(response) -> list[list[object]]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def _csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _both(client, url: str, column: int) -> tuple[list[object], list[str]]:
    """The ``column`` of the XLSX and of the CSV export of ``url`` (headers dropped)."""
    sep = "&" if "?" in url else "?"
    xlsx = _xlsx(client.get(f"{url}{sep}format=xlsx"))[1:]
    rows = _csv(client.get(f"{url}{sep}format=csv"))[1:]
    return [r[column] for r in xlsx], [r[column] for r in rows]


def test_the_board_export_is_the_filtered_board(client, region):
    url = f"/supervision/{region.pk}/?type=政府部门"
    page = client.get(url).content.decode()
    shown = re.findall(r'<tr data-unit="([^"]+)">', page)
    assert shown == ["临淄区民政局", "临淄区财政局", "临淄区文化旅游局"]
    xlsx, rows = _both(client, url, 0)
    assert xlsx == shown and rows == shown


def test_the_findings_export_is_the_filtered_list(client, region):
    url = f"/supervision/{region.pk}/{YEAR}/findings/?issues=1&unit=临淄区齐都镇人民政府"
    page = client.get(url).content.decode()
    shown = re.findall(r'data-code="([^"]+)" data-unit="临淄区齐都镇人民政府"', page)
    assert sorted(shown) == ["PROBLEMS-THIN", "SUP-PROBLEMS-EMPTY"]
    assert 'data-code="PUB-LATE"' not in page
    xlsx, rows = _both(client, url, 3)
    assert xlsx == shown and rows == shown


def test_the_roster_export_lists_the_year_s_units(client, region):
    page = client.get(f"/supervision/{region.pk}/roster/{YEAR}/").content.decode()
    xlsx, rows = _both(client, f"/supervision/{region.pk}/roster/{YEAR}/", 0)
    assert len(xlsx) == 5 and xlsx == rows
    assert all(name in page for name in xlsx)
    parents = _both(client, f"/supervision/{region.pk}/roster/{YEAR}/", 2)[0]
    assert parents.count("临淄区人民政府") == 4


def test_the_runs_and_a_run_s_files_export_with_the_status_filter(client, region):
    run = ImportRun.objects.get(region=region)
    xlsx, rows = _both(client, f"/supervision/{region.pk}/runs/", 2)
    assert xlsx == rows == [run.label]
    url = f"/supervision/{region.pk}/runs/{run.pk}/?status=unreadable"
    page = client.get(url).content.decode()
    table = page[page.index('id="run-files"') :]
    shown = re.findall(r'<tr class="file-[a-z]+"><td>([^<]+)</td>', table)
    assert [s.rsplit(" › ", 1)[-1] for s in shown] == ["reports/broken.pdf"]
    xlsx, rows = _both(client, url, 0)
    assert xlsx == shown and rows == shown
    everything = _both(client, f"/supervision/{region.pk}/runs/{run.pk}/", 1)[0]
    assert sorted(everything) == sorted(["已对应单位"] * 3 + ["待人工指定", "无法读取"])


def test_the_notices_export_is_the_filtered_list(people, client, region):
    deadline = timezone.localdate() + timedelta(days=20)
    first = notices.create_draft(people["supervisor"], region, YEAR, deadline, "")
    notices.issue(people["supervisor"], first)
    notices.create_draft(people["supervisor"], region, YEAR, deadline, "")
    url = f"/supervision/{region.pk}/notices/?status=issued"
    page = client.get(url).content.decode()
    assert re.findall(r'<tr data-notice="(\d+)">', page) == [str(first.pk)]
    xlsx, rows = _both(client, url, 1)
    assert xlsx == [1] and rows == ["1"]
    states = _both(client, f"/supervision/{region.pk}/notices/?year={YEAR}", 3)[0]
    assert states == ["草稿", "已印发"]  # newest first, as on the page


def test_the_roll_up_in_every_format(client, region):
    base = f"/supervision/{region.pk}/{YEAR}/rollup"
    data = json.loads(client.get(f"{base}/json/").content)
    assert data["applications"]["received"]["total"] == RECEIVED
    assert data["agency"] == "临淄区人民政府"
    html = client.get(f"{base}/html/").content.decode()
    assert str(RECEIVED) in html and "数据汇总" in html
    assert str(RECEIVED) in client.get(f"{base}/md/").content.decode()
    document = Document(io.BytesIO(client.get(f"{base}/docx/").content))
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert str(RECEIVED) in cells
    book = _xlsx(client.get(f"{base}/xlsx/"))
    assert any(RECEIVED in row for row in book)
    pdf = client.get(f"{base}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]
    assert client.get(f"{base}/exe/").status_code == 404
    assert client.get(f"/supervision/{region.pk}/1999/rollup/json/").status_code == 404
