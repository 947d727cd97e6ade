"""Uploads and request bodies are bounded before they are read: the CSV import checks the
file's size first and reads it in chunks; a request body over the limit is refused with a
message in Chinese (413) before Django parses it; the API documentation needs a login."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.web.test_api import api
from tests.web.test_permissions import client_for

pytestmark = pytest.mark.django_db


class Unreadable:
    """An upload that says how large it is and must not be read."""

    name = "大文件.csv"
    size = 6 * 1024 * 1024

    def read(self, *args: Any) -> bytes:
        raise AssertionError("read before its size was checked")

    def chunks(self, *args: Any) -> Any:
        raise AssertionError("read before its size was checked")


def test_the_import_checks_the_size_before_reading() -> None:
    from gongkai.web.registers.services.imports import ImportRefused, read_upload

    with pytest.raises(ImportRefused, match="文件超过5MB"):
        read_upload(Unreadable())
    data = "类别,决定日期,事项\n许可,2025-05-06,某\n".encode() * 10
    assert read_upload(SimpleUploadedFile("a.csv", data)) == data


def test_the_import_page_refuses_a_large_file_without_reading_it(
    people: dict[str, Any], monkeypatch: Any
) -> None:
    from gongkai.web.registers import csvimport
    from gongkai.web.registers.models import Decision

    monkeypatch.setattr(csvimport, "parse", lambda *a: pytest.fail("parsed"))
    big = SimpleUploadedFile("大文件.csv", b"x" * (5 * 1024 * 1024 + 1))
    response = client_for(people["clerk"]).post("/registers/decisions/import/", {"file": big})
    assert response.status_code == 422 and "文件超过5MB" in response.content.decode()
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    "url", ["/registers/decisions/import/", "/reports/import/", "/apply/", "/login/"]
)
def test_a_body_over_the_limit_is_refused_before_it_is_read(
    people: dict[str, Any], settings: Any, url: str
) -> None:
    settings.GONGKAI_MAX_UPLOAD_BYTES = 1024 * 1024
    client = client_for(people["clerk"])
    response = client.generic(
        "POST",
        url,
        b"x" * 10,
        content_type="multipart/form-data; boundary=BOUNDARY",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "过大" in response.content.decode() and "1MB" in response.content.decode()


def test_a_form_body_over_the_field_limit_is_refused_in_chinese(people: dict[str, Any]) -> None:
    from django.conf import settings

    body = "q=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = client_for(people["clerk"]).post(
        "/cases/new/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413 and "过大" in response.content.decode()
    answer = api(people["clerk"]).generic(
        "POST", "/api/cases", body.encode(), content_type="application/json"
    )
    assert answer.status_code == 413 and answer.json()["code"] == "TOO_LARGE"


def test_a_report_file_over_the_limit_is_refused_by_the_form(
    people: dict[str, Any], settings: Any
) -> None:
    settings.GONGKAI_MAX_UPLOAD_BYTES = 64 * 1024 * 1024
    big = SimpleUploadedFile("报告.pdf", b"%PDF" + b"x" * (31 * 1024 * 1024))
    response = client_for(people["clerk"]).post("/reports/import/", {"file": big})
    assert response.status_code == 422 and "文件过大" in response.content.decode()


def test_the_api_documentation_needs_a_login(people: dict[str, Any]) -> None:
    anonymous = Client()
    assert anonymous.get("/api/docs").status_code in (302, 401)
    assert anonymous.get("/api/openapi.json").status_code == 401
    assert client_for(people["clerk"]).get("/api/docs").status_code == 200
    assert client_for(people["clerk"]).get("/api/openapi.json").status_code == 200
    assert api(people["clerk"]).get("/api/openapi.json").status_code == 200  # a token will do
