"""Errors of the annual-report pages and services."""

from __future__ import annotations

from gongkai.web.errors import InvalidInput, NotFound, WebError


class NoSuchCell(NotFound):
    def __init__(self, table: str, row: str, column: str | None) -> None:
        super().__init__(f"报告中没有这个单元格：{table}/{row}/{column or ''}")


class UnknownFigure(InvalidInput):
    def __init__(self, names: list[str]) -> None:
        listed = "、".join(f"{{{n}}}" for n in names)
        super().__init__(f"正文中的数据项{listed}不存在，请从可用数据项中选择。")


class PublishRefused(WebError):
    status = 409
    code = "PUBLISH_REFUSED"
