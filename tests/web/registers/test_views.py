"""The register pages: lists for every role, forms that write through the services, refusals
as form errors, the year-end lock asking for a reason, and who gets 403 or 404."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.web.registers.models import (
    CatalogueEntry,
    Decision,
    ImportBatch,
    RegisteredDocument,
)
from gongkai.web.registers.services import (
    catalogue,
    decisions,
    disputes,
    documents,
    fees,
    matters,
)
from tests.web.registers.conftest import sample
from tests.web.test_permissions import client_for

SLUGS = ("documents", "decisions", "fees", "catalogue", "disputes", "matters")
DOC = {
    "kind": "normative_docs",
    "number": "临民发〔2025〕3号",
    "title": "临淄区临时救助实施细则",
    "issued_on": "2025-03-01",
}


@pytest.fixture
def records(people, case):
    """One record in every register of 民政局."""
    clerk = people["clerk"]
    return {
        "documents": documents.create_document(clerk, {**DOC, "issued_on": date(2025, 3, 1)}),
        "decisions": decisions.create_entry(
            clerk, {"kind": "licensing", "subject": "某登记", "decided_on": date(2025, 3, 4)}
        ),
        "fees": fees.create_fee_income(
            clerk, {"year": 2025, "item": "城镇垃圾处理费", "amount": "3.5"}
        ),
        "catalogue": catalogue.create_entry(
            clerk, {"index_no": "MZ/2025-00001", "title": "某通知", "created_on": date(2025, 9, 26)}
        ),
        "disputes": disputes.create_dispute(
            clerk,
            {
                "path": "review",
                "case_number": "临政复〔2025〕3号",
                "filed_on": date(2025, 11, 10),
                "application_number": case.tracking_number,
            },
        ),
        "matters": matters.create_matter(
            clerk, {"kind": "training", "on": date(2025, 6, 3), "title": "业务培训", "count": 40}
        ),
    }


@pytest.mark.parametrize(
    "url",
    [
        "/registers/",
        *(f"/registers/{s}/" for s in SLUGS),
        "/registers/decisions/import/",
        "/registers/catalogue/?status=late&year=2025",
        "/registers/documents/?year=2025&kind=normative_docs&q=救助",
        "/registers/disputes/?state=pending&year=&agency=",
    ],
)
def test_every_list_renders_for_a_clerk(people, records, url):
    response = client_for(people["clerk"]).get(url)
    assert response.status_code == 200
    assert "登记簿" in response.content.decode()


def test_a_filter_that_is_no_number_is_refused(people, records):
    response = client_for(people["clerk"]).get("/registers/disputes/?state=pending&year=x")
    assert response.status_code == 400 and "参数 year" in response.content.decode()


@pytest.mark.parametrize("slug", SLUGS)
def test_lists_show_the_record_and_the_form_to_a_clerk(people, records, slug):
    page = client_for(people["clerk"]).get(f"/registers/{slug}/").content.decode()
    assert f"/registers/{slug}/{records[slug].pk}/" in page
    assert 'name="correction_reason"' not in page  # asked for only when needed
    assert '<form method="post" class="stack"' in page


def test_a_supervisor_reads_the_subtree_but_cannot_post(people, records):
    client = client_for(people["supervisor"])
    for slug in SLUGS:
        page = client.get(f"/registers/{slug}/")
        assert page.status_code == 200
        assert f"/registers/{slug}/{records[slug].pk}/" in page.content.decode()
        assert '<form method="post" class="stack"' not in page.content.decode()
        assert client.post(f"/registers/{slug}/", {**DOC, "mode": "entry"}).status_code == 403
        record = records[slug].pk
        edit = client.get(f"/registers/{slug}/{record}/")
        assert edit.status_code == 200 and "无权修改" in edit.content.decode()
        assert client.post(f"/registers/{slug}/{record}/", DOC).status_code == 403
        assert client.get(f"/registers/{slug}/{record}/delete/").status_code == 403
        assert client.post(f"/registers/{slug}/{record}/delete/").status_code == 403
    assert (
        client.post(
            "/registers/decisions/import/",
            {"file": SimpleUploadedFile("a.csv", sample("decisions-gbk.csv"))},
        ).status_code
        == 403
    )
    assert RegisteredDocument.objects.count() == 1 and Decision.objects.count() == 1


def test_a_clerk_of_another_agency_gets_404_on_a_record(people, records):
    client = client_for(people["tez_clerk"])
    for slug in SLUGS:
        record = records[slug].pk
        assert client.get(f"/registers/{slug}/{record}/").status_code == 404
        assert client.post(f"/registers/{slug}/{record}/", DOC).status_code == 404
        assert client.get(f"/registers/{slug}/{record}/delete/").status_code == 404
        assert client.post(f"/registers/{slug}/{record}/delete/").status_code == 404
        assert (
            f"/registers/{slug}/{record}/" not in client.get(f"/registers/{slug}/").content.decode()
        )
    assert (
        client_for(people["tez_supervisor"])
        .get(f"/registers/documents/{records['documents'].pk}/")
        .status_code
        == 404
    )


def test_adding_editing_and_deleting_through_the_pages(people):
    client = client_for(people["clerk"])
    response = client.post("/registers/documents/", DOC)
    assert response.status_code == 302 and response["Location"] == "/registers/documents/"
    doc = RegisteredDocument.objects.get()
    assert "已登记文件" in client.get("/registers/documents/").content.decode()
    response = client.post(f"/registers/documents/{doc.pk}/", {**DOC, "repealed_on": "2025-09-01"})
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.repealed_on == date(2025, 9, 1)
    assert client.get(f"/registers/documents/{doc.pk}/delete/").status_code == 200
    assert client.post(f"/registers/documents/{doc.pk}/delete/").status_code == 302
    assert not RegisteredDocument.objects.exists()


def test_a_refusal_comes_back_on_its_field(people):
    response = client_for(people["clerk"]).post(
        "/registers/documents/", {**DOC, "repealed_on": "2025-01-01"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "废止日期不能早于印发日期" in page and '<details class="card" id="new" open' in page
    assert not RegisteredDocument.objects.exists()


def test_a_published_year_asks_for_the_reason_then_reopens_the_report(people, publish):
    report = publish(2025)
    client = client_for(people["clerk"])
    response = client.post("/registers/documents/", DOC)
    assert response.status_code == 422
    page = response.content.decode()
    assert "2025年度报告已经发布" in page and 'name="correction_reason"' in page
    assert "请填写更正理由" in page
    assert not RegisteredDocument.objects.exists()
    response = client.post("/registers/documents/", {**DOC, "correction_reason": "补登"})
    assert response.status_code == 302 and RegisteredDocument.objects.count() == 1
    report.refresh_from_db()
    assert report.status == "draft" and report.revisions.get().action == "reopened"


def test_deleting_in_a_published_year_asks_for_the_reason(people, publish, records):
    publish(2025)
    client = client_for(people["clerk"])
    pk = records["matters"].pk
    response = client.post(f"/registers/matters/{pk}/delete/")
    assert response.status_code == 422 and 'name="correction_reason"' in response.content.decode()
    response = client.post(f"/registers/matters/{pk}/delete/", {"correction_reason": "重复登记"})
    assert response.status_code == 302


def test_decisions_one_by_one_and_as_a_total(people):
    client = client_for(people["clerk"])
    response = client.post(
        "/registers/decisions/",
        {
            "mode": "entry",
            "kind": "penalty",
            "decided_on": "2025-04-01",
            "count": "1",
            "reference": "临民罚〔2025〕1号",
        },
    )
    assert response.status_code == 302
    response = client.post(
        "/registers/decisions/",
        {"mode": "total", "kind": "licensing", "year": "2024", "count": "57"},
    )
    assert response.status_code == 302
    response = client.post(
        "/registers/decisions/", {"mode": "total", "kind": "penalty", "year": "2025", "count": "3"}
    )
    assert response.status_code == 422
    assert "已逐件登记或导入了决定" in response.content.decode()
    total = Decision.objects.get(source="total")
    page = client.get(f"/registers/decisions/{total.pk}/").content.decode()
    assert "全年决定件数" in page and "决定日期" not in page
    listing = client.get("/registers/decisions/?year=2024").content.decode()
    assert "年度合计" in listing and ">57<" in listing


def test_import_pages(people):
    client = client_for(people["clerk"])
    template = client.get("/registers/decisions/import/template.csv")
    assert template.status_code == 200 and template["Content-Type"].startswith("text/csv")
    bad = client.post(
        "/registers/decisions/import/",
        {"file": SimpleUploadedFile("台账.csv", sample("decisions-two-bad-rows.csv"))},
    )
    page = bad.content.decode()
    assert bad.status_code == 422 and "第3行" in page and "第5行" in page
    assert not ImportBatch.objects.exists()
    good = client.post(
        "/registers/decisions/import/",
        {"file": SimpleUploadedFile("台账.csv", sample("decisions-gbk.csv"))},
    )
    assert good.status_code == 302
    batch = ImportBatch.objects.get()
    page = client.get("/registers/decisions/import/").content.decode()
    assert "台账.csv" in page and f"/registers/decisions/batches/{batch.pk}/undo/" in page
    again = client.post(
        "/registers/decisions/import/",
        {"file": SimpleUploadedFile("台账.csv", sample("decisions-gbk.csv"))},
        follow=True,
    )
    assert again.status_code == 200 and "没有新增" in again.content.decode()
    assert ImportBatch.objects.count() == 1 and Decision.objects.count() == 3
    assert (
        client_for(people["tez_clerk"])
        .get(f"/registers/decisions/batches/{batch.pk}/undo/")
        .status_code
        == 404
    )
    assert client.get(f"/registers/decisions/batches/{batch.pk}/undo/").status_code == 200
    assert client.post(f"/registers/decisions/batches/{batch.pk}/undo/").status_code == 302
    assert not Decision.objects.exists()


def test_htmx_filters_return_the_rows_only(people, records):
    response = client_for(people["clerk"]).get(
        "/registers/catalogue/?status=awaiting", HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page and "MZ/2025-00001" in page
    assert "逾期未公开" in page  # created 2025-09-26, limit 2025-10-30


def test_catalogue_shows_lateness_and_the_yearly_summary(people):
    clerk = people["clerk"]
    catalogue.create_entry(
        clerk,
        {
            "index_no": "A-2",
            "title": "迟发的通知",
            "created_on": date(2025, 9, 26),
            "published_on": date(2025, 10, 31),
            "reviewer": "王建国",
            "reviewed_on": date(2025, 10, 31),
            "review_conclusion": "release",
        },
    )
    page = client_for(clerk).get("/registers/catalogue/?status=late").content.decode()
    assert "21个工作日" in page and "逾期公开" in page and "各年度公开情况" in page
    entry = CatalogueEntry.objects.get()
    detail = client_for(clerk).get(f"/registers/catalogue/{entry.pk}/").content.decode()
    assert "最迟 2025-10-30" in detail


def test_disputes_on_the_case_page_and_the_application_lookup(people, case, records):
    client = client_for(people["clerk"])
    page = client.get(f"/cases/{case.pk}/").content.decode()
    dispute = records["disputes"]
    assert f"/registers/disputes/{dispute.pk}/" in page and "临政复〔2025〕3号" in page
    options = client.get(
        "/registers/disputes/applications/", {"application_number": case.tracking_number[:6]}
    ).content.decode()
    assert f'value="{case.tracking_number}"' in options
    assert (
        client_for(people["tez_clerk"])
        .get("/registers/disputes/applications/", {"application_number": case.tracking_number[:6]})
        .content.decode()
        .strip()
        == ""
    )
    form = client.get(f"/registers/disputes/?application_number={case.tracking_number}")
    assert f'value="{case.tracking_number}"' in form.content.decode()
    edit = client.get(f"/registers/disputes/{dispute.pk}/").content.decode()
    assert f'value="{case.tracking_number}"' in edit and f"/cases/{case.pk}/" in edit


def test_the_navigation_links_the_registers(people):
    page = client_for(people["supervisor"]).get("/").content.decode()
    assert 'href="/registers/"' in page
