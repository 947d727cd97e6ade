"""Letters as DOCX from editable templates, with the legal basis and the remedies."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from gongkai.procedure.outcomes import OUTCOMES
from gongkai.web.applications.services import steps
from gongkai.web.errors import Forbidden
from gongkai.web.letters.defaults import defaults
from gongkai.web.letters.models import LetterTemplate
from gongkai.web.letters.services import edit_template, letters_of, render_letter

D = date


def text_of(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_every_outcome_has_a_default_reply_template():
    kinds = {(k, o) for k, o, _, _ in defaults()}
    assert {("reply", code) for code in OUTCOMES} <= kinds
    assert len(kinds) == 5 + len(OUTCOMES)


def test_all_letters_of_a_case(people, case):
    clerk, approver = people["clerk"], people["approver"]
    steps.start_consultation(clerk, case.pk, on=D(2025, 10, 9), consultation="third_party",
                             party="淄博某商贸有限公司")
    steps.end_consultation(clerk, case.pk, on=D(2025, 10, 15))
    steps.approve_extension(approver, case.pk, on=D(2025, 11, 3), notified_on=D(2025, 11, 3),
                            workdays=20, reason="需要检索的信息较多")
    steps.reply(approver, case.pk, on=D(2025, 11, 20), outcome="withheld_third_party",
                reason="该信息涉及第三方商业秘密，第三方不同意公开。")
    rows = list(case.events.order_by("seq"))
    refs = letters_of(case, rows)
    assert [r.kind for r in refs] == ["consultation_third_party", "extension_notice", "reply"]
    texts = {r.kind: text_of(render_letter(case, r.seq, D(2025, 11, 20))[1]) for r in refs}
    assert "淄博某商贸有限公司" in texts["consultation_third_party"]
    assert "15个工作日" in texts["consultation_third_party"]
    assert "延长20个工作日" in texts["extension_notice"] and "临淄区民政局" in texts["extension_notice"]
    reply = texts["reply"]
    assert "第十五条" in reply and "第三方不同意公开" in reply
    assert "行政复议" in reply and "60日" in reply and "行政诉讼" in reply
    assert "先依法申请行政复议" in reply  # a refusal decided from 2024: review first


def test_fee_notice_lists_the_computation(people, case):
    steps.issue_fee_notice(people["clerk"], case.pk, on=D(2025, 10, 10), method="per_page",
                           quantity=2219)
    seq = case.events.get(kind="issue_fee_notice").seq
    text = text_of(render_letter(case, seq, D(2025, 10, 10))[1])
    assert "83460元" in text and "按量计收" in text and "20个工作日" in text


def test_lapse_letter(people, case):
    steps.send_correction_notice(people["clerk"], case.pk, on=D(2025, 10, 9),
                                 items=["请写明文件名称"], correction_due=D(2025, 10, 24))
    steps.correction_lapsed(people["clerk"], case.pk, on=D(2025, 10, 27))
    seq = case.events.get(kind="correction_lapsed").seq
    text = text_of(render_letter(case, seq, D(2025, 10, 27))[1])
    assert "终止处理告知书" in text and "视为放弃申请" in text and "第三十条" in text


def test_an_edited_template_is_used(people, case):
    steps.send_correction_notice(people["clerk"], case.pk, on=D(2025, 10, 9),
                                 items=["请写明文件名称"], correction_due=D(2025, 10, 24))
    letters_of(case, list(case.events.all()))  # creates the stored template from the default
    template = LetterTemplate.objects.get(kind="correction_notice")
    edit_template(people["admin"], template.pk, title="补正通知书",
                  body="{applicant_name}：\n请于{correction_due}前补正：{correction_items}\n{unknown} 保留")
    text = text_of(render_letter(case, 2, D(2025, 10, 9))[1])
    assert "补正通知书" in text and "林国娟：" in text and "2025年10月24日" in text
    assert "{unknown} 保留" in text
    with pytest.raises(Forbidden):
        edit_template(people["clerk"], template.pk, title="x", body="y")
