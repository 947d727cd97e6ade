"""The administrator's calendar page: the years known, the arrangements entered, a form."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.procedure.lunar import provisional_arrangements
from gongkai.web.agencies.access import Actor, staff_view
from gongkai.web.bounds import int_param
from gongkai.web.errors import Forbidden, InvalidInput, WebError
from gongkai.web.workdays import services
from gongkai.web.workdays.forms import ArrangementForm
from gongkai.web.workdays.models import HolidayArrangement
from gongkai.web.workdays.selectors import current_calendar


@staff_view
def arrangements(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not actor.is_administrator:
        raise Forbidden("只有系统管理员可以维护工作日历。")
    form = ArrangementForm(request.POST or None)
    if request.method == "POST" and "delete" in request.POST:
        pk = int_param(request.POST["delete"], "delete")
        if pk is None:
            raise InvalidInput("参数 delete 无效：请指定要删除的安排。")
        services.delete_arrangement(actor, pk)
        messages.success(request, "已删除。所有在办申请的期限已按新的日历重新计算。")
        return redirect("workdays:arrangements")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.enter_arrangement(
                actor,
                year=data["year"],
                rest_periods=data["rest_periods"],
                makeup_workdays=data["makeup_workdays"],
                source=data["source"],
                amends=data["amends"],
            )
        except WebError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                f"已录入{data['year']}年节假日安排。所有在办申请的期限已按新的日历重新计算。",
            )
            return redirect("workdays:arrangements")
    calendar = current_calendar()
    years = sorted(calendar.years)
    return render(
        request,
        "workdays/arrangements.html",
        {
            "nav": "calendar",
            "form": form,
            "entered": HolidayArrangement.objects.prefetch_related(
                "rest_periods", "makeup_workdays"
            ),
            "first_year": years[0] if years else None,
            "last_year": years[-1] if years else None,
            "sources": sorted(calendar.sources.items())[-3:],
            "provisional": provisional_arrangements(sorted(calendar.provisional)),
        },
    )
