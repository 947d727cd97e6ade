"""The register services: every rule refused with a message on its field, and who may write."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.web.errors import Forbidden, InvalidInput, NotFound
from gongkai.web.registers import selectors
from gongkai.web.registers.models import (
    CatalogueEntry,
    Decision,
    Dispute,
    FeeIncome,
    OtherMatter,
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

DOC = {
    "kind": "normative_docs",
    "number": "临民发〔2025〕3号",
    "title": "临淄区临时救助实施细则",
    "issued_on": date(2025, 3, 1),
}
REVIEWED = {"reviewer": "王建国", "reviewed_on": date(2025, 3, 5), "review_conclusion": "release"}


def refused(call, *args, **kwargs) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        call(*args, **kwargs)
    return caught.value.fields


# ---------------------------------------------------------------- documents


def test_document_is_created_in_the_clerks_agency(people, tree):
    doc = documents.create_document(people["clerk"], {**DOC, "number": " 临民发〔2025〕3号 "})
    assert doc.agency == tree["civil"] and doc.number == "临民发〔2025〕3号"


def test_document_dates_and_required_fields(people):
    clerk = people["clerk"]
    fields = refused(
        documents.create_document,
        clerk,
        {**DOC, "repealed_on": date(2025, 2, 1), "expires_on": date(2024, 1, 1)},
    )
    assert fields == {
        "repealed_on": "废止日期不能早于印发日期",
        "expires_on": "有效期届满日期不能早于印发日期",
    }
    fields = refused(documents.create_document, clerk, {"kind": "law", "issued_on": "2025-13-01"})
    assert fields == {
        "kind": "类别“law”不是可选项",
        "title": "请填写标题",
        "issued_on": "印发日期不是有效的日期",
    }
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert refused(documents.create_document, clerk, {**DOC, "issued_on": tomorrow}) == {
        "issued_on": "印发日期不能晚于今天"
    }
    # a repeal or the end of a fixed term may lie ahead
    documents.create_document(clerk, {**DOC, "expires_on": tomorrow + timedelta(days=900)})


def test_document_number_is_registered_once_per_agency(people):
    first = documents.create_document(people["clerk"], DOC)
    assert refused(documents.create_document, people["clerk"], DOC) == {
        "number": "文号“临民发〔2025〕3号”已经登记"
    }
    documents.create_document(people["tez_clerk"], DOC)  # another agency's own numbering
    documents.update_document(people["clerk"], first.pk, {**DOC, "title": "新标题"})
    assert RegisteredDocument.objects.get(pk=first.pk).title == "新标题"


def test_who_may_write(people):
    for name in ("supervisor", "admin"):
        with pytest.raises(Forbidden):
            documents.create_document(people[name], DOC)
    doc = documents.create_document(people["clerk"], DOC)
    documents.update_document(people["approver"], doc.pk, {**DOC, "note": "审批人可以修改"})
    with pytest.raises(Forbidden):
        documents.update_document(people["supervisor"], doc.pk, DOC)
    with pytest.raises(NotFound):
        documents.update_document(people["tez_clerk"], doc.pk, DOC)
    with pytest.raises(NotFound):
        documents.delete_document(people["town_clerk"], doc.pk)
    with pytest.raises(NotFound):
        documents.delete_document(people["tez_supervisor"], doc.pk)
    documents.delete_document(people["clerk"], doc.pk)
    assert not RegisteredDocument.objects.exists()


def test_who_may_read(people):
    doc = documents.create_document(people["clerk"], DOC)
    town = documents.create_document(people["town_clerk"], DOC)
    tez = documents.create_document(people["tez_clerk"], DOC)

    def seen(actor):
        return set(
            selectors.readable(people[actor], RegisteredDocument).values_list("pk", flat=True)
        )

    assert seen("clerk") == {doc.pk}
    assert seen("supervisor") == {doc.pk, town.pk}
    assert seen("tez_supervisor") == {tez.pk}
    assert seen("admin") == {doc.pk, town.pk, tez.pk}
    assert selectors.record_for_read(people["supervisor"], RegisteredDocument, town.pk) == town


def test_document_list_by_year_and_status(people):
    clerk = people["clerk"]
    documents.create_document(
        clerk, {**DOC, "number": "1", "issued_on": date(2019, 5, 6), "expires_on": date(2024, 5, 5)}
    )
    documents.create_document(
        clerk,
        {**DOC, "number": "2", "issued_on": date(2020, 5, 6), "repealed_on": date(2025, 1, 10)},
    )
    documents.create_document(clerk, {**DOC, "number": "3", "issued_on": date(2025, 5, 6)})
    today = date(2025, 12, 1)

    def numbers(**filters):
        return sorted(d.number for d in selectors.documents(clerk, today=today, **filters))

    assert numbers(year=2024) == ["1", "2"]
    assert numbers(year=2025) == ["2", "3"]
    assert numbers(status="in_force") == ["3"]
    assert numbers(status="repealed") == ["2"]
    assert numbers(status="expired") == ["1"]


# ---------------------------------------------------------------- decisions


def test_decision_entry_and_its_rules(people):
    clerk = people["clerk"]
    entry = decisions.create_entry(
        clerk,
        {"kind": "licensing", "decided_on": date(2025, 3, 4), "reference": "临民许〔2025〕1号"},
    )
    assert (entry.year, entry.count, entry.source) == (2025, 1, "entry")
    assert refused(decisions.create_entry, clerk, {"kind": "licensing", "count": 0}) == {
        "decided_on": "请填写决定日期",
        "count": "件数应为不小于1的整数",
        "reference": "决定书文号和事项或当事人至少填写一项",
    }
    assert refused(
        decisions.create_entry,
        clerk,
        {"kind": "penalty", "decided_on": date(2025, 5, 1), "reference": "临民许〔2025〕1号"},
    ) == {"reference": "决定书文号“临民许〔2025〕1号”已经登记"}


def test_a_year_is_recorded_as_a_total_or_entry_by_entry_never_both(people):
    clerk = people["clerk"]
    total = decisions.create_total(clerk, {"kind": "licensing", "year": 2024, "count": 57})
    assert (total.decided_on, total.count, total.source) == (None, 57, "total")
    assert refused(
        decisions.create_total, clerk, {"kind": "licensing", "year": 2024, "count": 3}
    ) == {"year": "2024年行政许可已有年度合计，请修改那一条"}
    assert refused(
        decisions.create_entry,
        clerk,
        {"kind": "licensing", "decided_on": date(2024, 6, 3), "subject": "某登记"},
    ) == {"kind": "2024年行政许可已按年度合计登记，不能再逐件登记；如需逐件登记，请先删除年度合计"}
    decisions.create_entry(
        clerk, {"kind": "penalty", "decided_on": date(2024, 6, 3), "subject": "某处罚"}
    )
    assert refused(
        decisions.create_total, clerk, {"kind": "penalty", "year": 2024, "count": 3}
    ) == {"year": "2024年行政处罚已逐件登记或导入了决定，不能再登记年度合计（否则会重复统计）"}
    assert refused(decisions.create_total, clerk, {"kind": "penalty", "year": 2007}) == {
        "year": "年度应为不小于2008的整数",
        "count": "请填写件数",
    }
    next_year = timezone.localdate().year + 1
    assert refused(
        decisions.create_total, clerk, {"kind": "coercion", "year": next_year, "count": 1}
    ) == {"year": "年度不能晚于今年"}
    # a total stays a total when changed
    decisions.update_decision(clerk, total.pk, {"kind": "licensing", "year": 2024, "count": 60})
    assert Decision.objects.get(pk=total.pk).count == 60


# ---------------------------------------------------------------- fees and other matters


def test_fee_income_amount_in_wan_yuan(people):
    clerk = people["clerk"]
    fee = fees.create_fee_income(
        clerk, {"year": 2025, "item": "城镇垃圾处理费", "amount": "12.3456"}
    )
    assert str(fee.amount) == "12.3456"
    assert refused(
        fees.create_fee_income, clerk, {"year": 2025, "item": "城镇垃圾处理费", "amount": "1.23456"}
    ) == {
        "amount": "收费金额（万元）最多保留4位小数",
        "item": "2025年已登记收费项目“城镇垃圾处理费”，请修改那一条",
    }
    assert refused(fees.create_fee_income, clerk, {"year": 2025, "item": "x", "amount": "-1"}) == {
        "amount": "收费金额（万元）应为不小于0的数"
    }
    assert refused(fees.create_fee_income, clerk, {"year": 2025, "item": "x", "amount": "abc"}) == {
        "amount": "请填写收费金额（万元）（数字）"
    }
    fees.create_fee_income(clerk, {"year": 2024, "item": "城镇垃圾处理费", "amount": 0})
    assert FeeIncome.objects.count() == 2


def test_other_matter(people):
    matter = matters.create_matter(
        people["clerk"],
        {"kind": "training", "on": date(2025, 6, 3), "title": "政府信息公开业务培训", "count": 45},
    )
    assert matter.count == 45
    assert refused(matters.create_matter, people["clerk"], {"kind": "party", "title": ""}) == {
        "kind": "类别“party”不是可选项",
        "on": "请填写日期",
        "title": "请填写事项",
    }
    matters.delete_matter(people["clerk"], matter.pk)
    assert not OtherMatter.objects.exists()


# ---------------------------------------------------------------- catalogue


def entry(**extra):
    return {
        "index_no": "11370305MB/2025-00001",
        "title": "关于公布2025年第1批救助对象的通知",
        "created_on": date(2025, 3, 3),
        **extra,
    }


def test_catalogue_publication_needs_a_review_first(people):
    clerk = people["clerk"]
    catalogue.create_entry(clerk, entry())  # not yet published: no review needed
    assert refused(
        catalogue.create_entry, clerk, entry(index_no="2", published_on=date(2025, 3, 6))
    ) == {"published_on": "公开前须经保密审查（条例第十七条）：请先登记审查人、审查日期和审查结论"}
    assert refused(
        catalogue.create_entry,
        clerk,
        entry(index_no="2", published_on=date(2025, 3, 4), **REVIEWED),
    ) == {"reviewed_on": "审查日期不能晚于公开日期：须先审查，后公开"}
    assert refused(
        catalogue.create_entry,
        clerk,
        entry(
            index_no="2",
            published_on=date(2025, 3, 6),
            **{**REVIEWED, "review_conclusion": "withhold"},
        ),
    ) == {"review_conclusion": "审查结论为不予公开的，不能公开"}
    assert refused(catalogue.create_entry, clerk, entry(index_no="2", reviewer="王建国")) == {
        "reviewed_on": "保密审查须写明审查人、审查日期和审查结论",
        "review_conclusion": "保密审查须写明审查人、审查日期和审查结论",
    }
    assert refused(
        catalogue.create_entry,
        clerk,
        entry(index_no="2", published_on=date(2025, 3, 1), **REVIEWED),
    ) == {"published_on": "公开日期不能早于生成或变更日期"}
    published = catalogue.create_entry(
        clerk, entry(index_no="2", published_on=date(2025, 3, 5), **REVIEWED)
    )
    assert published.published_on == date(2025, 3, 5)


def test_catalogue_index_number_is_unique_per_agency(people):
    first = catalogue.create_entry(people["clerk"], entry())
    assert refused(catalogue.create_entry, people["clerk"], entry()) == {
        "index_no": "索引号“11370305MB/2025-00001”已经使用"
    }
    catalogue.create_entry(people["tez_clerk"], entry())
    catalogue.update_entry(people["clerk"], first.pk, entry(title="新标题"))
    assert CatalogueEntry.objects.get(pk=first.pk).title == "新标题"


# ---------------------------------------------------------------- disputes


def review(**extra):
    return {
        "path": "review",
        "case_number": "临政复〔2025〕3号",
        "body": "临淄区人民政府",
        "filed_on": date(2025, 11, 20),
        **extra,
    }


def test_dispute_names_an_application_of_its_own_agency(people, case, make_case):
    clerk = people["clerk"]
    d = disputes.create_dispute(clerk, review(application_number=case.tracking_number.lower()))
    assert d.application == case and d.claimant == "林国娟"
    assert list(case.disputes.all()) == [d]
    other = make_case(date(2025, 9, 30), actor="tez_clerk")
    assert refused(
        disputes.create_dispute, clerk, review(application_number=other.tracking_number)
    ) == {"application_number": f"本机关没有申请编号为“{other.tracking_number}”的申请"}
    assert refused(
        disputes.create_dispute,
        clerk,
        review(application_number=case.tracking_number, filed_on=date(2025, 9, 1)),
    ) == {"filed_on": "立案（受理）日期不能早于所涉申请的收到日期（2025-09-30）"}


def test_dispute_outcome_and_conclusion_go_together(people):
    clerk = people["clerk"]
    assert refused(disputes.create_dispute, clerk, review(outcome="upheld")) == {
        "concluded_on": "有结果的，请填写审结日期；尚未审结的，结果留空"
    }
    assert refused(disputes.create_dispute, clerk, review(concluded_on=date(2025, 11, 21))) == {
        "outcome": "已审结的，请选择结果"
    }
    assert refused(
        disputes.create_dispute, clerk, review(outcome="upheld", concluded_on=date(2025, 11, 1))
    ) == {"concluded_on": "审结日期不能早于立案（受理）日期"}
    assert refused(disputes.create_dispute, clerk, review(outcome="won")) == {
        "outcome": "结果“won”不是可选项"
    }
    pending = disputes.create_dispute(clerk, review())
    assert pending.outcome == "" and pending.concluded_on is None


def test_a_suit_after_review_follows_a_review_of_the_same_agency(people):
    clerk = people["clerk"]
    first = disputes.create_dispute(
        clerk, review(outcome="upheld", concluded_on=date(2025, 11, 21))
    )
    suit = {
        "path": "lit_after_review",
        "case_number": "（2025）鲁0305行初9号",
        "filed_on": date(2025, 11, 21),
    }
    linked = disputes.create_dispute(clerk, {**suit, "follows": first.pk})
    assert linked.follows == first
    direct = disputes.create_dispute(clerk, {**suit, "path": "lit_direct"})
    theirs = disputes.create_dispute(people["tez_clerk"], review())
    for follows in (direct.pk, theirs.pk, 999999, "x"):
        assert refused(disputes.create_dispute, clerk, {**suit, "follows": follows}) == {
            "follows": "前置复议案件须是本机关登记的行政复议案件"
        }
    assert refused(
        disputes.create_dispute, clerk, {**suit, "path": "lit_direct", "follows": first.pk}
    ) == {"follows": "只有复议后起诉的案件才有前置复议案件"}
    assert refused(
        disputes.create_dispute,
        clerk,
        {**suit, "follows": first.pk, "filed_on": date(2025, 11, 19)},
    ) == {"filed_on": "复议后起诉的立案日期不能早于前置复议案件的受理日期（2025-11-20）"}
    assert refused(
        disputes.update_dispute,
        clerk,
        first.pk,
        review(path="lit_direct", outcome="upheld", concluded_on=date(2025, 11, 21)),
    ) == {"path": "已有复议后起诉的案件以此为前置复议案件，不能改为其他类别"}
    with pytest.raises(InvalidInput, match="请先修改或删除那些案件"):
        disputes.delete_dispute(clerk, first.pk)
    disputes.delete_dispute(clerk, linked.pk)
    disputes.delete_dispute(clerk, first.pk)
    assert Dispute.objects.filter(agency__name="临淄区民政局").count() == 1


def test_dispute_list_by_year_counts_what_table_four_counts(people):
    clerk = people["clerk"]
    carried = disputes.create_dispute(
        clerk, review(filed_on=date(2024, 12, 10), outcome="upheld", concluded_on=date(2025, 2, 6))
    )
    pending = disputes.create_dispute(clerk, review(filed_on=date(2024, 6, 3)))
    old = disputes.create_dispute(
        clerk, review(filed_on=date(2024, 3, 1), outcome="corrected", concluded_on=date(2024, 5, 6))
    )

    def listed(**filters):
        return {d.pk for d in selectors.disputes(clerk, **filters)}

    assert listed(year=2024) == {carried.pk, pending.pk, old.pk}
    assert listed(year=2025) == {carried.pk, pending.pk}
    assert listed(state="pending") == {pending.pk}
    assert listed(path="lit_direct") == set()
