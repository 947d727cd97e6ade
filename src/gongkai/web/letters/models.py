"""Letter templates an administrator can edit. The text holds ``{placeholders}`` that the
letter service fills from the case; defaults live in defaults.py and are restored on request."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.web.applications.models import OUTCOME_CHOICES


class LetterKind(models.TextChoices):
    CORRECTION = "correction_notice", "补正告知书"
    EXTENSION = "extension_notice", "延期答复告知书"
    CONSULT_THIRD_PARTY = "consultation_third_party", "征求第三方意见函"
    CONSULT_AGENCY = "consultation_agency", "征求其他机关意见函"
    FEE = "fee_notice", "收费通知书"
    REPLY = "reply", "政府信息公开申请答复书"


class LetterTemplate(models.Model):
    kind = models.CharField("文书", max_length=40, choices=LetterKind.choices)
    outcome = models.CharField("办理结果（仅答复书）", max_length=40, blank=True,
                               choices=OUTCOME_CHOICES)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文", help_text="每行一段；{花括号}中的名称在生成时替换为案件数据。")
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

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
