"""Identity numbers and telephone numbers that applicants type, checked before they are stored.

Pure functions (no Django): each returns the number in a canonical form and an empty message,
or what was typed and a message in Chinese that says what is wrong, to be shown beside the field.

居民身份证号码 (GB 11643-1999): 6 digits of the address code (the first two: the province),
8 digits of the birth date (YYYYMMDD), 3 of the sequence, and a check digit computed over the
first 17 with ISO 7064 MOD 11-2 (0–9 or X). 港澳台居民居住证 numbers have the same structure
(address codes 81, 82, 83). Other documents (passports, 港澳居民来往内地通行证 …) are only checked
for length and characters; a 统一社会信用代码 for its 18 characters of GB 32100's alphabet.

Telephone: a mainland mobile number (1[3-9] and 9 digits, +86 allowed in front), a fixed line
with its area code (010 and 02x have three digits, every other area code four; the local number
7 or 8 digits; an extension after "-" or "转"), or a number abroad starting with "+".
Spaces, hyphens, full-width digits and brackets around the area code are tolerated.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

RESIDENT_ID = "居民身份证"
RESIDENCE_PERMIT = "港澳台居民居住证"
CREDIT_CODE = "统一社会信用代码"
ID_TYPES = (
    RESIDENT_ID,
    "港澳居民来往内地通行证",
    "台湾居民来往大陆通行证",
    RESIDENCE_PERMIT,
    "外国人永久居留身份证",
    "护照",
    CREDIT_CODE,
    "其他证件",
)
# numbers built like the resident identity card's, checked in full
CHECKSUMMED = frozenset({RESIDENT_ID, RESIDENCE_PERMIT})

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"  # by the weighted sum modulo 11
# first two digits of the address code (GB/T 2260): the provinces, autonomous regions and
# municipalities, Taiwan, Hong Kong and Macao (83: residence permits of Taiwan residents)
PROVINCES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"}
    | {"41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64"}
    | {"65", "71", "81", "82", "83"}
)
FIRST_BIRTH = date(1900, 1, 1)

_CREDIT_ALPHABET = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")
_OTHER_DOCUMENT = re.compile(r"[A-Z0-9()\-]{5,30}")


def _compact(text: str) -> str:
    """Full-width digits and letters to ASCII, white space removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def check_char(first17: str) -> str:
    """The check character of the 17 digits ``first17`` (ISO 7064 MOD 11-2)."""
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def resident_id_problem(text: str, today: date, kind: str = RESIDENT_ID) -> tuple[str, str]:
    """(the number in upper case, "") or (the number, what is wrong with it)."""
    number = _compact(text).upper()
    what = f"{kind}号码"
    if len(number) == 15 and number.isdigit() and kind == RESIDENT_ID:
        return number, f"请填写18位的{what}（15位的第一代居民身份证已停止使用）。"
    if len(number) != 18:
        return number, (f"{what}应为18位（17位数字加1位校验码），您填写了{len(number)}位，请核对。")
    if not (number[:17].isascii() and number[:17].isdigit()) or number[17] not in "0123456789X":
        return number, f"{what}的前17位应为数字，最后一位为数字或字母X，请核对。"
    province = number[:2]
    if province not in PROVINCES:
        return number, f"{what}的前两位“{province}”不是有效的省级行政区划代码，请核对。"
    birth = number[6:14]
    try:
        born = date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
    except ValueError:
        return number, f"{what}第7至14位的出生日期“{birth}”不是有效的日期，请核对。"
    if born < FIRST_BIRTH or born > today:
        return number, f"{what}第7至14位的出生日期“{birth}”不在合理范围内，请核对。"
    if check_char(number[:17]) != number[17]:
        return number, f"{what}的校验位（最后一位）与前17位不符，可能有数字填错，请核对。"
    return number, ""


def document_number_problem(id_type: str, text: str, today: date) -> tuple[str, str]:
    """Check ``text`` as a number of the document ``id_type``."""
    if id_type in CHECKSUMMED:
        return resident_id_problem(text, today, id_type)
    number = _compact(text).upper()
    if id_type == CREDIT_CODE:
        if not _CREDIT_ALPHABET.fullmatch(number):
            return number, (
                f"统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V），"
                f"您填写了{len(number)}位，请核对。"
            )
        return number, ""
    if not _OTHER_DOCUMENT.fullmatch(number):
        return number, "证件号码应为5至30位字母、数字（可含括号或连字符），请核对。"
    return number, ""


PHONE_MESSAGE = (
    "请填写有效的联系电话：手机号码为11位（如13912345678）；固定电话须带区号"
    "（如0533-7212036，分机号用“-”隔开）；境外号码以“+”和国家或地区代码开头。"
)
_MOBILE = re.compile(r"(?:\+86|0086)?(1[3-9][0-9]{9})")
_ABROAD = re.compile(r"(?:\+|00)([1-9][0-9]{6,14})")


def phone_problem(text: str) -> tuple[str, str]:
    """(the number in a canonical form, "") or (what was typed, the message)."""
    typed = _compact(text)
    compact = re.sub(r"(转|分机)", "-", typed)
    compact = re.sub(r"^\((0[0-9]{2,3})\)-?", r"\1-", compact)  # (0533)7212036
    digits = compact.replace("-", "")
    mobile = _MOBILE.fullmatch(digits)
    if mobile:
        return mobile.group(1), ""
    abroad = _ABROAD.fullmatch(digits)
    if abroad and not abroad.group(1).startswith("86"):
        return "+" + abroad.group(1), ""
    return _landline(compact, typed)


def _landline(compact: str, typed: str) -> tuple[str, str]:
    for prefix in ("+86", "0086"):
        if compact.startswith(prefix):  # +86 533 7212036: the area code without its 0
            compact = "0" + compact[len(prefix) :].lstrip("-")
    tokens = [t for t in compact.split("-") if t]
    if not tokens or not all(t.isascii() and t.isdigit() for t in tokens):
        return typed, PHONE_MESSAGE
    head = tokens[0]
    size = 3 if head[:2] in ("01", "02") else 4  # 010 and 02x have three digits
    if not head.startswith("0") or len(head) < size:
        return typed, PHONE_MESSAGE
    area, rest = head[:size], [head[size:], *tokens[1:]] if len(head) > size else tokens[1:]
    local = ""
    while rest and len(local) < 7:  # 010-6512-3456: the local number in two groups
        local += rest.pop(0)
    if len(local) not in (7, 8) or local[0] in "01" or len(rest) > 1:
        return typed, PHONE_MESSAGE  # a local number never starts with 0 or 1
    if rest and not 1 <= len(rest[0]) <= 6:
        return typed, PHONE_MESSAGE
    return "-".join([area, local, *rest]), ""
