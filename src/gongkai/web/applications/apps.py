from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.web.applications"
    label = "applications"
    verbose_name = "依申请公开案件"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from gongkai.web.agencies.models import Agency
        from gongkai.web.applications import receivers
        from gongkai.web.workdays.signals import calendar_changed

        calendar_changed.connect(receivers.on_calendar_changed, dispatch_uid="next_due_calendar")
        post_save.connect(receivers.on_agency_saved, sender=Agency, dispatch_uid="next_due_agency")
