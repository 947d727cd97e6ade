"""What an applicant hands in through the portal: a correction (补正) answering a 补正告知书,
in text and/or files. It lands on the case as received and waits for the clerk, who confirms it
through the procedure's own step (收到补正后的申请, which restarts the clock, art. 30); until
then it changes nothing in the deadlines. Whether it is still waiting is derived from the
case's events when read (services.corrections_of), never stored."""

from __future__ import annotations

from django.db import models

from gongkai.web.applications.models import Application, CaseEvent


class Correction(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="portal_corrections"
    )
    # the 补正告知书 it answers (the latest one when it was handed in)
    notice = models.ForeignKey(
        CaseEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("补正内容", blank=True)
    submitted_at = models.DateTimeField("提交时间", db_index=True)
    client = models.CharField("提交地址", max_length=64, blank=True)

    class Meta:
        verbose_name = "网上补正"
        verbose_name_plural = "网上补正"
        ordering = ("submitted_at", "pk")

    def __str__(self) -> str:
        return f"{self.application_id} 补正 {self.submitted_at:%Y-%m-%d %H:%M}"


class CorrectionFile(models.Model):
    correction = models.ForeignKey(Correction, on_delete=models.CASCADE, related_name="files")
    name = models.CharField("文件名", max_length=200)  # the uploaded name, made safe
    stored = models.CharField(max_length=200, unique=True)  # relative to the corrections dir
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = "补正材料"
        verbose_name_plural = "补正材料"
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.name
