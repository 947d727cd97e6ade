"""One error hierarchy for the procedure core.

Every error carries data for machines (a stable ``rule`` code, the article it rests on) and a
message in Chinese for people. The web layer maps them to form errors and HTTP answers.
"""

from __future__ import annotations


class ProcedureError(Exception):
    """Base of every error the procedure core raises on purpose."""

    rule: str = "PROCEDURE"

    def __init__(
        self, message: str, *, rule: str | None = None, article: str = "", field: str = ""
    ) -> None:
        self.message = message
        self.article = article
        self.field = field  # the input at fault (``reason``, ``signed_on``, …), when one is
        if rule is not None:
            self.rule = rule
        super().__init__(f"{message}（{article}）" if article else message)


class CalendarNotAvailable(ProcedureError):
    """A date in a year for which no holiday arrangement is known: we refuse to guess."""

    rule = "CALENDAR-YEAR-UNKNOWN"

    def __init__(self, year: int, known: tuple[int, int] | None) -> None:
        self.year = year
        self.known = known
        span = f"已知年份为{known[0]}年至{known[1]}年" if known else "尚无任何年份的数据"
        super().__init__(
            f"{year}年的节假日安排尚未录入，无法计算工作日（{span}）。"
            f"请管理员录入国务院办公厅关于{year}年部分节假日安排的通知后再计算。"
        )


class CalendarDataError(ProcedureError):
    """A holiday arrangement entered by hand that contradicts itself."""

    rule = "CALENDAR-DATA"


class ReceiptError(ProcedureError):
    """The receipt date cannot be fixed from what was recorded (art. 31)."""

    rule = "RECEIPT"


class FeeError(ProcedureError):
    """A fee that cannot be assessed as asked (国办函〔2020〕109号)."""

    rule = "FEE"


class TransitionError(ProcedureError):
    """An event that the procedure does not allow in the case's present state."""

    rule = "TRANSITION"

    def __init__(
        self,
        message: str,
        *,
        rule: str,
        article: str = "",
        phase: str = "",
        event: str = "",
        field: str = "",
    ) -> None:
        self.phase = phase
        self.event = event
        super().__init__(message, rule=rule, article=article, field=field)
