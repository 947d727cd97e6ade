"""Who sees and changes which agency's cases: enforced in selectors, for pages and API alike."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from gongkai.web.agencies.services import create_api_token
from gongkai.web.applications import selectors
from gongkai.web.applications.services import steps
from gongkai.web.errors import Forbidden, NotFound


def client_for(actor) -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(pk=actor.user_id))
    return client


def test_clerk_of_another_agency_cannot_read_or_change(people, case):
    tez = people["tez_clerk"]
    with pytest.raises(NotFound):
        selectors.case_for_read(tez, case.pk)
    with pytest.raises(NotFound):
        steps.withdraw(tez, case.pk, on=date(2025, 10, 2))
    assert case.pk not in selectors.cases_readable(tez).values_list("pk", flat=True)
    assert case.events.count() == 1


def test_clerk_of_another_agency_gets_404_on_pages(people, case):
    client = client_for(people["tez_clerk"])
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.get(f"/cases/{case.pk}/steps/withdraw/").status_code == 404
    response = client.post(f"/cases/{case.pk}/steps/withdraw/", {"on": "2025-10-02"})
    assert response.status_code == 404
    assert client.get(f"/cases/{case.pk}/letters/1.docx").status_code == 404
    assert case.events.count() == 1
    assert case.tracking_number not in client.get("/cases/").content.decode()


def test_clerk_of_another_agency_gets_404_on_the_api(people, case):
    from django.contrib.auth import get_user_model

    token = create_api_token(get_user_model().objects.get(pk=people["tez_clerk"].user_id))
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get(f"/api/cases/{case.pk}").status_code == 404
    response = client.post(
        f"/api/cases/{case.pk}/steps/withdraw",
        {"on": "2025-10-02"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert client.get("/api/cases").json() == []
    assert case.events.count() == 1


def test_supervisor_reads_the_subtree_but_changes_nothing(people, case, make_case):
    town_case = make_case(date(2025, 9, 30), actor="town_clerk")
    tez_case = make_case(date(2025, 9, 30), actor="tez_clerk")
    supervisor = people["supervisor"]
    readable = set(selectors.cases_readable(supervisor).values_list("pk", flat=True))
    assert readable == {case.pk, town_case.pk}
    with pytest.raises(Forbidden):
        steps.withdraw(supervisor, case.pk, on=date(2025, 10, 2))
    client = client_for(supervisor)
    assert client.get(f"/cases/{case.pk}/").status_code == 200
    assert client.post(f"/cases/{case.pk}/steps/withdraw/", {"on": "2025-10-02"}).status_code == 403
    assert client.get(f"/cases/{tez_case.pk}/").status_code == 404
    # 台儿庄's supervisor sees 台儿庄 only
    assert set(selectors.cases_readable(people["tez_supervisor"]).values_list("pk", flat=True)) == {
        tez_case.pk
    }


def test_administrator_reads_all_but_does_not_handle(people, case):
    assert selectors.case_for_read(people["admin"], case.pk) == case
    with pytest.raises(Forbidden):
        steps.withdraw(people["admin"], case.pk, on=date(2025, 10, 2))


def test_anonymous_is_sent_to_login(case):
    response = Client().get(f"/cases/{case.pk}/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Client().get("/api/cases").status_code == 401
