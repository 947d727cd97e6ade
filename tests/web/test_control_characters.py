"""Control characters (a vertical tab, U+0001 …) cannot be written into a DOCX or XLSX part: an
applicant name holding one made every letter of the case fail. They are refused where text
comes in (the public form, the staff forms, the API, the registers) with a message in Chinese,
and dropped by every writer for what is already stored."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.test import Client
from docx import Document

from tests.web.test_api import api
from tests.web.test_permissions import client_for
from tests.web.test_public import form_data

pytestmark = pytest.mark.django_db

NAME = "王\u000b五\u0001"


def test_the_public_form_refuses_control_characters(tree: dict[str, Any]) -> None:
    from gongkai.web.applications.models import Application

    response = Client().post("/apply/", form_data(tree, applicant_name=NAME))
    assert response.status_code == 400
    assert "不可见的控制字符" in response.content.decode()
    assert not Application.objects.exists()


def test_the_staff_form_refuses_them_in_any_field(people: dict[str, Any]) -> None:
    from gongkai.web.applications.models import Application

    client = client_for(people["clerk"])
    data = {
        "channel": "in_person",
        "submitted_at": "2025-09-30T10:00",
        "applicant_type": "natural_person",
        "applicant_name": "林国娟",
        "phone": "13900000000",
        "description": "2024年度\u001f低保资金发放情况",
        "form_wanted": "electronic",
        "delivery": "email",
    }
    response = client.post("/cases/new/", data)
    assert response.status_code == 422 and "不可见的控制字符" in response.content.decode()
    assert not Application.objects.exists()


def test_the_api_refuses_them_with_the_field(people: dict[str, Any]) -> None:
    from gongkai.web.applications.models import Application

    response = api(people["clerk"]).post(
        "/api/cases",
        {
            "channel": "in_person",
            "submitted_at": "2025-09-30T10:00:00+08:00",
            "applicant_type": "natural_person",
            "applicant_name": NAME,
            "phone": "13900000000",
            "description": "2024年度低保资金发放情况",
            "registered_on": "2025-09-30",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "INVALID" and "applicant_name" in body["fields"]
    assert "控制字符" in str(body["fields"]["applicant_name"])
    assert not Application.objects.exists()


def test_a_step_and_a_register_refuse_them(people: dict[str, Any], case: Any) -> None:
    from gongkai.web.errors import InvalidInput
    from gongkai.web.registers.services import documents

    client = client_for(people["clerk"])
    response = client.post(
        f"/cases/{case.pk}/steps/correction_notice/",
        {
            "on": "2025-10-09",
            "items": "请写明\u0007文件名称",
            "correction_due": "2025-10-24",
            "reason": "",
        },
    )
    assert response.status_code == 422 and "不可见的控制字符" in response.content.decode()
    with pytest.raises(InvalidInput, match="控制字符"):
        documents.create_document(
            people["clerk"],
            {
                "kind": "normative_docs",
                "title": "临淄区\u000c临时救助实施细则",
                "issued_on": date(2025, 3, 1),
            },
        )
    from gongkai.web.registers.services import imports

    with pytest.raises(InvalidInput, match="控制字符"):
        imports.import_decisions(
            people["clerk"], "a.csv", "类别,决定日期,事项\n许可,2025-05-06,某\u000b事项\n".encode()
        )


def test_letters_of_a_case_stored_with_them_before_still_open(
    people: dict[str, Any], case: Any
) -> None:
    from gongkai.web.applications.models import Application
    from gongkai.web.applications.services import steps

    Application.objects.filter(pk=case.pk).update(applicant_name=NAME)
    steps.send_correction_notice(
        people["clerk"],
        case.pk,
        on=date(2025, 10, 9),
        items=["请写明文件名称"],
        correction_due=date(2025, 10, 24),
    )
    client = client_for(people["clerk"])
    page = client.get(f"/cases/{case.pk}/").content.decode()
    links = [part.split('"')[0] for part in page.split('href="')[1:] if ".docx" in part[:80]]
    assert links
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link
        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        assert "王五" in text


def test_report_files_drop_them(people: dict[str, Any], tree: dict[str, Any]) -> None:
    from gongkai.web.reports import services
    from gongkai.web.reports.models import AnnualReport

    clerk = people["clerk"]
    report = services.open_draft(clerk, tree["civil"].pk, 2025)
    AnnualReport.objects.filter(pk=report.pk).update(
        document={
            **report.document,
            "agency": "临淄区\u000b民政局",
            "sections": {**report.document["sections"], "overview": "概述\u0001。"},
        }
    )
    client = client_for(clerk)
    for fmt in ("docx", "xlsx", "pdf", "html", "md"):
        response = client.get(f"/reports/{report.pk}/files/{fmt}/")
        assert response.status_code == 200, fmt
    docx = Document(io.BytesIO(client.get(f"/reports/{report.pk}/files/docx/").content))
    assert any("概述。" in p.text for p in docx.paragraphs)
