"""The signed-in user is read with their staff membership and agency (agencies/auth.py): a page
asks no more for them, a user without a membership is still no staff member, and a session
signed in by Django's own backend (before this one) stays valid."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gongkai.web.agencies.auth import StaffBackend
from gongkai.web.agencies.models import StaffMember
from gongkai.web.agencies.selectors import actor_for


def test_a_page_reads_the_staff_membership_with_the_user(people):
    client = Client()
    client.force_login(get_user_model().objects.get(pk=people["clerk"].user_id))
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/")
    assert page.status_code == 200 and "张敏" in page.content.decode()
    assert not [q for q in queries if 'FROM "agencies_staffmember"' in q["sql"]]


def test_without_a_membership_there_is_no_staff_member(people):
    users = get_user_model()
    admin = users.objects.create_superuser("root", password="pw-root-123")
    plain = users.objects.create_user("nobody", password="pw-nobody-123")
    loaded = StaffBackend().get_user(admin.pk)
    actor = actor_for(loaded)
    assert actor is not None and actor.staff is None and actor.is_administrator
    assert actor_for(StaffBackend().get_user(plain.pk)) is None
    client = Client()
    client.force_login(plain)
    assert client.get("/").status_code == 403
    # the membership removed while signed in: refused on the next page
    clerk = users.objects.get(pk=people["clerk"].user_id)
    client.force_login(clerk)
    assert client.get("/").status_code == 200
    StaffMember.objects.filter(user=clerk).delete()
    assert client.get("/").status_code == 403


def test_a_session_of_djangos_backend_stays_signed_in(people):
    client = Client()
    user = get_user_model().objects.get(pk=people["clerk"].user_id)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/")
    assert page.status_code == 200 and "张敏" in page.content.decode()
