from typing import Any

from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "gongkai.web.notices"
    label = "notices"
    verbose_name = "通知"

    def ready(self) -> None:
        from gongkai.web.letters.signals import letter_issued

        letter_issued.connect(_mail_applicant, dispatch_uid="notices.mail_applicant")


def _mail_applicant(sender: Any, *, letter: Any, **_: Any) -> None:
    from gongkai.web.notices import mail

    mail.after_commit_letter(letter.pk)  # the applicant's email, once the step is committed
