"""The periods of the procedure as data, each with the provision that sets it.

The transition function, the deadline derivation, the letters and the web app read these; no
number of days is written anywhere else. Sources and confidence: legal-spec §1.3–§1.5, §1.10,
§4.3 and §7 item 6 (the remedy periods are recalled from the 行政复议法 as revised in 2023 and the
行政诉讼法; they could not be checked against gov.cn offline).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.procedure.workdays import DeadlineUnit

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
REVIEW_LAW = "《中华人民共和国行政复议法》"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》"


@dataclass(frozen=True)
class Period:
    count: int
    unit: DeadlineUnit
    label: str
    article: str
    verified: bool = True  # False: recalled, not checked against the official text

    @property
    def text(self) -> str:
        unit = {"workday": "个工作日", "calendar_day": "日", "month": "个月"}[self.unit]
        return f"{self.count}{unit}"


REPLY = Period(20, "workday", "答复期限", f"{REGULATION}第三十三条第二款")
EXTENSION_MAX = Period(20, "workday", "延长答复期限（最长）", f"{REGULATION}第三十三条第二款")
CORRECTION_NOTICE = Period(7, "workday", "一次性告知补正的期限", f"{REGULATION}第三十条")
CONSULT_THIRD_PARTY = Period(15, "workday", "第三方提出意见的期限", f"{REGULATION}第三十二条")
CONSULT_AGENCY = Period(15, "workday", "被征求意见机关提出意见的期限", f"{REGULATION}第三十四条")
CONSULT_PAUSE_ARTICLE = f"{REGULATION}第三十三条第三款"
FEE_PAYMENT = Period(20, "workday", "缴纳信息处理费的期限", f"{FEE_MEASURES}")
PROACTIVE = Period(20, "workday", "主动公开的期限", f"{REGULATION}第二十六条")

# Remedies (legal-spec §1.14, §7 item 6): recalled, not verified offline.
REVIEW = Period(60, "calendar_day", "申请行政复议的期限", f"{REVIEW_LAW}第二十条第一款", False)
LITIGATION = Period(6, "month", "提起行政诉讼的期限", f"{LITIGATION_LAW}第四十六条第一款", False)
LITIGATION_AFTER_REVIEW = Period(
    15, "calendar_day", "复议后提起行政诉讼的期限", f"{LITIGATION_LAW}第四十五条", False
)
# Since the revised 行政复议法 (in force 2024-01-01), an applicant refused disclosure must first
# apply for administrative review (复议前置), art. 23 para. 1 item (四). Recalled, not verified.
REVIEW_FIRST_ARTICLE = f"{REVIEW_LAW}第二十三条第一款第（四）项"
REVIEW_FIRST_FROM = date(2024, 1, 1)

PERIODS: tuple[Period, ...] = (
    REPLY,
    EXTENSION_MAX,
    CORRECTION_NOTICE,
    CONSULT_THIRD_PARTY,
    CONSULT_AGENCY,
    FEE_PAYMENT,
    PROACTIVE,
    REVIEW,
    LITIGATION,
    LITIGATION_AFTER_REVIEW,
)
