"""The applicant's pages (issue 11 item 12): opened by the session of a successful lookup for
that one application only, for a short while; the letters issued to the applicant, what a 补正
asks for, a correction handed in online that waits for the clerk's confirmation (no deadline
moves until then), and the documents released with the reply."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document

from gongkai.web.applications.casefile import clock_of
from gongkai.web.applications.models import CaseFile
from gongkai.web.applications.services import intake, steps
from gongkai.web.letters.models import IssuedLetter
from gongkai.web.portal.models import Correction, CorrectionFile
from gongkai.web.portal.uploads import corrections_dir
from tests.web.conftest import intake_data
from tests.web.test_permissions import client_for

D = date
PDF = b"%PDF-1.4\n% correction\n"
ITEMS = ["请写明所需信息的年度", "请提供身份证明复印件"]


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def registered(people):
    done = intake.register(
        people["clerk"], intake_data(email="lin@example.cn"), registered_on=D(2025, 9, 30)
    )
    return done.application, done.secret


@pytest.fixture
def noticed(people, registered):
    case, secret = registered
    steps.send_correction_notice(
        people["clerk"],
        case.pk,
        on=D(2025, 10, 9),
        items=ITEMS,
        correction_due=D(2025, 10, 24),
        reason="内部：申请描述不清",
    )
    case.refresh_from_db()
    return case, secret


def look_up(client, case, secret):
    response = client.post(
        "/apply/track/", {"tracking_number": case.tracking_number, "secret": secret}
    )
    assert response.status_code == 200 and 'id="open-portal"' in response.content.decode()
    return response


def applicant(case, secret) -> Client:
    client = Client()
    look_up(client, case, secret)
    return client


def test_pages_need_a_successful_lookup(noticed):
    case, secret = noticed
    seq = case.events.get(kind="send_correction_notice").seq
    stranger = Client()
    for url in ("/apply/case/", f"/apply/case/letters/{seq}.docx"):
        response = stranger.get(url)
        assert response.status_code == 403 and "请重新查询" in response.content.decode()
    wrong = Client()
    wrong.post("/apply/track/", {"tracking_number": case.tracking_number, "secret": "WRONG"})
    assert wrong.get("/apply/case/").status_code == 403
    assert applicant(case, secret).get("/apply/case/").status_code == 200


def test_the_grant_is_short_lived_and_bound_to_the_secret(people, noticed, settings):
    case, secret = noticed
    client = applicant(case, secret)
    assert client.get("/apply/case/").status_code == 200
    case.secret_hash = "changed"
    case.save(update_fields=["secret_hash"])
    assert client.get("/apply/case/").status_code == 403
    settings.GONGKAI_PORTAL_SESSION_SECONDS = -1  # expired as soon as granted
    done = intake.register(people["clerk"], intake_data(), registered_on=D(2025, 9, 30))
    late = Client()
    look_up(late, done.application, done.secret)
    assert late.get("/apply/case/").status_code == 403


def test_one_session_sees_one_application(people, noticed):
    case, secret = noticed
    other = intake.register(
        people["clerk"], intake_data(applicant_name="王小明"), registered_on=D(2025, 9, 30)
    )
    client = applicant(case, secret)
    assert case.tracking_number in client.get("/apply/case/").content.decode()
    look_up(client, other.application, other.secret)
    page = client.get("/apply/case/").content.decode()
    assert other.application.tracking_number in page and case.tracking_number not in page
    assert client.post("/apply/case/leave/").status_code == 302
    assert client.get("/apply/case/").status_code == 403


def test_the_correction_notice_and_its_frozen_letter(noticed):
    case, secret = noticed
    client = applicant(case, secret)
    page = client.get("/apply/case/").content.decode()
    for words in (*ITEMS, "2025年10月24日", "补正告知书", "提交补正"):
        assert words in page
    for staff_only in ("内部：申请描述不清", "张敏"):
        assert staff_only not in page
    seq = case.events.get(kind="send_correction_notice").seq
    response = client.get(f"/apply/case/letters/{seq}.docx")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    letter = IssuedLetter.objects.get(event__application=case, event__seq=seq)
    assert response.content == bytes(letter.content)  # the frozen bytes, the staff's too
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert ITEMS[1] in text
    assert client.get("/apply/case/letters/1.docx").status_code == 404  # registration: no letter


def test_a_consultation_letter_is_not_the_applicants(people, registered):
    case, secret = registered
    steps.start_consultation(
        people["clerk"],
        case.pk,
        on=D(2025, 10, 9),
        consultation="third_party",
        party="齐鲁置业有限公司",
    )
    client = applicant(case, secret)
    page = client.get("/apply/case/").content.decode()
    assert "征求第三方意见函" not in page and "齐鲁置业" not in page
    seq = case.events.get(kind="start_consultation").seq
    assert IssuedLetter.objects.filter(event__seq=seq, event__application=case).exists()
    assert client.get(f"/apply/case/letters/{seq}.docx").status_code == 404


def test_a_correction_waits_for_the_clerk_and_moves_no_deadline(people, noticed):
    case, secret = noticed
    before = clock_of(case, D(2025, 10, 15))
    events = case.events.count()
    client = applicant(case, secret)
    response = client.post(
        "/apply/case/correction/",
        {
            "text": "所需信息为2024年度全区低保资金发放汇总",
            "files": [
                SimpleUploadedFile("身份证明.pdf", PDF),
                SimpleUploadedFile("../../x.png", b"\x89PNG\r\n\x1a\n" + b"0" * 10),
            ],
        },
    )
    assert response.status_code == 302
    correction = Correction.objects.get()
    stored = list(CorrectionFile.objects.order_by("pk"))
    assert [f.name for f in stored] == ["身份证明.pdf", "x.png"]
    for f in stored:
        path = corrections_dir() / f.stored
        assert path.read_bytes()[:4] in (PDF[:4], b"\x89PNG") and f.name not in f.stored
        assert Path(f.stored).parent.name == str(case.pk)
    case.refresh_from_db()
    assert case.events.count() == events and case.phase == "awaiting_correction"
    assert clock_of(case, D(2025, 10, 15)) == before
    page = client.get("/apply/case/").content.decode()
    assert "已收到，待工作人员确认" in page and "补正已提交" in page
    assert "bytes" not in page and "字节" in page  # Chinese on the public pages

    # the clerk sees it waiting, downloads its files, confirms it through the correction step
    clerk = client_for(people["clerk"])
    staff_page = clerk.get(f"/cases/{case.pk}/").content.decode()
    assert 'id="portal-corrections"' in staff_page and "待确认" in staff_page
    assert "2024年度全区低保资金发放汇总" in staff_page
    download = clerk.get(f"/cases/{case.pk}/corrections/{stored[0].pk}/")
    assert download.content == PDF and download["Content-Type"] == "application/octet-stream"
    assert Client().get(f"/cases/{case.pk}/corrections/{stored[0].pk}/").status_code == 302
    assert (
        client_for(people["tez_clerk"])
        .get(f"/cases/{case.pk}/corrections/{stored[0].pk}/")
        .status_code
        == 404
    )
    steps.receive_correction(people["clerk"], case.pk, on=D(2025, 10, 20))
    case.refresh_from_db()
    assert case.phase != "awaiting_correction"
    assert "已确认" in clerk.get(f"/cases/{case.pk}/").content.decode()
    page = client.get("/apply/case/").content.decode()
    assert "已确认（收到补正后的申请之日：2025-10-20）" in page and "提交补正" not in page
    refused = client.post("/apply/case/correction/", {"text": "再补充一点"})
    assert refused.status_code == 422 and "无需补正" in refused.content.decode()
    assert Correction.objects.filter(pk=correction.pk).count() == Correction.objects.count()


@pytest.mark.parametrize(
    ("upload", "words"),
    [
        (SimpleUploadedFile("程序.exe", b"MZ" + b"0" * 10), "不接受这种文件"),
        (SimpleUploadedFile("伪装.pdf", b"MZ" + b"0" * 10), "文件内容与扩展名不符"),
        (SimpleUploadedFile("空.pdf", b""), "空"),  # Django's own refusal: 提交的文件为空
        (SimpleUploadedFile("大.pdf", PDF + b"0" * 2000), "文件过大"),
    ],
)
def test_uploads_are_limited(noticed, settings, upload, words):
    settings.GONGKAI_CORRECTION_MAX_BYTES = 1000
    case, secret = noticed
    response = applicant(case, secret).post("/apply/case/correction/", {"files": [upload]})
    assert response.status_code == 422 and words in response.content.decode()
    assert not Correction.objects.exists() and not CorrectionFile.objects.exists()
    assert not corrections_dir().exists() or not any(corrections_dir().rglob("*.*"))


def test_too_many_files_or_nothing_at_all(noticed, settings):
    settings.GONGKAI_CORRECTION_FILES = 2
    case, secret = noticed
    client = applicant(case, secret)
    many = [SimpleUploadedFile(f"{i}.pdf", PDF) for i in range(3)]
    assert "最多2个文件" in client.post("/apply/case/correction/", {"files": many}).content.decode()
    empty = client.post("/apply/case/correction/", {"text": "  "})
    assert empty.status_code == 422 and "请填写补正内容或上传补正材料" in empty.content.decode()
    assert not Correction.objects.exists()


def test_no_correction_without_a_notice(registered):
    case, secret = registered
    client = applicant(case, secret)
    assert "提交补正" not in client.get("/apply/case/").content.decode()
    response = client.post("/apply/case/correction/", {"text": "补正"})
    assert response.status_code == 422 and not Correction.objects.exists()


def test_released_documents_after_the_reply_and_never_a_draft_file(people, registered):
    case, secret = registered
    draft_file = CaseFile.objects.create(
        application=case,
        name="草稿附件.pdf",
        stored="x/draft.pdf",
        size=3,
        sha256="0",
        uploaded_by_name="张敏",
    )
    client = applicant(case, secret)
    assert "草稿附件" not in client.get("/apply/case/").content.decode()
    assert client.get(f"/apply/case/files/{draft_file.pk}/").status_code == 404
    released = SimpleUploadedFile("低保资金发放汇总表.pdf", PDF)
    steps.reply_with_files(
        people["approver"],
        case.pk,
        uploads=[released],
        on=D(2025, 10, 20),
        outcome="granted",
        reason="内部备注不外传",
    )
    page = client.get("/apply/case/").content.decode()
    assert "低保资金发放汇总表.pdf" in page and "政府信息公开申请答复书" in page
    assert "内部备注不外传" not in page.split('id="portal-letters"')[0]
    released_row = CaseFile.objects.get(name="低保资金发放汇总表.pdf")
    response = client.get(f"/apply/case/files/{released_row.pk}/")
    assert response.status_code == 200 and response.content == PDF
    assert response["Cache-Control"] == "no-store, private"
