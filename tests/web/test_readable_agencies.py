"""The numbers of the agencies an actor may read are those of agencies_readable, for every kind
of actor (a clerk's own agency is known without a query)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.web.agencies.selectors import agencies_readable, readable_agency_ids


def test_readable_agency_ids_are_agencies_readable_for_every_actor(people):
    assert len(people) >= 7
    for name, actor in people.items():
        expected = sorted(agencies_readable(actor).values_list("pk", flat=True))
        assert sorted(readable_agency_ids(actor)) == expected, name
        assert expected, name
    with CaptureQueriesContext(connection) as queries:
        assert readable_agency_ids(people["clerk"]) == [people["clerk"].staff.agency_id]
    assert len(queries) == 0
