"""The holiday arrangement form: a year, and the notice's rest periods and make-up days typed
one per line, as the State Council notice lists them."""

from __future__ import annotations

import re
from datetime import date

from django import forms

from gongkai.procedure.workdays import RestPeriod
from gongkai.web.textcheck import NoControlCharacters

WORK_WORDS = ("上班", "调休上班", "补班")
EXAMPLE = "元旦 2027-01-01\n春节 2027-02-06 至 2027-02-13\n上班 2027-02-14 2027-02-20"
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def parse_lines(text: str) -> tuple[list[RestPeriod], list[date]]:
    periods: list[RestPeriod] = []
    workdays: list[date] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        dates = []
        for token in _DATE.findall(line):
            try:
                dates.append(
                    date.fromisoformat("-".join(f"{int(p):02d}" for p in token.split("-")))
                )
            except ValueError as error:
                raise forms.ValidationError(f"第{number}行：日期{token}无效") from error
        name = _DATE.sub("", line).replace("至", " ").replace("—", " ").replace("-", " ").split()
        if not dates or not name:
            raise forms.ValidationError(
                f"第{number}行：应写“节日名称 起始日期 [至 结束日期]”或“上班 日期…”"
            )
        if name[0] in WORK_WORDS:
            workdays.extend(dates)
        elif len(dates) > 2:
            raise forms.ValidationError(f"第{number}行：放假时段只写起始日期和结束日期")
        else:
            periods.append(RestPeriod(name[0], dates[0], dates[-1]))
    return periods, workdays


class ArrangementForm(NoControlCharacters, forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    amends = forms.BooleanField(
        label="仅补充（该年已有全国安排，在其上补充放假日或上班日）", required=False
    )
    source = forms.CharField(
        label="依据",
        max_length=200,
        required=False,
        help_text="如：国务院办公厅关于2027年部分节假日安排的通知",
    )
    lines = forms.CharField(
        label="放假时段与调休上班日（每行一项）",
        widget=forms.Textarea(attrs={"rows": 9}),
        help_text="放假：节日名称 起始日期 [至 结束日期]；调休上班：上班 日期 [日期…]。例如：\n"
        + EXAMPLE,
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if "lines" in data:
            periods, workdays = parse_lines(str(data["lines"]))
            data["rest_periods"] = periods
            data["makeup_workdays"] = workdays
        return data
