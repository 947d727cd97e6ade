"""Every email sent, under a key that says what it was for: a letter issued (``letter:<id>``)
or one staff member's reminders of one day (``remind:<date>:<user id>``). The key is unique, so
a notice is sent at most once however often the command runs."""

from __future__ import annotations

from django.db import models


class SentMail(models.Model):
    class Kind(models.TextChoices):
        LETTER = "letter", "文书出具通知"
        REMINDER = "reminder", "到期提醒"

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    recipient = models.CharField("收件人", max_length=254)
    subject = models.CharField("主题", max_length=200)
    body = models.TextField("正文")
    cases = models.JSONField("申请编号", default=list, blank=True)
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "已发送邮件"
        verbose_name_plural = "已发送邮件"
        ordering = ("-sent_at", "-pk")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"
