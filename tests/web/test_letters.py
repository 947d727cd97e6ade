"""Letters as DOCX from editable templates, with the legal basis and the remedies; frozen when
issued (a letter once issued never changes); templates checked before they are saved."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from gongkai.procedure.outcomes import OUTCOMES
from gongkai.procedure.workdays import RestPeriod
from gongkai.web.agencies.models import Agency
from gongkai.web.agencies.services import set_review_body
from gongkai.web.applications.services import steps
from gongkai.web.errors import Forbidden, InvalidInput
from gongkai.web.letters.defaults import defaults
from gongkai.web.letters.models import IssuedLetter, LetterTemplate
from gongkai.web.letters.services import (
    LetterNotReady,
    edit_template,
    ensure_templates,
    letters_of,
    render_letter,
)
from gongkai.web.workdays.services import enter_arrangement
from tests.web.conftest import today_is
from tests.web.test_permissions import client_for

D = date


def text_of(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def correction_notice(people, case) -> int:
    steps.send_correction_notice(
        people["clerk"],
        case.pk,
        on=D(2025, 10, 9),
        items=["请写明文件名称"],
        correction_due=D(2025, 10, 24),
    )
    return case.events.get(kind="send_correction_notice").seq


def template(kind: str, outcome: str = "") -> LetterTemplate:
    ensure_templates()
    return LetterTemplate.objects.get(kind=kind, outcome=outcome)


def test_every_outcome_has_a_default_reply_template():
    kinds = {(k, o) for k, o, _, _ in defaults()}
    assert {("reply", code) for code in OUTCOMES} <= kinds
    assert len(kinds) == 5 + len(OUTCOMES)


def test_all_letters_of_a_case(people, case):
    clerk, approver = people["clerk"], people["approver"]
    steps.start_consultation(
        clerk, case.pk, on=D(2025, 10, 9), consultation="third_party", party="淄博某商贸有限公司"
    )
    steps.end_consultation(clerk, case.pk, on=D(2025, 10, 15))
    steps.approve_extension(
        approver,
        case.pk,
        on=D(2025, 11, 3),
        notified_on=D(2025, 11, 3),
        workdays=20,
        reason="需要检索的信息较多",
    )
    steps.reply(
        approver,
        case.pk,
        on=D(2025, 11, 20),
        outcome="withheld_third_party",
        reason="该信息涉及第三方商业秘密，第三方不同意公开。",
    )
    rows = list(case.events.order_by("seq"))
    refs = letters_of(case, rows)
    assert [r.kind for r in refs] == ["consultation_third_party", "extension_notice", "reply"]
    assert all(r.issued and not r.missing for r in refs)  # frozen when their events were recorded
    texts = {r.kind: text_of(render_letter(case, r.seq, D(2025, 11, 20))[1]) for r in refs}
    assert "淄博某商贸有限公司" in texts["consultation_third_party"]
    assert "15个工作日" in texts["consultation_third_party"]
    assert (
        "延长20个工作日" in texts["extension_notice"]
        and "临淄区民政局" in texts["extension_notice"]
    )
    reply = texts["reply"]
    assert "第十五条" in reply and "第三方不同意公开" in reply
    # a refusal decided from 2024: review first, before the named review body, no direct suit
    assert "应当先申请行政复议：自收到本答复之日起60日内向临淄区人民政府申请行政复议" in reply
    assert "未经行政复议，不能直接向人民法院提起行政诉讼" in reply
    assert "6个月" not in reply


@pytest.mark.parametrize(
    "outcome,review_first",
    [
        ("withheld_state_secret", True),
        ("withheld_internal", True),
        ("withheld_deliberative", True),
        ("partially_granted", True),
        ("granted", False),
        ("unavailable_not_held", False),
        ("declined_repeat", False),
    ],
)
def test_remedies_per_outcome_in_the_reply_letter(people, case, outcome, review_first):
    grounds = ["withheld_third_party"] if outcome == "partially_granted" else None
    steps.reply(
        people["approver"],
        case.pk,
        on=D(2025, 10, 20),
        outcome=outcome,
        withheld_grounds=grounds,
        reason="所申请信息涉及依法不予公开的内容。",  # arts. 36(三), 37: a refusal gives reasons
    )
    seq = case.events.get(kind="reply").seq
    text = text_of(render_letter(case, seq, D(2025, 10, 20))[1])
    assert "向临淄区人民政府申请行政复议" in text
    assert ("应当先申请行政复议" in text) is review_first
    assert ("不能直接向人民法院提起行政诉讼" in text) is review_first
    assert ("6个月内依法向人民法院提起行政诉讼" in text) is not review_first


def test_a_lapse_letter_names_the_review_body(people, case):
    correction_notice(people, case)
    steps.correction_lapsed(people["clerk"], case.pk, on=D(2025, 10, 27))
    seq = case.events.get(kind="correction_lapsed").seq
    text = text_of(render_letter(case, seq, D(2025, 10, 27))[1])
    assert "终止处理告知书" in text and "视为放弃申请" in text and "第三十条" in text
    assert "60日内向临淄区人民政府申请行政复议" in text


def test_fee_notice_lists_the_computation(people, case):
    steps.issue_fee_notice(
        people["clerk"], case.pk, on=D(2025, 10, 10), method="per_page", quantity=2219
    )
    seq = case.events.get(kind="issue_fee_notice").seq
    text = text_of(render_letter(case, seq, D(2025, 10, 10))[1])
    assert "83460元" in text and "按量计收" in text and "20个工作日" in text


# ---------------------------------------------------------------- frozen letters (issue 11.3)


def test_an_issued_letter_never_changes(people, case, make_case):
    """Issue, edit the template, download: the letter as issued. Download again after another
    edit and a change of the agency's details: the same bytes."""
    seq = correction_notice(people, case)
    letter = IssuedLetter.objects.get(event__application=case, event__seq=seq)
    assert letter.template_version == 1 and not letter.frozen_late and letter.content is None

    notice = template("correction_notice")
    edit_template(
        people["admin"],
        notice.pk,
        title="补正通知书",
        body="{applicant_name}：\n新的文本：{correction_items}",
    )
    first_name, first = render_letter(case, seq, D(2025, 10, 9))
    assert "补正告知书" in first_name
    text = text_of(first)
    assert "补正告知书" in text and "新的文本" not in text and "请写明文件名称" in text

    edit_template(people["admin"], notice.pk, title="又改了", body="{correction_items}")
    Agency.objects.filter(pk=case.agency_id).update(phone="0533-0000000", name="改名后的民政局")
    case.refresh_from_db()
    name, again = render_letter(case, seq, D(2026, 3, 1))
    assert (name, again) == (first_name, first)
    assert IssuedLetter.objects.get(pk=letter.pk).sha256  # the bytes are stored with their hash

    # a letter issued after the edits follows the newest version
    other = make_case(D(2025, 9, 30))
    newer = correction_notice(people, other)
    assert other.events.get(seq=newer).letter.template_version == 3
    assert text_of(render_letter(other, newer, D(2025, 10, 9))[1]).startswith("又改了")


def test_letters_are_frozen_in_the_database_and_on_the_case_page(people, case):
    seq = correction_notice(people, case)
    client = client_for(people["clerk"])
    first = client.get(f"/cases/{case.pk}/letters/{seq}.docx").content
    edit_template(
        people["admin"],
        template("correction_notice").pk,
        title="补正通知书",
        body="改过：{correction_items}",
    )
    assert client.get(f"/cases/{case.pk}/letters/{seq}.docx").content == first
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "补正告知书（DOCX）" in page and "补正通知书" not in page


def test_a_letter_recorded_before_freezing_is_frozen_at_its_first_download(people, case):
    """Events recorded before letters were frozen have no IssuedLetter row: the letter is issued
    from the template at its first download and never changes after that."""
    seq = correction_notice(people, case)
    IssuedLetter.objects.all().delete()  # as the rows of an older installation
    name, first = render_letter(case, seq, D(2026, 1, 5))
    letter = IssuedLetter.objects.get(event__application=case, event__seq=seq)
    assert letter.frozen_late and letter.template_version == 1
    edit_template(
        people["admin"],
        template("correction_notice").pk,
        title="补正通知书",
        body="改过：{correction_items}",
    )
    assert render_letter(case, seq, D(2026, 1, 6)) == (name, first)


def test_a_letter_that_states_a_provisional_date_says_so(people, make_case, monkeypatch):
    """Issued in December 2026, before the 2027 arrangement is known: the extension notice's date
    is provisional and the letter says so; entering 2027 later does not change the letter."""
    today_is(monkeypatch, D(2026, 12, 22))
    app = make_case(D(2026, 11, 27))
    steps.approve_extension(
        people["approver"],
        app.pk,
        on=D(2026, 12, 22),
        notified_on=D(2026, 12, 22),
        workdays=20,
        reason="需要检索的信息较多",
    )
    seq = app.events.get(kind="approve_extension").seq
    name, before = render_letter(app, seq, D(2026, 12, 22))
    text = text_of(before)
    assert "以国务院办公厅公布的节假日安排为准" in text and "2027年" in text
    enter_arrangement(
        people["admin"],
        year=2027,
        source="测试",
        rest_periods=[RestPeriod("春节", D(2027, 2, 5), D(2027, 2, 12))],
        makeup_workdays=[],
    )
    assert render_letter(app, seq, D(2027, 1, 4)) == (name, before)


# ---------------------------------------------------------------- the review body (issue 11.4)


def test_no_reply_letter_without_a_review_body(people, case):
    Agency.objects.filter(pk=case.agency_id).update(review_body="")
    case.refresh_from_db()
    steps.reply(
        people["approver"],
        case.pk,
        on=D(2025, 10, 20),
        outcome="withheld_state_secret",
        reason="所申请信息属于国家秘密。",
    )
    row = case.events.get(kind="reply")
    assert not IssuedLetter.objects.filter(event=row).exists()  # the step stands, no letter
    (ref,) = letters_of(case, list(case.events.order_by("seq")))
    assert not ref.issued and "临淄区民政局尚未设置行政复议机关" in ref.missing
    with pytest.raises(LetterNotReady) as info:
        render_letter(case, row.seq, D(2025, 10, 20))
    assert "尚未设置行政复议机关" in info.value.message and info.value.status == 409
    clerk = client_for(people["clerk"])
    response = clerk.get(f"/cases/{case.pk}/letters/{row.seq}.docx")
    assert response.status_code == 409 and "尚未设置行政复议机关" in response.content.decode()
    page = clerk.get(f"/cases/{case.pk}/").content.decode()
    assert "尚未设置行政复议机关" in page and f"/letters/{row.seq}.docx" not in page

    set_review_body(people["admin"], case.agency_id, " 临淄区人民政府 ")
    case.refresh_from_db()
    text = text_of(render_letter(case, row.seq, D(2025, 10, 21))[1])
    assert "向临淄区人民政府申请行政复议" in text
    assert IssuedLetter.objects.get(event=row).frozen_late


def test_other_letters_do_not_need_the_review_body(people, case):
    Agency.objects.filter(pk=case.agency_id).update(review_body="")
    case.refresh_from_db()
    seq = correction_notice(people, case)
    assert "补正告知书" in text_of(render_letter(case, seq, D(2025, 10, 9))[1])


def test_review_body_page(people):
    admin = client_for(people["admin"])
    page = admin.get("/letters/review-bodies/").content.decode()
    assert "临淄区人民政府办公室" in page and "按层级推定" in page
    gov = Agency.objects.get(name="临淄区人民政府")
    admin.post("/letters/review-bodies/", {"agency": gov.pk, "review_body": "淄博市人民政府"})
    assert Agency.objects.get(pk=gov.pk).review_body == "淄博市人民政府"
    assert client_for(people["clerk"]).get("/letters/review-bodies/").status_code == 403
    with pytest.raises(Forbidden):
        set_review_body(people["clerk"], gov.pk, "x")


# ---------------------------------------------------------------- checked templates


@pytest.mark.parametrize(
    "kind,body,reason",
    [
        (
            "correction_notice",
            "{applicant_name}：{correction_items}\n{unknown} 保留",
            "未知的占位符：{unknown}",
        ),
        ("correction_notice", "{correction_items}，应缴{fee_amount}", "未知的占位符：{fee_amount}"),
        (
            "correction_notice",
            "{correction_items}{agency_name:>20}",
            "未知的占位符：{agency_name:>20}",
        ),
        ("correction_notice", "{correction_items} {", "花括号不成对"),
        ("correction_notice", "{applicant_name}：请补正。", "必须包含{correction_items}"),
        ("reply", "{applicant_name}：{legal_basis}", "必须包含{remedies}"),
    ],
)
def test_a_template_with_an_unknown_placeholder_is_refused(people, kind, body, reason):
    outcome = "granted" if kind == "reply" else ""
    stored = template(kind, outcome)
    with pytest.raises(InvalidInput) as info:
        edit_template(people["admin"], stored.pk, title="标题", body=body)
    assert reason in info.value.fields["body"]
    stored.refresh_from_db()
    assert stored.version == 1 and stored.body != body


def test_an_unknown_placeholder_in_the_title_is_refused(people):
    stored = template("extension_notice")
    with pytest.raises(InvalidInput) as info:
        edit_template(people["admin"], stored.pk, title="{标题}", body="{extension_days}")
    assert "未知的占位符：{标题}" in info.value.fields["title"]


def test_the_edit_page_shows_the_reason_beside_the_field(people):
    stored = template("correction_notice")
    admin = client_for(people["admin"])
    response = admin.post(
        f"/letters/{stored.pk}/",
        {"title": "补正告知书", "body": "{applicant_name}：{correction_items}{申请人}"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="errors-body"' in page and "未知的占位符：{申请人}" in page
    assert "{correction_due}" in page and "{fee_amount}" not in page  # this letter's names only
    stored.refresh_from_db()
    assert stored.version == 1


def test_an_edited_template_is_used_for_letters_issued_after(people, case):
    stored = template("correction_notice")
    edit_template(
        people["admin"],
        stored.pk,
        title="补正通知书",
        body="{applicant_name}：\n请于{correction_due}前补正：{correction_items}\n{{保留}}",
    )
    seq = correction_notice(people, case)
    text = text_of(render_letter(case, seq, D(2025, 10, 9))[1])
    assert "补正通知书" in text and "林国娟：" in text and "2025年10月24日" in text
    assert "{保留}" in text
    with pytest.raises(Forbidden):
        edit_template(people["clerk"], stored.pk, title="x", body="{correction_items}")
