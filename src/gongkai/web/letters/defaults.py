"""Default letter texts (宿迁 and 西乡县 templates, docs/law.md#sources, in our own words).

Each line is a paragraph. ``{name}`` placeholders are filled by letters/context.py; PLACEHOLDERS
lists them for the edit page. An administrator's edits live in the database; these are the
texts a fresh installation starts with and "restore default" returns to.
"""

from __future__ import annotations

from gongkai.report.spec import OUTCOME_KEYS

PLACEHOLDERS: dict[str, str] = {
    "agency_name": "本机关名称",
    "office_name": "政府信息公开工作机构",
    "agency_address": "本机关地址",
    "agency_phone": "本机关电话",
    "tracking_number": "申请编号",
    "applicant_name": "申请人姓名或名称",
    "received_on": "收到申请之日",
    "request_summary": "申请获取的政府信息",
    "issued_on": "文书日期",
    "correction_items": "需要补正的事项（一次性列明）",
    "correction_due": "补正期限",
    "extension_reason": "延期理由",
    "extension_days": "延长的工作日数",
    "approver_name": "批准延期的负责人",
    "reply_due": "答复期限（届满日）",
    "due_explanation": "期限的计算过程",
    "consultee": "被征求意见的第三方或机关",
    "consultation_due": "征求意见的答复期限",
    "fee_method": "计收方式",
    "fee_breakdown": "收费计算过程",
    "fee_amount": "应缴金额",
    "payment_due_rule": "缴费期限说明",
    "reasons": "答复理由（办理人填写）",
    "legal_basis": "法律依据",
    "remedies": "救济途径（行政复议、行政诉讼及期限）",
    "review_body": "行政复议机关",
    "history": "办理过程（补正、延期等）",
    "attachment_note": "“（见附件）”：随答复书提供文件时",
}

R = "《中华人民共和国政府信息公开条例》"

CORRECTION = (
    "补正告知书",
    "{applicant_name}：\n"
    "本机关于{received_on}收到您（单位）提出的政府信息公开申请（申请编号：{tracking_number}），"
    "申请获取“{request_summary}”。\n"
    f"经审查，您的申请内容不明确。根据{R}第三十条的规定，请您对下列事项一并作出补正：\n"
    "{correction_items}\n"
    "请您于{correction_due}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。"
    "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。\n"
    "如有疑问，请联系{office_name}，电话：{agency_phone}，地址：{agency_address}。",
)

EXTENSION = (
    "延期答复告知书",
    "{applicant_name}：\n"
    "本机关于{received_on}收到您（单位）提出的政府信息公开申请（申请编号：{tracking_number}），"
    "申请获取“{request_summary}”。\n"
    "因{extension_reason}，本机关不能在法定期限内作出答复。"
    f"经本机关政府信息公开工作机构负责人同意，根据{R}第三十三条第二款的规定，"
    "答复期限延长{extension_days}个工作日，本机关将于{reply_due}前作出答复。\n"
    "特此告知。",
)

CONSULT_THIRD_PARTY = (
    "征求第三方意见函",
    "{consultee}：\n"
    "本机关于{received_on}收到政府信息公开申请（申请编号：{tracking_number}），"
    "申请人申请获取“{request_summary}”。经审查，该信息的公开可能损害你方合法权益。"
    f"根据{R}第三十二条的规定，现书面征求你方意见。\n"
    "请于收到本函之日起15个工作日内（{consultation_due}前）书面提出意见，同意公开或者不同意公开的，"
    "请说明理由。逾期未提出意见的，由本机关依照条例的规定决定是否公开。"
    "第三方不同意公开且有合理理由的，本机关不予公开；"
    "本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的内容和理由书面告知你方。\n"
    "联系人：{office_name}，电话：{agency_phone}。",
)

CONSULT_AGENCY = (
    "征求意见函",
    "{consultee}：\n"
    "本机关于{received_on}收到政府信息公开申请（申请编号：{tracking_number}），"
    "申请人申请获取“{request_summary}”。该信息由本机关与你单位共同制作。"
    f"根据{R}第三十四条的规定，现征求你单位意见。\n"
    "请于收到本函之日起15个工作日内（{consultation_due}前）提出意见；逾期未提出意见的，视为同意公开。\n"
    "联系人：{office_name}，电话：{agency_phone}。",
)

FEE = (
    "收费通知书",
    "{applicant_name}：\n"
    "本机关于{received_on}收到您（单位）提出的政府信息公开申请（申请编号：{tracking_number}），"
    "申请获取“{request_summary}”。\n"
    "因您申请公开政府信息的数量、频次明显超过合理范围，"
    f"根据{R}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，"
    "本机关依法收取信息处理费。\n"
    "计收方式：{fee_method}。计算过程：\n"
    "{fee_breakdown}\n"
    "应缴金额：{fee_amount}。\n"
    "{payment_due_rule}逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。\n"
    "依据：{legal_basis}。",
)

_DECISIONS: dict[str, str] = {
    "granted": "经审查，您申请获取的政府信息属于公开范围，本机关予以公开，现向您提供{attachment_note}。{reasons}",
    "partially_granted": (
        "经审查，您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。"
        "本机关向您提供可以公开的部分{attachment_note}，对不予公开的部分说明理由如下：{reasons}"
    ),
    "withheld_state_secret": "经审查，您申请获取的政府信息属于依法确定的国家秘密，本机关不予公开。{reasons}",
    "withheld_law_barred": "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，本机关不予公开。{reasons}",
    "withheld_security": "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，本机关不予公开。{reasons}",
    "withheld_third_party": (
        "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，"
        "本机关不予公开。{reasons}"
    ),
    "withheld_internal": "经审查，您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息，本机关不予公开。{reasons}",
    "withheld_deliberative": "经审查，您申请获取的政府信息属于讨论记录、过程稿、磋商信函、请示报告等过程性信息，本机关不予公开。{reasons}",
    "withheld_enforcement_file": "经审查，您申请获取的政府信息属于行政执法案卷信息，本机关不予公开。{reasons}",
    "withheld_query_matter": "经审查，您申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的情形，请依照有关法律、行政法规的规定办理。{reasons}",
    "unavailable_not_held": "经检索，本机关未制作或者获取您申请的政府信息，该政府信息不存在（或者不属于本机关负责公开）。{reasons}",
    "unavailable_needs_creation": "经审查，本机关没有您申请的现成信息，提供该信息需要本机关对现有政府信息进行加工、分析，本机关可以不予提供。{reasons}",
    "unavailable_unclear": "本机关已告知您补正申请，但补正后的申请内容仍不明确，本机关无法确定您所申请的政府信息，无法提供。{reasons}",
    "declined_petition": "经审查，您提出的申请实为信访、投诉、举报等诉求，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出。{reasons}",
    "declined_repeat": "经审查，本机关已就您申请公开的政府信息作出答复，您重复申请公开相同政府信息，本机关不予重复处理。{reasons}",
    "declined_publication": "您申请获取的信息为公开出版物，本机关不予处理，您可以通过以下途径获取：{reasons}",
    "declined_excessive": "您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，所说明的理由不合理，本机关不予处理。{reasons}",
    "declined_reissue": "您要求本机关确认或者重新出具您已获取的信息，不属于政府信息公开申请的内容，本机关不予处理。{reasons}",
    "closed_no_correction": "本机关已于补正告知书中告知您补正申请，您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。{reasons}",
    "closed_fee_unpaid": "本机关已向您送达收费通知，您逾期未按要求缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请。{reasons}",
    "closed_other": "您的政府信息公开申请本机关不再处理，理由如下：{reasons}",
}


def reply(outcome: str) -> tuple[str, str]:
    title = "政府信息公开申请答复书"
    if outcome.startswith("closed_"):
        title = "政府信息公开申请终止处理告知书"
    body = (
        "{applicant_name}：\n"
        "本机关于{received_on}收到您（单位）提出的政府信息公开申请（申请编号：{tracking_number}），"
        "申请获取“{request_summary}”。{history}现答复如下：\n"
        f"{_DECISIONS[outcome]}\n"
        "依据：{legal_basis}。\n"
        "{remedies}"
    )
    return title, body


def defaults() -> list[tuple[str, str, str, str]]:
    """(kind, outcome, title, body) for every template."""
    rows = [
        ("correction_notice", "", *CORRECTION),
        ("extension_notice", "", *EXTENSION),
        ("consultation_third_party", "", *CONSULT_THIRD_PARTY),
        ("consultation_agency", "", *CONSULT_AGENCY),
        ("fee_notice", "", *FEE),
    ]
    rows.extend(("reply", key, *reply(key)) for key in OUTCOME_KEYS)
    return rows
