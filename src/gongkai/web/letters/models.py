"""Letter templates an administrator can edit, and the letters issued from them.

A template's text holds ``{placeholders}`` that the letter service fills from the case; defaults
live in defaults.py and are restored on request. Each edit raises the template's ``version``.

An :class:`IssuedLetter` is a letter as it was issued: its filled text is frozen when the event
that calls for it is recorded (with the template's version), its DOCX bytes when it is first
downloaded; both are served as stored ever after, whatever later happens to the template, the
agency's details or the calendar. A letter once issued never changes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.web.applications.models import OUTCOME_CHOICES, CaseEvent


class LetterKind(models.TextChoices):
    CORRECTION = "correction_notice", "补正告知书"
    EXTENSION = "extension_notice", "延期答复告知书"
    CONSULT_THIRD_PARTY = "consultation_third_party", "征求第三方意见函"
    CONSULT_AGENCY = "consultation_agency", "征求其他机关意见函"
    FEE = "fee_notice", "收费通知书"
    REPLY = "reply", "政府信息公开申请答复书"


class LetterTemplate(models.Model):
    kind = models.CharField("文书", max_length=40, choices=LetterKind.choices)
    outcome = models.CharField(
        "办理结果（仅答复书）", max_length=40, blank=True, choices=OUTCOME_CHOICES
    )
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文", help_text="每行一段；{花括号}中的名称在生成时替换为案件数据。")
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    version = models.PositiveIntegerField("版本", default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        ordering = ("kind", "outcome")
        constraints = (
            models.UniqueConstraint(fields=["kind", "outcome"], name="one_template_per_letter"),
        )

    def __str__(self) -> str:
        if self.outcome:
            return f"{self.get_kind_display()}（{self.get_outcome_display()}）"
        return self.get_kind_display()


class IssuedLetter(models.Model):
    """One letter as issued for one event of a case; never changed once written."""

    event = models.OneToOneField(CaseEvent, on_delete=models.CASCADE, related_name="letter")
    kind = models.CharField("文书", max_length=40, choices=LetterKind.choices)
    outcome = models.CharField("办理结果", max_length=40, blank=True)
    title = models.CharField("标题", max_length=100)
    number = models.CharField("文号", max_length=100)
    body = models.TextField("正文（已填写）")
    signature = models.CharField("落款", max_length=100)
    dated = models.CharField("成文日期", max_length=40)
    template = models.ForeignKey(
        LetterTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    template_version = models.PositiveIntegerField("模板版本")
    issued_at = models.DateTimeField("定稿时间", auto_now_add=True)
    # the text was frozen at a download, not when its event was recorded: a letter of an event
    # recorded before letters were frozen, or one that could not be issued then (say, the
    # review body was missing)
    frozen_late = models.BooleanField("首次下载时定稿", default=False)
    content = models.BinaryField("DOCX", null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = "已出具文书"
        verbose_name_plural = "已出具文书"

    def __str__(self) -> str:
        return f"{self.title}（{self.event}）"
