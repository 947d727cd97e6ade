"""Web page chrome: what a site puts around a report, recognised by its shape and its place.

A word alone never makes a line chrome: "全年政府网站访问量达12.6万人次" is a sentence of the
report, "浏览次数：123" is a counter. Two kinds are told apart:

* *chrome anywhere*: a line made only of page tokens with the value their shape requires —
  buttons (打印本页, 关闭窗口, 分享到 微信 微博), the font switch (【字体：大 中 小】), counters
  with a bare number (浏览次数：123), a publication stamp with a date (发布时间：2024-01-20),
  a short source (来源：某某局);
* *chrome at the page's edges*: navigation and footer lines (当前位置：首页 > …, 上一篇：…,
  相关链接, 主办单位：…, 版权所有, ICP备…) are chrome only before the report's title or after
  its signature (or its last sentence), where a page puts them; in the body they are text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import fold

_D = "0-9０-９"
_BUTTON = (
    r"(?:首页|打印本页|打印此页|打印文章|打印正文|打印|关闭窗口|关闭本页|关闭|返回顶部|回到顶部|返回首页"
    r"|收藏本页|加入收藏|收藏|保存本页|我要纠错|纠错|网站地图|全真版|文字版|文件下载|无障碍|长者模式"
    r"|繁体版?|简体版?|分享到\s*[:：]?|分享|微信|微博|QQ空间|QQ好友|QQ|朋友圈|新浪微博|腾讯微博|豆瓣"
    r"|扫一扫在手机(?:上)?打开(?:当前|本|此)页|扫一扫)"
)
_FONT = r"(?:字体|字号)\s*[:：]?\s*[大中小](?:\s*[大中小]){0,2}"
_COUNTER = rf"(?:浏览|访问|点击|阅读)(?:次数|量|数|人次)?\s*[:：]\s*[{_D}]+\s*次?"
DATE = (
    rf"[{_D}]{{4}}\s*[-/.年]\s*[{_D}]{{1,2}}\s*[-/.月]\s*[{_D}]{{1,2}}\s*日?"
    rf"(?:\s*[{_D}]{{1,2}}[:：][{_D}]{{2}}(?:[:：][{_D}]{{2}})?)?"
)
_STAMP = rf"(?:发布|发表|更新|成文|印发)(?:时间|日期)\s*[:：]\s*{DATE}"
_NAME_KEYS = r"(?:信息来源|来源|作者|编辑|责任编辑|发布机构|发布单位)"
_TOKEN_CORE = rf"(?:{_BUTTON}|{_FONT}|{_COUNTER}|{_STAMP})"
# a source's or author's name runs to the next token, a separator, or at most 20 characters
_NAMED = rf"{_NAME_KEYS}\s*[:：]\s*(?:[^\s:：，。；|]{{1,20}}?(?=[\s|｜/·•]|{_TOKEN_CORE}|{_NAME_KEYS}|$))?"
TOKEN = rf"[【\[(（]?\s*(?:{_TOKEN_CORE}|{_NAMED})\s*[】\])）]?"
_SEP = r"[\s|｜/·•,，;；]*"
# a run of chrome tokens, as it stands in a page dump after the title
TOKEN_RUN = re.compile(rf"(?:{_SEP}{TOKEN})+{_SEP}")
_ANYWHERE = re.compile(rf"^{_SEP}(?:{TOKEN}{_SEP})+$")
# navigation and footers: chrome only at the page's edges
EDGE = (
    r"(?:当前位置|您(?:现在)?的?(?:当前)?位置|所在位置)\s*[:：]?|首页\s*[>›»＞]|(?:上一篇|下一篇)"
    r"|相关(?:链接|文章|阅读|新闻|文件|信息|附件|推荐|稿件)|(?:主办|承办|协办|技术支持)(?:单位)?\s*[:：]"
    r"|版权所有|Copyright|©|网站标识码|ICP备|[^\s]{0,12}公网安备|联系我们|网站声明|网站纠错"
)
_EDGE = re.compile(rf"^{_SEP}(?:{TOKEN}{_SEP})*(?:{EDGE})", re.IGNORECASE)
_MAX_CHROME = 120  # a chrome line is short


@lru_cache(maxsize=1 << 14)
def chrome_anywhere(line: str) -> bool:
    """A line made only of page tokens of the shape they take on a page."""
    text = line.strip()
    if not text or len(text) > _MAX_CHROME:
        return False
    return bool(_ANYWHERE.match(fold(text)))


@lru_cache(maxsize=1 << 14)
def chrome_at_edge(line: str) -> bool:
    """A line that is chrome before the title or after the signature: navigation, footers, and
    what is chrome anywhere."""
    text = line.strip()
    if not text or len(text) > _MAX_CHROME:
        return False
    if chrome_anywhere(text):
        return True
    return "。" not in text and bool(_EDGE.match(fold(text)))  # a sentence is not navigation


def chrome_kind(line: str) -> str:
    """What a dropped line was, for the note: 页面导航, 页面按钮或计数 …"""
    text = fold(line)
    if re.search(_STAMP + "|" + _NAME_KEYS, text):
        return "页面发布信息"
    if re.search(_COUNTER, text):
        return "页面访问计数"
    if _EDGE.match(text):
        return "页面导航或页脚"
    return "页面按钮"
