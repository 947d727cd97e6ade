"""The public form and the status lookup: validation, rate limit, tracking number and secret."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.web.applications.models import Application
from gongkai.web.errors import RateLimited
from gongkai.web.public.models import PublicAttempt
from gongkai.web.public.ratelimit import hit


def form_data(tree, **overrides):
    data = {
        "agency": tree["civil"].pk,
        "applicant_type": "natural_person",
        "applicant_name": "林国娟",
        "id_type": "居民身份证",
        "id_number": "370305198001010015",
        "phone": "13900000000",
        "email": "",
        "address": "",
        "postcode": "",
        "contact_person": "",
        "description": "2024年度城乡低保资金发放情况",
        "form_wanted": "electronic",
        "delivery": "email",
        "website": "",
    }
    data.update(overrides)
    return data


def test_form_submits_and_shows_number_and_secret_once(tree):
    client = Client()
    assert client.get("/apply/").status_code == 200
    response = client.post("/apply/", form_data(tree))
    page = response.content.decode()
    app = Application.objects.get()
    assert app.tracking_number in page and app.phase == "new" and app.from_public_form
    secret = page.split('id="secret">')[1].split("<")[0]
    assert secret and secret not in app.secret_hash


def test_server_side_validation(tree):
    response = Client().post("/apply/", form_data(tree, description="x", phone="", id_number=""))
    page = response.content.decode()
    assert response.status_code == 400 and not Application.objects.exists()
    assert "请具体描述" in page and "至少填写一种联系方式" in page


def test_bots_filling_the_hidden_field_are_refused(tree):
    Client().post("/apply/", form_data(tree, website="http://spam"))
    assert not Application.objects.exists()


def test_rate_limit_per_address(tree, settings):
    settings.GONGKAI_PUBLIC_RATE_LIMIT = 3
    client = Client(REMOTE_ADDR="10.1.2.3")
    codes = [client.post("/apply/", form_data(tree)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert Application.objects.count() == 3
    assert Client(REMOTE_ADDR="10.9.9.9").post("/apply/", form_data(tree)).status_code == 200


def test_rate_limit_window_passes(db):
    now = timezone.now()
    for _ in range(2):
        hit("submit", "1.1.1.1", now=now, limit=2, window=60)
    with pytest.raises(RateLimited):
        hit("submit", "1.1.1.1", now=now, limit=2, window=60)
    hit("submit", "1.1.1.1", now=now + timedelta(seconds=61), limit=2, window=60)
    assert PublicAttempt.objects.count() == 3


def test_lookup_with_number_and_secret(tree, people):
    client = Client()
    page = client.post("/apply/", form_data(tree)).content.decode()
    app = Application.objects.get()
    secret = page.split('id="secret">')[1].split("<")[0]
    wrong = client.post(
        "/apply/track/", {"tracking_number": app.tracking_number, "secret": "WRONG"}
    )
    assert "不正确" in wrong.content.decode()
    found = client.post(
        "/apply/track/", {"tracking_number": app.tracking_number.lower(), "secret": secret.lower()}
    )
    text = found.content.decode()
    assert "未登记" in text and "待工作人员与您确认" in text and "临淄区民政局" in text


def test_lookup_is_rate_limited(db, settings):
    settings.GONGKAI_PUBLIC_RATE_LIMIT = 2
    client = Client()
    codes = [
        client.post("/apply/track/", {"tracking_number": "GK2026-X", "secret": "Y"}).status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]


def test_secret_hash_is_the_light_one_with_its_rounds(tree, settings):
    settings.GONGKAI_SECRET_HASH_ITERATIONS = 20_000
    Client().post("/apply/", form_data(tree))
    algorithm, rounds, _salt, _digest = Application.objects.get().secret_hash.split("$")
    assert (algorithm, rounds) == ("gongkai_secret_pbkdf2_sha256", "20000")


def test_a_hash_made_by_an_earlier_version_still_opens_and_is_renewed(tree, people):
    from django.contrib.auth.hashers import make_password

    page = Client().post("/apply/", form_data(tree)).content.decode()
    secret = page.split('id="secret">')[1].split("<")[0]
    app = Application.objects.get()
    legacy = make_password(secret)  # Django's password hasher (MD5 in the tests)
    Application.objects.filter(pk=app.pk).update(secret_hash=legacy)

    wrong = Client().post("/apply/track/", {"tracking_number": app.tracking_number, "secret": "X"})
    assert "不正确" in wrong.content.decode()
    assert Application.objects.get().secret_hash == legacy  # a wrong secret changes nothing

    found = Client().post(
        "/apply/track/", {"tracking_number": app.tracking_number, "secret": secret}
    )
    assert "临淄区民政局" in found.content.decode()
    renewed = Application.objects.get().secret_hash
    assert renewed.startswith("gongkai_secret_pbkdf2_sha256$") and secret not in renewed

    again = Client().post(
        "/apply/track/", {"tracking_number": app.tracking_number, "secret": secret}
    )
    assert "临淄区民政局" in again.content.decode()
    assert Application.objects.get().secret_hash == renewed  # a current hash is left as it is
