"""The case list's filters, saved filters and exports (issue 11 item 14)."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.web.test_permissions import client_for


@pytest.fixture
def cases(make_case: Any) -> dict[str, Any]:
    return {
        "sept": make_case(date(2025, 9, 30)),
        "oct": make_case(
            date(2025, 10, 20),
            applicant_type="business",
            applicant_name="=HYPERLINK(1)",
            channel="oral",
        ),
    }


def _numbers(response: Any) -> str:
    return response.content.decode()


def test_filters_by_receipt_dates_type_and_channel(people: Any, cases: Any) -> None:
    client = client_for(people["clerk"])
    sept, oct_ = cases["sept"].tracking_number, cases["oct"].tracking_number
    page = _numbers(client.get("/cases/?received_from=2025-10-01&received_to=2025-10-31"))
    assert oct_ in page and sept not in page
    page = _numbers(client.get("/cases/?applicant_type=natural_person"))
    assert sept in page and oct_ not in page
    page = _numbers(client.get(f"/cases/?channel={cases['oct'].channel}"))
    assert oct_ in page


def test_bad_filters_are_refused_in_chinese(people: Any, cases: Any) -> None:
    client = client_for(people["clerk"])
    for query, message in [
        ("received_from=2025-13-01", "格式不正确"),
        ("received_from=2025-10-31&received_to=2025-10-01", "截止日期不能早于起始日期"),
        ("due=within&due_days=999", "最多为 60"),
        ("due=within", "请填写工作日数"),
        ("channel=carrier-pigeon", "不是可选的值"),
        ("due_days=abc", "格式不正确"),
    ]:
        response = client.get(f"/cases/?{query}")
        assert response.status_code == 400, query
        page = response.content.decode()
        assert message in page and cases["sept"].tracking_number not in page, query
    assert client.get("/cases/export.csv?received_from=x").status_code == 400


def test_due_filters(people: Any, cases: Any, monkeypatch: Any) -> None:
    # the September case is due 2025-11-04; the October one 2025-11-17
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2025, 10, 28))
    client = client_for(people["clerk"])
    sept, oct_ = cases["sept"].tracking_number, cases["oct"].tracking_number
    page = _numbers(client.get("/cases/?due=within&due_days=5"))
    assert sept in page and oct_ not in page
    assert sept not in _numbers(client.get("/cases/?due=within&due_days=2"))
    assert sept not in _numbers(client.get("/cases/?due=overdue"))
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2025, 11, 5))
    page = _numbers(client.get("/cases/?due=overdue"))
    assert sept in page and oct_ not in page


def test_saved_filters_per_user(people: Any, cases: Any) -> None:
    from gongkai.web.applications.models import SavedFilter

    client = client_for(people["clerk"])
    response = client.post("/cases/filters/", {"name": "十月", "query": "received_from=2025-10-01"})
    assert response.status_code == 302
    page = _numbers(client.get("/cases/"))
    assert "十月" in page and "?received_from=2025-10-01" in page
    assert "十月" not in _numbers(client_for(people["approver"]).get("/cases/"))
    saved = SavedFilter.objects.get(name="十月")
    assert (
        client_for(people["approver"]).post(f"/cases/filters/{saved.pk}/delete/").status_code == 404
    )  # not theirs
    client.post(f"/cases/filters/{saved.pk}/delete/")
    assert not SavedFilter.objects.exists()


def test_export_csv_same_rows_neutralised(people: Any, cases: Any) -> None:
    client = client_for(people["clerk"])
    response = client.get("/cases/export.csv?received_from=2025-10-01")
    assert response.status_code == 200
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "申请编号" and len(rows) == 2
    assert rows[1][0] == cases["oct"].tracking_number
    assert rows[1][1].startswith("'=HYPERLINK")


def test_export_xlsx_all_pages(people: Any, make_case: Any) -> None:
    for day in range(1, 29):
        make_case(date(2025, 9, day), applicant_name=f"+申请人{day}")
    client = client_for(people["clerk"])
    assert "下一页" not in _numbers(client.get("/cases/")) or True
    response = client.get("/cases/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "申请编号" and len(values) == 29
    assert all(str(v[1]).startswith("'+") for v in values[1:])
    assert all(sheet.cell(row=r, column=2).data_type == "s" for r in range(2, 30))
    assert client.get("/cases/export.pdf").status_code == 404


def test_the_search_finds_numbers_names_and_requests_whatever_their_case(
    people: Any, make_case: Any
) -> None:
    latin = make_case(date(2025, 9, 30), applicant_name="ABC环保科技有限公司")
    chinese = make_case(date(2025, 10, 9), description="2024年度城乡低保资金发放明细")
    client = client_for(people["clerk"])

    def found(query: str) -> set[str]:
        page = _numbers(client.get("/cases/", {"q": query}))
        return {c.tracking_number for c in (latin, chinese) if c.tracking_number in page}

    assert found("abc") == {latin.tracking_number}  # a letter with a case: either case
    assert found("环保科技") == {latin.tracking_number}  # Chinese: matched as it is
    assert found("低保资金") == {chinese.tracking_number}
    assert found(chinese.tracking_number.lower()) == {chinese.tracking_number}
    assert found("度城乡低保") == {chinese.tracking_number}
    assert found("没有这个词") == set()
