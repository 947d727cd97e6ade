"""Agency names as comparable keys: full-width forms folded, spaces and punctuation dropped,
Traditional characters read as Simplified. Names are never keys of a unit; they only find it."""

from __future__ import annotations

import re
from functools import lru_cache

from gongkai.report.normalize import fold, simplified

__all__ = ["name_key", "without_region_prefix"]

_DROP = re.compile(r"[\s\u3000·•.,，。、;；:：()（）\[\]【】<>《》“”\"'‘’_\-—–]+")
# higher-level places a report may put before the unit's own name: 山东省淄博市临淄区民政局
_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{1,7}?(?:省|自治区|特别行政区|市|自治州|地区|盟))")


@lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    """The comparable form of a name: "临淄区 民政局（本级）" and "临淄区民政局(本级)" are one."""
    return simplified(_DROP.sub("", fold(name)))


def without_region_prefix(key: str) -> list[str]:
    """The key with one, then two, leading higher-level place names removed (province, city):
    "淄博市临淄区民政局" → ["临淄区民政局"]. Used only when the whole name matches nothing."""
    out: list[str] = []
    rest = key
    for _ in range(2):
        match = _PREFIX.match(rest)
        if not match or len(rest) - match.end() < 3:
            break
        rest = rest[match.end() :]
        out.append(rest)
    return out
