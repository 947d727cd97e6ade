"""The building blocks of the API's request schemas: texts without control characters, dates
given as ISO text, choices as enums. Everything the forms would refuse for its shape is in the
schema (an enum, a length, a pattern), so that a request valid by the schema is one the API
takes, unless the case's state or a date window refuses it (409 and 400, documented)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from gongkai.procedure.fees import FEE_METHODS
from gongkai.procedure.outcomes import REPLY_OUTCOMES, WITHHELD_OUTCOMES
from gongkai.procedure.receipt import CHANNELS
from gongkai.procedure.state import Phase
from gongkai.report.spec import OUTCOME_KEYS
from gongkai.web.applications.models import APPLICANT_TYPE_CHOICES
from gongkai.web.bounds import FIRST_DAY

# what textcheck.CONTROL refuses (tab, line feed and carriage return are allowed)
_CONTROL = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff"
TEXT = rf"^[^{_CONTROL}]*$"
# a text that is more than blanks (the forms strip blanks, then require something)
FILLED = rf"^[^{_CONTROL}]*[^\s{_CONTROL}][^{_CONTROL}]*$"
# what django's EmailValidator takes, narrowed to the common form
EMAIL = (
    r"^([A-Za-z0-9_%+-]+(\.[A-Za-z0-9_%+-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})?$"
)
WINDOW = f"不早于{FIRST_DAY.isoformat()}，不晚于今天"


def _iso_text(value: Any) -> Any:
    """A date comes as ISO text in JSON: a number or a boolean is not one (pydantic would
    read 0 as 1970-01-01)."""
    if isinstance(value, str | date):
        return value
    raise ValueError("日期格式应为 ISO 8601 文本，如 2025-10-09")


def text(max_length: int, *, required: bool = False, description: str = "") -> Any:
    """A text field: ``required`` ones must hold more than blanks."""
    return Field(
        ... if required else "",
        max_length=max_length,
        min_length=1 if required else 0,
        pattern=FILLED if required else TEXT,
        description=description or None,
    )


Day = Annotated[date, BeforeValidator(_iso_text)]
Moment = Annotated[datetime, BeforeValidator(_iso_text)]

# choices as enums in the schema; mypy cannot see a Literal built from a tuple: str for it
if TYPE_CHECKING:
    Channel = str
    ApplicantType = str
    FormWanted = str
    Delivery = str
    PhaseFilter = str
    OutcomeFilter = str
    ReplyOutcome = str
    WithheldGround = str
    FeeMethod = str
    Which = str
else:
    Channel = Literal[CHANNELS]
    ApplicantType = Literal[tuple(k for k, _ in APPLICANT_TYPE_CHOICES)]
    FormWanted = Literal["paper", "electronic", "inspection"]
    Delivery = Literal["post", "email", "pickup"]
    PhaseFilter = Literal[("", "open", *(p.value for p in Phase))]
    OutcomeFilter = Literal[("", *OUTCOME_KEYS)]
    ReplyOutcome = Literal[REPLY_OUTCOMES]
    WithheldGround = Literal[WITHHELD_OUTCOMES]
    FeeMethod = Literal[FEE_METHODS]
    Which = Literal["overdue", "soon"]
