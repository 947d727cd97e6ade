"""Who, when and how to reach: title, agency, year, statistical period, contact, signing date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .model import Contact, Period
from .normalize import fold

_CN_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_TITLE = re.compile(
    r"^(?P<agency>.*?)\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*(?:的)?(?:政府)?信息公开.*?年度?报告"
)
_PERIOD = re.compile(
    r"统计(?:期限|时限|时间|区间|周期|范围)[^。]*?" + _CN_DATE + r"[^。\d]*?" + _CN_DATE
)
_YEAR_WORD = re.compile(r"((?:19|20)\d{2})\s*年度?")
_ADDRESS = re.compile(r"(?:通讯|办公|联系)?地址\s*[:：]\s*([^；;）)\n，,。]+)")
_POSTCODE = re.compile(r"(?:邮编|邮政编码)\s*[:：]?\s*(\d{6})")
_PHONE = re.compile(r"(?:联系|咨询)?电话(?:号码)?\s*[:：]\s*([0-9（）()\-－—\s]{7,24}[0-9])")
_EMAIL = re.compile(  # bounded, and starting only where a name starts: linear on long runs
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}"
)
_CONTACT_AGENCY = re.compile(r"请与(?P<agency>[^，。,（(]{2,40}?)联系")
_PUBLISH_AGENCY = re.compile(
    r"(?:现向社会公布|现予公布|特此公布)(?P<agency>[^，。,]{2,40}?)\d{4}\s*年"
)
_SPACE_IN_ADDRESS = re.compile(r"(?<=[\u3400-\u9fff0-9])\s+(?=[\u3400-\u9fff0-9])")
_DATE_LINE = re.compile(r"^\s*" + _CN_DATE + r"\s*$")
_AGENCY_SUFFIX = re.compile(
    r"(人民政府|办公室|办公厅|局|委员会|委|厅|署|中心|办事处|政府|管委会|管理委员会|院|所|站|队|会)$"
)


@dataclass(frozen=True)
class Signature:
    agency: str | None
    signed_on: date | None
    start: int  # index of the first line of the signing block


def find_title(lines: Sequence[str]) -> tuple[str | None, int | None]:
    """The report title among the lines before section 一, joined if broken over lines."""
    for index, line in enumerate(lines):
        text = line.strip()
        if "年度报告" not in text or len(text) > 60:
            continue
        parts = [text]
        before = index - 1
        while before >= 0 and len(parts) < 3:
            prev = lines[before].strip()
            if not prev:
                before -= 1
                continue
            if _is_title_piece(prev) and (
                _needs_head(" ".join(parts))
                # a web page's site name above the title, printed with it, is no agency
                or (_AGENCY_SUFFIX.search(prev) and not prev.endswith("网站"))
            ):
                parts.insert(0, prev)
                before -= 1
                continue
            break
        return "".join(parts), index
    return None, None


def looks_like_agency(text: str) -> bool:
    """A short line that names an agency (a title's first line, a signature's)."""
    return _is_title_piece(text) and bool(_AGENCY_SUFFIX.search(text))


def _is_title_piece(text: str) -> bool:
    return len(text) <= 40 and not any(p in text for p in "。；;：:>›»|")


def _needs_head(title: str) -> bool:
    return not re.search(r"\d{4}\s*年", title) or title.startswith("年度报告")


def agency_from_title(title: str | None) -> tuple[str | None, int | None]:
    if not title:
        return None, None
    match = _TITLE.search(fold(title))
    if not match:
        return None, None
    agency = match.group("agency").strip(" 　:：-—")
    agency = re.sub(r"^关于", "", agency)
    return agency or None, int(match.group("year"))


def find_signature(lines: Sequence[str]) -> Signature | None:
    """The signing block at the end: an agency line and a date line (page numbers skipped)."""
    tail: list[tuple[int, str]] = []  # the last four lines with text, in order
    index = len(lines)
    while index and len(tail) < 4:
        index -= 1
        text = lines[index].strip()
        if text:
            tail.insert(0, (index, text))
    for position, (index, text) in enumerate(tail):
        match = _DATE_LINE.match(fold(text))
        if not match:
            continue
        signed = _date(*match.groups())
        agency = None
        start = index
        if position > 0:
            prev_index, prev = tail[position - 1]
            if _is_title_piece(prev) and _AGENCY_SUFFIX.search(prev):
                agency, start = prev, prev_index
        return Signature(agency, signed, start)
    return None


def find_period(text: str) -> Period | None:
    match = _PERIOD.search(fold(text))
    if not match:
        return None
    start = _date(*match.groups()[:3])
    end = _date(*match.groups()[3:])
    if start is None or end is None:
        return None
    return Period(start, end)


def find_year(text: str) -> int | None:
    match = _YEAR_WORD.search(fold(text))
    return int(match.group(1)) if match else None


_LONG_DIGITS = re.compile(r"\d{33,}")


def find_contact(text: str) -> Contact:
    """Contact details from the sentence that gives them (usually "如对报告内容有疑问…")."""
    # no phone number or postcode is 33 digits long; a longer run (a table's digits run
    # together) is left out, so that the patterns below stay linear on it
    folded = _LONG_DIGITS.sub(" ", fold(text))
    anchor = folded.find("联系")
    window = folded[max(anchor - 40, 0) : anchor + 400] if anchor >= 0 else folded[:2000]

    def first(pattern: re.Pattern[str]) -> str | None:
        match = pattern.search(window) or pattern.search(folded)
        return match.group(1).strip() if match else None

    email = _EMAIL.search(window) or _EMAIL.search(folded)
    address = first(_ADDRESS)
    if address:  # a page's text taken with spaces between its spans: "齐兴路 101 号"
        address = _SPACE_IN_ADDRESS.sub("", address)
    return Contact(
        address=address,
        postcode=first(_POSTCODE),
        phone=first(_PHONE),
        email=email.group(0) if email else None,
    )


def agency_from_text(text: str) -> str | None:
    folded = fold(text)
    for pattern in (_PUBLISH_AGENCY, _CONTACT_AGENCY):
        match = pattern.search(folded)
        if match and _AGENCY_SUFFIX.search(match.group("agency")):
            return match.group("agency").strip()
    return None


def _date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
