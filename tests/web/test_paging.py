"""The case list's pages: counted up to a cap, then "more than", and paged on to the end."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.paginator import EmptyPage
from django.test import Client

from gongkai.web import paging
from gongkai.web.agencies.models import Agency
from gongkai.web.paging import CappedPaginator


@pytest.fixture
def seven(db: Any) -> Any:
    from gongkai.web.agencies.services import create_agency

    for n in range(7):
        create_agency(name=f"第{n}局", kind="government")
    return Agency.objects.order_by("pk")


def test_under_the_cap_it_is_django_paginator(seven: Any) -> None:
    pages = CappedPaginator(seven, 2, cap=10)
    assert (pages.count, pages.over_cap, pages.num_pages) == (7, False, 4)
    last = pages.page(4)
    assert [a.name for a in last] == ["第6局"] and not last.has_next()
    with pytest.raises(EmptyPage):
        pages.page(5)


def test_over_the_cap_it_says_more_and_pages_on_to_the_end(seven: Any) -> None:
    pages = CappedPaginator(seven, 2, cap=3)
    assert pages.over_cap and pages.count == 4  # counted to one past the cap, no further
    assert [a.name for a in pages.page(1)] == ["第0局", "第1局"]
    third = pages.page(3)  # past the counted rows
    assert [a.name for a in third] == ["第4局", "第5局"] and third.has_next()
    fourth = pages.page(4)
    assert [a.name for a in fourth] == ["第6局"] and not fourth.has_next()
    assert fourth.has_previous() and fourth.previous_page_number() == 3
    with pytest.raises(EmptyPage):
        pages.page(5)
    with pytest.raises(EmptyPage):
        pages.page(0)
    assert [a.name for a in pages.get_page("x")] == ["第0局", "第1局"]


@pytest.mark.parametrize("in_order", [True, False])
def test_counted_in_either_order_the_figures_and_pages_are_the_same(
    seven: Any, in_order: bool
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for cap, expected in ((10, 7), (3, 4)):
        pages = CappedPaginator(seven, 2, cap=cap, count_in_order=in_order)
        with CaptureQueriesContext(connection) as queries:
            assert pages.count == expected
        assert ("ORDER BY" in queries[0]["sql"]) is in_order
        assert [a.name for a in pages.page(2)] == ["第2局", "第3局"]  # pages keep the order


def test_the_case_list_says_more_than_the_cap(
    tree: dict[str, Any], people: dict[str, Any], monkeypatch: Any
) -> None:
    from gongkai.web.applications.services import intake
    from tests.web.conftest import intake_data

    for _ in range(3):
        intake.register(people["clerk"], intake_data())
    client = Client()
    assert client.login(username="clerk", password="pw-clerk")
    assert "共 3 件，第 1/1 页" in client.get("/cases/").content.decode()
    monkeypatch.setattr(paging, "COUNT_CAP", 2)
    page = client.get("/cases/").content.decode()
    assert "超过 2 件，第 1 页" in page and "共 3 件" not in page
