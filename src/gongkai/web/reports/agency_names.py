"""Whether the agency named in an imported report is the importing agency.

Names are compared after folding full-width forms to half-width (NFKC), dropping whitespace
and the punctuation a name may be typed with, and writing 人民政府 as 政府 (区政府办公室 is the
usual short form of 区人民政府办公室). The file's name matches when it equals the agency's name
or ends with it: a report may put the higher levels in front (淄博市临淄区民政局 for
临淄区民政局). A name that merely contains the agency's name does not match: 临淄区人民政府办公室
contains 临淄区人民政府 and is another agency. A shorter name in the file (民政局 for
临淄区民政局) does not match either: it may be any county's bureau.
"""

from __future__ import annotations

import re
import unicodedata

_DROPPED = re.compile(r"[\s·•\-—–_()（）\[\]【】「」“”\"'、，,。.:：]+")


def normalise(name: str) -> str:
    text = unicodedata.normalize("NFKC", name or "")
    text = _DROPPED.sub("", text)
    return text.replace("人民政府", "政府")


def names_match(in_file: str | None, agency: str) -> bool:
    found, own = normalise(in_file or ""), normalise(agency)
    return bool(found) and bool(own) and found.endswith(own)
