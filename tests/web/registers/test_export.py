"""Every register exports its filtered list as CSV and XLSX (issue 11 item 14)."""

from __future__ import annotations

import csv
import io
import re

from openpyxl import load_workbook

from gongkai.web.registers.services import documents
from tests.web.registers.test_views import DOC, SLUGS, records  # noqa: F401
from tests.web.test_permissions import client_for


def test_every_register_exports_csv_and_xlsx(people, records):  # noqa: F811
    client = client_for(people["clerk"])
    for slug in SLUGS:
        listing = client.get(f"/registers/{slug}/").content.decode()
        assert f"/registers/{slug}/export.xlsx" in listing, slug
        response = client.get(f"/registers/{slug}/export.csv")
        assert response.status_code == 200, slug
        assert response.content.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert len(rows) == 2, slug
        assert all(re.search(r"[\u4e00-\u9fff]", h) for h in rows[0]), (slug, rows[0])
        sheet = load_workbook(io.BytesIO(client.get(f"/registers/{slug}/export.xlsx").content))
        assert len(list(sheet.active.values)) == 2, slug
    assert client.get("/registers/nothing/export.csv").status_code == 404


def test_register_export_keeps_filters_and_neutralises(people, records):  # noqa: F811
    documents.create_document(
        people["clerk"],
        {**DOC, "number": "临民发〔2024〕9号", "title": "=SUM(A1)", "issued_on": "2024-05-01"},
    )
    client = client_for(people["clerk"])
    body = client.get("/registers/documents/export.csv?q=SUM").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) == 2 and "'=SUM(A1)" in rows[1]
    # a supervisor reads (and exports) but the tez clerk sees nothing of 民政局
    other = client_for(people["tez_clerk"]).get("/registers/documents/export.csv")
    assert len(list(csv.reader(io.StringIO(other.content.decode("utf-8-sig"))))) == 1
