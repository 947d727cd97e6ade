"""Which ``{placeholders}`` each kind of letter offers, and the check a template must pass
before it is saved: a name the letter does not fill would be printed as typed, in a letter that
can never be changed once issued, so it is refused with the reason, in Chinese, beside the field.
"""

from __future__ import annotations

from string import Formatter

from gongkai.web.letters.defaults import PLACEHOLDERS

# every letter: the agency, the application, the date, the reasons, the deadline
COMMON = (
    "agency_name",
    "office_name",
    "agency_address",
    "agency_phone",
    "tracking_number",
    "applicant_name",
    "received_on",
    "request_summary",
    "issued_on",
    "reasons",
    "review_body",
    "history",
    "reply_due",
    "due_explanation",
)
BY_KIND: dict[str, tuple[str, ...]] = {
    "correction_notice": ("correction_items", "correction_due"),
    "extension_notice": ("extension_reason", "extension_days", "approver_name"),
    "consultation_third_party": ("consultee", "consultation_due"),
    "consultation_agency": ("consultee", "consultation_due"),
    "fee_notice": ("fee_method", "fee_breakdown", "fee_amount", "payment_due_rule", "legal_basis"),
    "reply": ("legal_basis", "remedies", "attachment_note"),
}
# what a letter of the kind may not leave out (the law requires it in the letter)
REQUIRED: dict[str, tuple[str, ...]] = {
    "correction_notice": ("correction_items",),  # art. 30: every item, in one notice
    "reply": ("remedies",),  # the remedies, with the review body (docs/law.md#remedies)
}
# a letter using these names the review body, which the agency must have set
NEEDS_REVIEW_BODY = frozenset({"remedies", "review_body"})

HINT = "占位符写成 {名称}，可用的名称见右侧列表；如需原样写出花括号，请写成 {{ 或 }}。"


def offered(kind: str) -> dict[str, str]:
    """The placeholders of ``kind`` with their labels, in the order of PLACEHOLDERS."""
    names = set(COMMON) | set(BY_KIND.get(kind, ()))
    return {name: label for name, label in PLACEHOLDERS.items() if name in names}


def used(text: str) -> list[str]:
    """The placeholder names in ``text`` as typed, in order; raises ValueError on a stray brace."""
    names = []
    for _, name, spec, conversion in Formatter().parse(text):
        if name is None:
            continue
        typed = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
        names.append(typed)
    return names


def problems(kind: str, text: str, *, check_required: bool = True) -> list[str]:
    """Why ``text`` cannot be a template of ``kind`` (empty when it can)."""
    try:
        names = used(text)
    except ValueError:
        return [f"花括号不成对。{HINT}"]
    allowed = offered(kind)
    unknown = list(dict.fromkeys(n for n in names if n not in allowed))
    found: list[str] = []
    if unknown:
        shown = "、".join("{" + n + "}" for n in unknown)
        found.append(f"未知的占位符：{shown}，本文书无法填写。{HINT}")
    if check_required:
        missing = [n for n in REQUIRED.get(kind, ()) if n not in names]
        if missing:
            shown = "、".join(f"{{{n}}}（{PLACEHOLDERS[n]}）" for n in missing)
            found.append(f"本文书必须包含{shown}。")
    return found
