from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.web.reports"
    label = "reports"
    verbose_name = "年度报告"

    def ready(self) -> None:
        # the record-keeping apps call the year-end lock through gongkai.web.yearlock
        from gongkai.web import yearlock
        from gongkai.web.reports.lock import ReportsKeeper

        yearlock.register_keeper(ReportsKeeper())
