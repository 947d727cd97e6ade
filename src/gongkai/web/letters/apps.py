from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "gongkai.web.letters"
    label = "letters"
    verbose_name = "文书模板"

    def ready(self) -> None:
        from gongkai.web.applications.signals import event_recorded
        from gongkai.web.letters.signals import issue_for_event

        event_recorded.connect(issue_for_event, dispatch_uid="letters.issue_for_event")
