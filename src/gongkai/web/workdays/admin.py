from django.contrib import admin

from gongkai.web.workdays.models import HolidayArrangement, MakeupWorkday, RestPeriod


class RestPeriodInline(admin.TabularInline):
    model = RestPeriod
    extra = 0


class MakeupWorkdayInline(admin.TabularInline):
    model = MakeupWorkday
    extra = 0


@admin.register(HolidayArrangement)
class HolidayArrangementAdmin(admin.ModelAdmin):
    list_display = ("year", "amends", "source", "entered_at")
    inlines = (RestPeriodInline, MakeupWorkdayInline)
