"""A plain report text (whole rows on one line) from a canonical document, with a few defects
that the reader must notice. Used by rule tests that need the reader's own findings."""

from __future__ import annotations

from typing import Any

from gongkai.report.spec import FORMATS, SECTIONS


def _cells(value: Any) -> list[str]:
    values = list(value.values()) if isinstance(value, dict) else [value]
    return ["" if v is None else str(v) for v in values]


def build_text(
    doc: dict[str, Any],
    *,
    row_label: str | None = None,
    glued: str | None = None,
    extra: str | None = None,
    subtotal: bool = False,
    duplicate: bool = False,
    mixed: bool = False,
    retitle: bool = False,
) -> str:
    spec = FORMATS[doc["format"]]
    year, agency = doc["year"], doc["agency"]
    lines = [
        f"{agency}{year}年政府信息公开工作年度报告",
        f"本年度报告中所列数据的统计期限自{year}年1月1日起，至{year}年12月31日止。"
        f"如对报告内容有疑问，请与{agency}联系（地址：{doc['contact']['address']}；邮编：{doc['contact']['postcode']}；"
        f"电话：{doc['contact']['phone']}；电子邮箱：{doc['contact']['email']}）。",
    ]
    for section in SECTIONS:
        title = section.title
        if retitle and section.key == "proactive_section":
            title = "二、行政机关主动公开政府信息情况"  # a variant seen in 2020 reports
        lines.append(title)
        text = doc["sections"].get(section.key)
        if text:
            lines.append(text)
        if section.key == "proactive_section":
            group = None
            for row in spec.proactive.rows:
                if row.group != group:
                    group = row.group
                    lines.append(str(group))
                    headers = [c.label for c in row.columns]
                    if mixed and row.key == "gov_rules":
                        headers = ["本年新制作数量", "本年新公开数量", "对外公开总数量"]
                    lines.append("\t".join(["信息内容", *headers]))
                label = row_label if row_label and row.key == "normative_docs" else row.label
                lines.append("\t".join([label, *_cells(doc["proactive"][row.key])]))
                if extra and row.key == "normative_docs":
                    lines.append(extra)
        if section.key == "applications_section":
            lines.append(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况"
            )
            lines.append("自然人\t法人或其他组织\t总计")
            lines.append("商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他")
            for row in spec.applications.rows:
                cells = _cells(doc["applications"][row.key])
                if glued and row.key == "granted":
                    lines.append(f"{row.display}{glued}")
                    continue
                if subtotal and row.key == "granted":
                    organisations = sum(int(c) for c in cells[1:6])
                    cells = [cells[0], str(organisations), *cells[1:]]
                lines.append(" ".join([row.display, *cells]))
                if duplicate and row.key == "carried_in":
                    lines.append(" ".join([row.display, *(str(int(c) + 1) for c in cells)]))
        if section.key == "disputes_section":
            lines.append("行政复议\t行政诉讼")
            lines.append("结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉")
            values = [c for group in doc["disputes"].values() for c in _cells(group)]
            lines.append(" ".join(values))
    return "\n".join(lines) + "\n"
