"""The demo's annual reports: last year's imported, this year's predecessor published, a draft."""

from __future__ import annotations

from datetime import date

from gongkai.web.demo import data
from gongkai.web.reports.models import AnnualReport


def test_demo_reports(db):
    data.load(140, today=date(2026, 11, 24))
    reports = {r.year: r for r in AnnualReport.objects.filter(agency__name="临淄区民政局")}
    assert set(reports) == {2024, 2025, 2026}
    imported, published, draft = reports[2024], reports[2025], reports[2026]
    assert (imported.origin, imported.status) == ("imported", "published")
    assert imported.source_name.endswith(".docx")
    assert not [f for f in imported.findings if f["severity"] == "error"], imported.findings
    assert (published.origin, published.status) == ("generated", "published")
    assert published.published_on == date(2026, 1, 20)
    assert not [f for f in published.findings if f["severity"] == "error"]
    # 上年结转 agrees with the imported report's 结转下年度, column by column
    assert (
        published.document["applications"]["carried_in"]
        == imported.document["applications"]["carried_out"]
    )
    assert (draft.origin, draft.status) == ("generated", "draft")
    assert draft.document["applications"]["received"]["total"] > 0
