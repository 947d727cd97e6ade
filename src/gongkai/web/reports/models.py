"""The annual report of an agency-year: its editable prose, its saved versions, its status.

The tables of a report made by gongkai are never typed in: they are counted from the
registers whenever the report is generated (gongkai.web.reports.tables). What is stored is
each saved or published version as canonical JSON (docs/report-json.md) with its findings, so a
published report stays exactly as published while the registers move on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.web.agencies.models import Agency


class Origin(models.TextChoices):
    GENERATED = "generated", "由登记数据生成"
    IMPORTED = "imported", "导入已发布的报告"


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    PENDING = "pending", "待审批"  # submitted by the office (or imported): the approver decides
    PUBLISHED = "published", "已发布"


class AnnualReport(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField("年度")
    origin = models.CharField("来源", max_length=20, choices=Origin.choices)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    # the prose the office writes (sections 一, 五, 六), by canonical section key
    texts = models.JSONField("正文", default=dict, blank=True)
    # the last saved version: canonical JSON and the validator's findings on it
    document = models.JSONField("报告数据", default=dict, blank=True)
    findings = models.JSONField("校验结果", default=list, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    source_name = models.CharField("导入文件", max_length=200, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ("agency", "-year")
        constraints = (
            models.UniqueConstraint(fields=["agency", "year"], name="one_report_per_agency_year"),
        )

    def __str__(self) -> str:
        return f"{self.agency.name}{self.year}年度报告"

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_pending(self) -> bool:
        return self.status == Status.PENDING

    @property
    def error_count(self) -> int:
        return sum(1 for f in self.findings if f.get("severity") == "error")


class Action(models.TextChoices):
    IMPORTED = "imported", "导入"
    SAVED = "saved", "保存"
    SUBMITTED = "submitted", "提交审批"
    WITHDRAWN = "withdrawn", "撤回审批"
    RETURNED = "returned", "退回"
    PUBLISHED = "published", "发布"
    REOPENED = "reopened", "重新打开"


class Revision(models.Model):
    """One step in a report's life, with the version it produced and, to reopen, the reason."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="revisions")
    seq = models.PositiveIntegerField()
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    reason = models.TextField("理由", blank=True)
    document = models.JSONField("报告数据", default=dict, blank=True)
    findings = models.JSONField("校验结果", default=list, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField("操作人", max_length=100, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "报告修订记录"
        verbose_name_plural = "报告修订记录"
        ordering = ("report", "seq")
        constraints = (
            models.UniqueConstraint(fields=["report", "seq"], name="one_revision_per_seq"),
        )

    def __str__(self) -> str:
        return f"{self.report} #{self.seq} {self.get_action_display()}"


class YearLock(models.Model):
    """One row per agency-year, locked (``SELECT … FOR UPDATE``) by every write the year's
    report counts and by publishing it, so that the two never interleave (reports.lock). The
    report row itself cannot serve: it may not exist yet, and a write must wait for a publish
    that is under way whatever the report's status was when the write began."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["agency", "year"], name="one_lock_per_agency_year"),
        )

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}"


class Correction(models.Model):
    """A change to a record of a year whose report was already published: which record, what
    changed, why, by whom. The same transaction reopens that year's report."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    record = models.CharField("记录", max_length=100)  # e.g. "申请 2025-000017", "文件 #3"
    years = models.JSONField("涉及年度", default=list)
    change = models.TextField("更正内容", blank=True)
    reason = models.TextField("更正理由")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField("更正人", max_length=100, blank=True)
    at = models.DateTimeField("更正时间", auto_now_add=True)

    class Meta:
        verbose_name = "已发布年度的记录更正"
        verbose_name_plural = "已发布年度的记录更正"
        ordering = ("-at",)

    def __str__(self) -> str:
        return f"{self.record}：{self.reason[:20]}"
