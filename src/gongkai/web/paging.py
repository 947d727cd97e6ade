"""A list's pages when counting every matching row would cost more than showing them.

A register of 100,000 cases filtered by a condition most of them meet ("closed", "received
this quarter") is counted in tens of milliseconds on every page view, for a figure nobody needs
exactly: the work list says how many up to :data:`COUNT_CAP` and "more than" beyond, and still
pages on to the end (a page past the counted ones asks for one row more than it shows, to know
whether a next page exists). Exact figures are the statistics' and the exports' business.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

COUNT_CAP = 500


class CappedPage(Page):
    more: bool | None = None  # past the counted pages: is there a next one?

    def has_next(self) -> bool:
        if self.more is not None:
            return self.more
        return super().has_next()


class CappedPaginator(Paginator):
    """Django's paginator over a queryset, counting at most ``cap`` rows."""

    def __init__(
        self,
        object_list: QuerySet[Any],
        per_page: int,
        cap: int | None = None,
        *,
        count_in_order: bool = True,
    ) -> None:
        super().__init__(object_list, per_page)
        self.rows = object_list
        self.cap = COUNT_CAP if cap is None else cap
        # which rows are counted up to the cap does not matter: in the list's order, an index
        # in that order lets the database stop early without reading the rows; where the
        # condition needs the rows anyway (a text search, a list of numbers), reading them in
        # the table's order is cheaper than sorting or walking the index to them
        self.count_in_order = count_in_order

    @cached_property
    def count(self) -> int:
        rows = self.rows if self.count_in_order else self.rows.order_by()
        return rows[: self.cap + 1].count()

    @property
    def over_cap(self) -> bool:
        """More rows match than were counted: ``count`` is ``cap`` + 1, not the number."""
        return self.count > self.cap

    def validate_number(self, number: Any) -> int:
        if not self.over_cap:
            return super().validate_number(number)
        try:
            value = int(number)
        except (TypeError, ValueError):
            return super().validate_number(number)  # its own message
        if value < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return value

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        if not self.over_cap or number * self.per_page <= self.cap:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.rows[bottom : bottom + self.per_page + 1])
        if not rows:
            raise EmptyPage(self.error_messages["no_results"])
        page = CappedPage(rows[: self.per_page], number, self)
        page.more = len(rows) > self.per_page
        return page

    def _get_page(self, *args: Any, **kwargs: Any) -> Page:
        return CappedPage(*args, **kwargs)
