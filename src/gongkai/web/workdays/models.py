"""Holiday arrangements entered by an administrator: a year the ``chinesecalendar`` package
does not have yet (2027), or a local amendment. The procedure core's calendar reads them as
:class:`gongkai.procedure.workdays.YearArrangement` values; nothing here computes a date."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class HolidayArrangement(models.Model):
    year = models.PositiveIntegerField("年份")
    amends = models.BooleanField(
        "仅补充",
        default=False,
        help_text="不勾选：该年完整的全国安排（替代软件包中的数据）；勾选：在已知年份上补充放假或上班日",
    )
    source = models.CharField(
        "依据",
        max_length=200,
        blank=True,
        help_text="如：国务院办公厅关于2027年部分节假日安排的通知",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name="录入人",
    )
    entered_at = models.DateTimeField("录入时间", auto_now=True)

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ("year", "amends", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=["year"], condition=models.Q(amends=False), name="one_complete_year"
            ),
        )

    def __str__(self) -> str:
        return f"{self.year}年{'补充' if self.amends else ''}节假日安排"


class RestPeriod(models.Model):
    arrangement = models.ForeignKey(
        HolidayArrangement, on_delete=models.CASCADE, related_name="rest_periods"
    )
    name = models.CharField("节日", max_length=50)
    first = models.DateField("放假起")
    last = models.DateField("放假止")

    class Meta:
        verbose_name = "放假时段"
        verbose_name_plural = "放假时段"
        ordering = ("first",)


class MakeupWorkday(models.Model):
    arrangement = models.ForeignKey(
        HolidayArrangement, on_delete=models.CASCADE, related_name="makeup_workdays"
    )
    day = models.DateField("调休上班日")

    class Meta:
        verbose_name = "调休上班日"
        verbose_name_plural = "调休上班日"
        ordering = ("day",)
