"""呈批: a clerk drafts an extension or a reply (outcome, grounds, reasons, the documents
released), the approver approves (the step takes effect on the approval day) or returns it with
a comment; the trail is on the case's record; the documents are stored safely and listed in the
reply letter."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document

from gongkai.procedure.errors import TransitionError
from gongkai.web.applications import selectors
from gongkai.web.applications.models import CaseFile, Draft
from gongkai.web.applications.services import drafts, files
from gongkai.web.errors import Forbidden, InvalidInput, NotFound
from gongkai.web.letters.services import letters_of, render_letter
from tests.web.test_permissions import client_for

REASON = "汇总表中的个人身份信息属于个人隐私，不予公开。"
PARTIAL = {
    "outcome": "partially_granted",
    "withheld_grounds": ["withheld_third_party"],
    "reason": REASON,
}


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def recent(make_case):
    """A case received a few days ago: its reply can be approved today."""
    return make_case(timezone.localdate() - timedelta(days=3))


def pdf(name="低保资金发放汇总表（可公开部分）.pdf", size=2000):
    return SimpleUploadedFile(name, b"%PDF-1.4 " + b"0" * size, content_type="application/pdf")


def test_a_draft_without_grounds_is_refused_at_submission(people, recent):
    with pytest.raises(TransitionError) as error:
        drafts.submit(
            people["clerk"],
            recent.pk,
            "reply",
            {"outcome": "partially_granted", "reason": REASON},
            uploads=[pdf()],
        )
    assert error.value.field == "withheld_grounds"
    assert not Draft.objects.exists() and not CaseFile.objects.exists()
    assert not list(files.files_dir().rglob("*.pdf"))  # no file left behind


def test_clerk_drafts_approver_approves_and_the_letter_lists_the_attachment(people, recent):
    clerk, approver = people["clerk"], people["approver"]
    draft = drafts.submit(clerk, recent.pk, "reply", PARTIAL, uploads=[pdf()])
    recent.refresh_from_db()
    assert (draft.status, recent.phase) == ("pending", "registered")  # nothing took effect
    stored = CaseFile.objects.get()
    assert stored.name == "低保资金发放汇总表（可公开部分）.pdf" and stored.draft == draft
    assert files.path_of(stored).is_file() and "低保" not in stored.stored  # our own name
    assert [d.pk for d in selectors.dashboard(approver, timezone.localdate()).waiting] == [draft.pk]
    assert selectors.dashboard(clerk, timezone.localdate()).waiting == []
    with pytest.raises(InvalidInput):  # one draft of a step at a time
        drafts.submit(clerk, recent.pk, "reply", PARTIAL)
    with pytest.raises(Forbidden):
        drafts.approve(clerk, draft.pk, on=timezone.localdate())
    with pytest.raises(InvalidInput):
        drafts.approve(approver, draft.pk, on=timezone.localdate() + timedelta(days=1))

    today = timezone.localdate()
    row = drafts.approve(approver, draft.pk, on=today)
    recent.refresh_from_db()
    assert (recent.phase, recent.outcome, recent.closed_on) == (
        "closed",
        "partially_granted",
        today,
    )
    assert (row.kind, row.occurred_on, row.actor_name) == ("reply", today, "王建国")
    assert row.data["reason"] == REASON and row.data["withheld_grounds"] == ["withheld_third_party"]
    assert row.data["extra"]["drafted_by"] == "张敏"
    assert [f["name"] for f in row.data["extra"]["attachments"]] == [stored.name]
    stored.refresh_from_db()
    assert stored.event == row
    assert selectors.dashboard(approver, today).waiting == []
    record = selectors.record_of(recent, selectors.events_of(recent))
    assert [i.entry.kind for i in record if i.entry] == ["submitted", "approved"]

    ref = next(r for r in letters_of(recent, selectors.events_of(recent)) if r.kind == "reply")
    text = "\n".join(
        p.text for p in Document(io.BytesIO(render_letter(recent, ref.seq, today)[1])).paragraphs
    )
    assert "附件：1. 低保资金发放汇总表（可公开部分）.pdf" in text
    assert "可以公开的部分（见附件）" in text and REASON in text


def test_returned_with_a_comment_then_resubmitted(people, recent):
    clerk, approver = people["clerk"], people["approver"]
    draft = drafts.submit(clerk, recent.pk, "reply", PARTIAL, uploads=[pdf("旧.pdf")])
    with pytest.raises(InvalidInput) as error:
        drafts.return_draft(approver, draft.pk, comment="  ")
    assert error.value.fields == {"comment": "请写明退回意见"}
    drafts.return_draft(approver, draft.pk, comment="请补充第三方的意见")
    board = selectors.dashboard(clerk, timezone.localdate())
    assert [(d.pk, d.comment) for d in board.returned] == [(draft.pk, "请补充第三方的意见")]
    old = CaseFile.objects.get()
    again = drafts.submit(
        clerk,
        recent.pk,
        "reply",
        {**PARTIAL, "reason": REASON + "第三方不同意公开。"},
        uploads=[pdf("新.pdf")],
        remove=[old.pk],
    )
    assert again.pk == draft.pk and again.status == "pending"
    assert [f.name for f in again.files.all()] == ["新.pdf"] and not files.path_of(old).exists()
    assert [e.kind for e in again.entries.all()] == ["submitted", "returned", "resubmitted"]
    assert again.entries.get(kind="returned").comment == "请补充第三方的意见"


def test_an_extension_draft_takes_effect_on_approval(people, recent):
    draft = drafts.submit(
        people["clerk"], recent.pk, "extend", {"workdays": 20, "reason": "需要汇总全区各镇街的数据"}
    )
    today = timezone.localdate()
    row = drafts.approve(people["approver"], draft.pk, on=today)
    assert (row.kind, row.data["approver"], row.data["notified_on"]) == (
        "approve_extension",
        "王建国",
        today.isoformat(),
    )


def test_the_core_checks_again_at_approval(people, recent):
    draft = drafts.submit(
        people["clerk"], recent.pk, "extend", {"workdays": 20, "reason": "数据多"}
    )
    from gongkai.web.applications.services import steps

    steps.withdraw(people["clerk"], recent.pk, on=timezone.localdate(), reason="申请人撤回")
    with pytest.raises(TransitionError):
        drafts.approve(people["approver"], draft.pk, on=timezone.localdate())
    draft.refresh_from_db()
    assert draft.status == "pending"  # the approver may return it
    drafts.withdraw_draft(people["clerk"], draft.pk)
    draft.refresh_from_db()
    assert draft.status == "withdrawn"


def test_other_agencies_and_supervisors_cannot_act_on_a_draft(people, recent):
    draft = drafts.submit(people["clerk"], recent.pk, "reply", PARTIAL)
    with pytest.raises(NotFound):
        drafts.approve(people["tez_clerk"], draft.pk, on=timezone.localdate())
    with pytest.raises(Forbidden):
        drafts.return_draft(people["supervisor"], draft.pk, comment="不同意")


@pytest.mark.parametrize(
    "name,expected",
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\张敏\\答复附件.PDF", "答复附件.pdf"),
        ("报\u202e表\x00.pdf", "报表.pdf"),
        ("   .pdf", "pdf"),
        ("..pdf", "pdf"),  # no suffix left: refused by check_uploads
        ("很" * 300 + ".docx", "很" * 115 + ".docx"),
    ],
)
def test_safe_names(name, expected):
    assert files.safe_name(name) == expected


def test_uploads_are_refused_by_kind_size_and_number(settings):
    settings.GONGKAI_CASE_FILE_MAX_BYTES = 1000
    for upload, words in (
        (pdf("病毒.exe"), "不接受这种文件"),
        (pdf(size=2000), "文件过大"),
        (SimpleUploadedFile("空.pdf", b""), "文件是空的"),
    ):
        with pytest.raises(InvalidInput) as error:
            files.check_uploads([upload])
        assert words in error.value.fields["files"]
    with pytest.raises(InvalidInput):
        files.check_uploads([pdf(size=10)] * 3, kept=settings.GONGKAI_CASE_FILES_PER_STEP - 2)


def test_files_download_for_staff_only(people, recent):
    drafts.submit(people["clerk"], recent.pk, "reply", PARTIAL, uploads=[pdf()])
    stored = CaseFile.objects.get()
    url = f"/cases/{recent.pk}/files/{stored.pk}/"
    response = client_for(people["supervisor"]).get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert client_for(people["tez_clerk"]).get(url).status_code == 404
    from django.test import Client

    assert Client().get(url).status_code == 302  # to the login page


def test_case_page_shows_the_pending_draft_with_approve_and_return(people, recent):
    drafts.submit(people["clerk"], recent.pk, "reply", PARTIAL, uploads=[pdf()])
    approver_page = client_for(people["approver"]).get(f"/cases/{recent.pk}/").content.decode()
    assert "待审批：答复" in approver_page and 'id="approve-reply"' in approver_page
    assert 'id="return-reply"' in approver_page and 'id="step-reply"' not in approver_page
    clerk_page = client_for(people["clerk"]).get(f"/cases/{recent.pk}/").content.decode()
    assert "待审批：答复" in clerk_page and 'id="approve-reply"' not in clerk_page
    assert "提交审批（答复）" in clerk_page and REASON in clerk_page


def test_approval_views_answer_htmx(people, recent):
    draft = drafts.submit(people["clerk"], recent.pk, "reply", PARTIAL)
    client = client_for(people["approver"])
    refused = client.post(
        f"/cases/{recent.pk}/drafts/{draft.pk}/return/", {"comment": ""}, HTTP_HX_REQUEST="true"
    )
    assert refused.status_code == 422 and "请写明退回意见" in refused.content.decode()
    ok = client.post(
        f"/cases/{recent.pk}/drafts/{draft.pk}/approve/",
        {"on": timezone.localdate().isoformat()},
        HTTP_HX_REQUEST="true",
    )
    assert ok.status_code == 204 and ok["HX-Redirect"] == f"/cases/{recent.pk}/"


def test_a_returned_draft_is_closed_when_the_approver_replies_himself(people, recent):
    draft = drafts.submit(people["clerk"], recent.pk, "reply", PARTIAL)
    drafts.return_draft(people["approver"], draft.pk, comment="我直接答复")
    response = client_for(people["approver"]).post(
        f"/cases/{recent.pk}/steps/reply/",
        {"on": timezone.localdate().isoformat(), "outcome": "granted"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    draft.refresh_from_db()
    assert draft.status == "withdrawn"
    assert selectors.dashboard(people["clerk"], timezone.localdate()).returned == []
