"""The periods of the procedure as data, each with the provision that sets it.

The transition function, the deadline derivation, the letters and the web app read these; no
number of days is written anywhere else. Sources and confidence: docs/law.md (#correction to
#fees, #counting-days, and #remedies) (verified 2026-12-06 against the statute texts: 行政复议法 as
revised in 2023, in force 2024-01-01, arts. 20 and 23; 行政诉讼法 arts. 45 and 46).

The remedy rule lives here too (:class:`Remedy`, :func:`remedy`): which periods a letter states,
and that a refusal to disclose goes to administrative review first (复议前置). The letters read it
through :func:`gongkai.procedure.outcomes.remedies`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.procedure.errors import ProcedureError
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

# Remedies (docs/law.md#remedies, verified 2026-12-06).
REVIEW = Period(60, "calendar_day", "申请行政复议的期限", f"{REVIEW_LAW}第二十条第一款")
LITIGATION = Period(6, "month", "提起行政诉讼的期限", f"{LITIGATION_LAW}第四十六条第一款")
LITIGATION_AFTER_REVIEW = Period(
    15, "calendar_day", "复议后提起行政诉讼的期限", f"{LITIGATION_LAW}第四十五条"
)
# Since the revised 行政复议法 (in force 2024-01-01), an applicant refused disclosure ("申请政府
# 信息公开，行政机关不予公开") must first apply for administrative review before suing (复议前置),
# art. 23 para. 1 item (四); para. 2 obliges the agency to say so when it decides.
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


@dataclass(frozen=True)
class Remedy:
    """What a decision letter tells the applicant about review and suit (docs/law.md#remedies)."""

    review_first: bool  # a refusal to disclose decided from 2024-01-01: review before suit
    review: Period = REVIEW
    litigation: Period | None = LITIGATION  # a direct suit; None when review comes first
    after_review: Period = LITIGATION_AFTER_REVIEW

    def text(self, review_body: str) -> str:
        """The remedy paragraph, naming the review body (复议机关)."""
        if not review_body.strip():
            raise ProcedureError("告知救济途径须写明行政复议机关", rule="REMEDY-REVIEW-BODY")
        body = review_body.strip()
        if self.review_first:
            return (
                f"申请人对本答复不服的，依照{REVIEW_FIRST_ARTICLE}的规定，应当先申请行政复议：自收到"
                f"本答复之日起{self.review.text}内向{body}申请行政复议（{self.review.article}）。"
                f"对行政复议决定不服的，可以自收到行政复议决定书之日起{self.after_review.text}内"
                f"依法向人民法院提起行政诉讼；{body}逾期不作决定的，可以自复议期满之日起"
                f"{self.after_review.text}内依法向人民法院提起行政诉讼（{self.after_review.article}）。"
                "未经行政复议，不能直接向人民法院提起行政诉讼。"
            )
        suit = self.litigation or LITIGATION
        return (
            f"申请人对本答复不服的，可以自收到本答复之日起{self.review.text}内向{body}申请"
            f"行政复议（{self.review.article}），也可以自收到本答复之日起{suit.text}内依法向"
            f"人民法院提起行政诉讼（{suit.article}）。"
        )


def remedy(refuses_disclosure: bool, decided_on: date) -> Remedy:
    """The remedies of a decision made on ``decided_on``: review first when it refuses disclosure,
    wholly or partly, and was made under the revised 行政复议法 (from 2024-01-01)."""
    if refuses_disclosure and decided_on >= REVIEW_FIRST_FROM:
        return Remedy(review_first=True, litigation=None)
    return Remedy(review_first=False)
