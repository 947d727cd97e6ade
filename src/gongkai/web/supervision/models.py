"""A supervising agency's region: its roster by year, the reports it imported in runs, and its
review of the findings. The figures themselves are never stored twice: a report is kept as
canonical JSON (docs/report-json.md) and everything else is computed by gongkai.supervision."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models

from gongkai.web.agencies.models import Agency


class RosterUnit(models.Model):
    """One unit of a region's roster (统计范围内的单位名单) for one year."""

    region = models.ForeignKey(
        Agency, verbose_name="监督机关", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    unit_id = models.CharField("单位标识", max_length=200)  # the code, else the full name
    name = models.CharField("单位名称", max_length=200)
    type = models.CharField("单位类型", max_length=20)
    parent_id = models.CharField("上级单位标识", max_length=200, blank=True)
    aliases = models.JSONField("别名", default=list, blank=True)
    scope = models.CharField("报告范围", max_length=10, blank=True)
    code = models.CharField("统一社会信用代码", max_length=60, blank=True)
    internal_deadline = models.CharField("内部截止日期", max_length=5, blank=True)  # "MM-DD"
    row = models.PositiveIntegerField("行号", null=True, blank=True)
    # the unit's own Agency when it uses gongkai: its published reports count without upload
    agency = models.ForeignKey(
        Agency,
        verbose_name="本系统中的机关",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "名单单位"
        verbose_name_plural = "名单单位"
        ordering = ("region", "year", "row", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=["region", "year", "unit_id"], name="one_roster_unit_per_region_year"
            ),
        )

    def __str__(self) -> str:
        return f"{self.year} {self.name}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "读取中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"
    UNDONE = "undone", "已撤销"


class ImportRun(models.Model):
    """One upload of a region's reports (a zip or many files), read in the background."""

    region = models.ForeignKey(
        Agency, verbose_name="监督机关", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField(
        "状态", max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    label = models.CharField("上传文件", max_length=300)
    total = models.PositiveIntegerField("文件数", default=0)
    done = models.PositiveIntegerField("已读", default=0)
    problems = models.JSONField("清单问题", default=list, blank=True)
    error = models.TextField("错误", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField("上传人", max_length=100, blank=True)
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    undone_by = models.CharField("撤销人", max_length=100, blank=True)

    class Meta:
        verbose_name = "报告导入批次"
        verbose_name_plural = "报告导入批次"
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.year} {self.label}"

    @property
    def percent(self) -> int:
        if self.status == RunStatus.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def active(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)


class FileStatus(models.TextChoices):
    MATCHED = "matched", "已对应单位"
    UNASSIGNED = "unassigned", "待人工指定"
    UNREADABLE = "unreadable", "无法读取"
    UNDATED = "undated", "年度不明"


class ImportedFile(models.Model):
    """One file of a run: the report read from it (canonical JSON) and the unit it is for."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="files")
    source = models.CharField("文件", max_length=500)
    status = models.CharField("结果", max_length=12, choices=FileStatus.choices)
    unit_id = models.CharField("单位标识", max_length=200, blank=True)
    name_found = models.CharField("报告中的机关名称", max_length=200, blank=True)
    report_year = models.PositiveSmallIntegerField("报告年度", null=True, blank=True)
    reason = models.TextField("问题", blank=True)
    candidates = models.JSONField("候选单位", default=list, blank=True)
    document = models.JSONField("报告数据", default=dict, blank=True)
    content_hash = models.CharField("内容摘要", max_length=64, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    date_source = models.CharField("日期来源", max_length=10, blank=True)
    url = models.CharField("网址", max_length=500, blank=True)
    assigned_by = models.CharField("指定人", max_length=100, blank=True)
    assigned_at = models.DateTimeField("指定时间", null=True, blank=True)

    class Meta:
        verbose_name = "导入的报告文件"
        verbose_name_plural = "导入的报告文件"
        ordering = ("run", "pk")

    def __str__(self) -> str:
        return self.source


class Decision(models.TextChoices):
    CONFIRMED = "confirmed", "确认"
    DISMISSED = "dismissed", "排除"


class FindingReview(models.Model):
    """The supervisor's decision on one finding of one unit-year, with who and when."""

    region = models.ForeignKey(
        Agency, verbose_name="监督机关", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    unit_id = models.CharField("单位标识", max_length=200)
    key = models.CharField("问题标识", max_length=64)  # digest of the finding (services)
    code = models.CharField("规则", max_length=40)
    decision = models.CharField("结论", max_length=10, choices=Decision.choices)
    reason = models.TextField("理由", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField("审核人", max_length=100)
    at = models.DateTimeField("审核时间", auto_now=True)

    class Meta:
        verbose_name = "问题审核"
        verbose_name_plural = "问题审核"
        constraints = (
            models.UniqueConstraint(
                fields=["region", "year", "unit_id", "key"], name="one_review_per_finding"
            ),
        )

    def __str__(self) -> str:
        return f"{self.unit_id} {self.code} {self.get_decision_display()}"


# ------------------------------------------------------------------------------ rectification


class RectificationStatus(models.TextChoices):
    OPEN = "open", "待整改"
    ANSWERED = "answered", "已答复待审核"
    PASSED = "passed", "已通过"
    RETURNED = "returned", "已退回重改"


class RectificationSource(models.TextChoices):
    FINDING = "finding", "审核确认的问题"
    MANUAL = "manual", "人工登记"
    NOTICE = "notice", "通报"


class RectificationItem(models.Model):
    """One thing a unit must put right (整改, 条例 art. 47), with its deadline and status; what
    happened to it is in its append-only log (:class:`RectificationEvent`)."""

    region = models.ForeignKey(
        Agency, verbose_name="监督机关", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    unit_id = models.CharField("单位标识", max_length=200)
    unit_name = models.CharField("单位名称", max_length=200)
    source = models.CharField("来源", max_length=10, choices=RectificationSource.choices)
    source_ref = models.CharField("来源编号", max_length=200, blank=True)
    finding_key = models.CharField("问题标识", max_length=64, blank=True)
    finding = models.JSONField("原问题", default=dict, blank=True)  # code, place, message …
    problem = models.TextField("问题")
    deadline = models.DateField("整改期限")
    status = models.CharField(
        "状态",
        max_length=10,
        choices=RectificationStatus.choices,
        default=RectificationStatus.OPEN,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_name = models.CharField("下达人", max_length=100)
    created_at = models.DateTimeField("下达时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "整改事项"
        verbose_name_plural = "整改事项"
        ordering = ("-created_at", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=["region", "year", "unit_id", "finding_key"],
                condition=~models.Q(finding_key=""),
                name="one_rectification_per_finding",
            ),
        )

    def __str__(self) -> str:
        return f"整改事项{self.pk} {self.unit_name}"

    @property
    def awaiting_answer(self) -> bool:
        return self.status in (RectificationStatus.OPEN, RectificationStatus.RETURNED)

    def overdue_on(self, day: date) -> bool:
        """Past its deadline with no answer pending review and not passed."""
        return self.awaiting_answer and self.deadline < day


class RectificationAction(models.TextChoices):
    OPENED = "opened", "下达整改"
    ANSWERED = "answered", "单位答复"
    PASSED = "passed", "审核通过"
    RETURNED = "returned", "退回重改"


class RectificationEvent(models.Model):
    """One line of an item's log: who did what, when, with which note (and, for an answer, the
    corrected report it carried). Lines are only ever added."""

    item = models.ForeignKey(RectificationItem, on_delete=models.PROTECT, related_name="events")
    action = models.CharField("操作", max_length=10, choices=RectificationAction.choices)
    status = models.CharField("操作后状态", max_length=10, choices=RectificationStatus.choices)
    note = models.TextField("说明", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField("操作人", max_length=100)
    actor_agency = models.CharField("操作人所在机关", max_length=200, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)
    file_name = models.CharField("更正后的报告", max_length=200, blank=True)
    file_path = models.CharField("存储位置", max_length=500, blank=True)
    report_year = models.PositiveSmallIntegerField("报告年度", null=True, blank=True)
    name_found = models.CharField("报告中的机关名称", max_length=200, blank=True)
    document = models.JSONField("报告数据", default=dict, blank=True)
    findings = models.JSONField("校验结果", default=list, blank=True)

    class Meta:
        verbose_name = "整改记录"
        verbose_name_plural = "整改记录"
        ordering = ("item", "at", "pk")

    def __str__(self) -> str:
        return f"{self.item_id} {self.get_action_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("整改记录只能新增，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("整改记录只能新增，不能删除。")


class RegionPolicy(models.Model):
    """A region's rule for its units that use gongkai, as its supervisor set it: each change
    is a row (who, when), the latest holds. ``requires_clearance``: a unit submits its draft
    annual report to the supervisor, and publishes it only once cleared (supervision.clearance).
    """

    region = models.ForeignKey(
        Agency, verbose_name="监督机关", on_delete=models.PROTECT, related_name="+"
    )
    requires_clearance = models.BooleanField("年度报告发布前须提交审核", default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField("设置人", max_length=100, blank=True)
    at = models.DateTimeField("设置时间", auto_now_add=True)

    class Meta:
        verbose_name = "监督范围设置"
        verbose_name_plural = "监督范围设置"
        ordering = ("region", "-at", "-pk")

    def __str__(self) -> str:
        return f"{self.region_id} {'须审核' if self.requires_clearance else '不须审核'}"


class ClearanceAction(models.TextChoices):
    SUBMITTED = "submitted", "提交审核"
    RETURNED = "returned", "退回修改"
    CLEARED = "cleared", "审核通过"


class ClearanceStep(models.Model):
    """One step of a report's clearance by a region's supervisor: the unit's submission (with
    the version submitted and its findings), the supervisor's return (with the comments) or
    clearance; who and when. ``digest``: the content submitted, or decided on."""

    report = models.ForeignKey(
        "reports.AnnualReport", verbose_name="年度报告", on_delete=models.CASCADE, related_name="+"
    )
    region = models.ForeignKey(
        Agency, verbose_name="监督机关", on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField("操作", max_length=10, choices=ClearanceAction.choices)
    digest = models.CharField("内容摘要", max_length=64)
    document = models.JSONField("提交的报告数据", default=dict, blank=True)
    findings = models.JSONField("校验结果", default=list, blank=True)
    comment = models.TextField("意见", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField("操作人", max_length=100, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "年度报告发布前审核记录"
        verbose_name_plural = "年度报告发布前审核记录"
        ordering = ("report", "at", "pk")

    def __str__(self) -> str:
        return f"{self.report_id} {self.get_action_display()}"


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    ISSUED = "issued", "已印发"


class Notice(models.Model):
    """A region-year 通报: paragraphs whose figures are fields filled from the data (see
    gongkai.supervision.notice_draft). Once issued it is frozen: the filled text, the figures,
    the named units and the DOCX and HTML files are kept as they were, and nothing changes them
    again."""

    region = models.ForeignKey(
        Agency, verbose_name="监督机关", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    number = models.PositiveIntegerField("稿次")  # 1, 2, … within the region-year
    status = models.CharField(
        "状态", max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT
    )
    title = models.CharField("标题", max_length=300)
    deadline = models.DateField("整改期限")
    issuer = models.CharField("发文机关", max_length=200)
    paragraphs = models.JSONField("正文", default=list)  # [{"kind", "text", "level"}]
    # field name → text: as at drafting (the editor shows what changed since), as at issue once issued
    figures = models.JSONField("数据快照", default=dict)
    items = models.JSONField("点名的问题", default=list)  # frozen at issue (services)
    issued_blocks = models.JSONField("印发的正文", default=list, blank=True)
    # the files as issued, served as these bytes ever after (like an issued letter)
    issued_docx = models.BinaryField("印发的DOCX", null=True, blank=True)
    issued_html = models.BinaryField("印发的HTML", null=True, blank=True)
    issued_sha256 = models.CharField("DOCX摘要", max_length=64, blank=True)
    pending = models.PositiveIntegerField("未审核问题数", default=0)  # at drafting, at issue
    created_by = models.CharField("起草人", max_length=100)
    created_at = models.DateTimeField("起草时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    issued_by = models.CharField("印发人", max_length=100, blank=True)
    issued_at = models.DateTimeField("印发时间", null=True, blank=True)

    class Meta:
        verbose_name = "通报"
        verbose_name_plural = "通报"
        ordering = ("-year", "-number")
        constraints = (
            models.UniqueConstraint(
                fields=["region", "year", "number"], name="one_notice_number_per_region_year"
            ),
        )

    def __str__(self) -> str:
        return f"{self.year} {self.title}（第{self.number}稿）"

    @property
    def issued(self) -> bool:
        return self.status == NoticeStatus.ISSUED


class NoticeEdit(models.Model):
    """One save of a draft: who, when, what the text was after it."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="edits")
    action = models.CharField("操作", max_length=20)  # 起草, 修改, 印发
    actor_name = models.CharField("操作人", max_length=100)
    at = models.DateTimeField("时间", auto_now_add=True)
    paragraphs = models.JSONField("正文", default=list)
    changed = models.PositiveIntegerField("改动段落数", default=0)

    class Meta:
        verbose_name = "通报修改记录"
        verbose_name_plural = "通报修改记录"
        ordering = ("notice", "pk")

    def __str__(self) -> str:
        return f"{self.notice_id} {self.action} {self.actor_name}"


class Snapshot(models.Model):
    """A region-year as the board and the dashboard show it, computed by gongkai.supervision
    and kept (:mod:`gongkai.web.supervision.snapshots`). It is valid while ``computed`` equals
    ``generation`` (bumped by every change to what it was computed from) and ``fingerprint``
    matches the reports the region's units published in gongkai; otherwise it is recomputed
    before it is shown."""

    region = models.ForeignKey(
        Agency, verbose_name="监督机关", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    generation = models.PositiveIntegerField("变更序号", default=0)
    computed = models.PositiveIntegerField("计算时的变更序号", null=True, blank=True)
    fingerprint = models.CharField("本系统发布报告摘要", max_length=64, blank=True)
    format = models.PositiveSmallIntegerField("数据格式", default=0)
    board = models.JSONField("发布情况", default=dict, blank=True)
    figures = models.JSONField("统计数据", default=dict, blank=True)
    units = models.JSONField("各单位数据", default=dict, blank=True)
    computed_at = models.DateTimeField("计算时间", null=True, blank=True)
    seconds = models.FloatField("计算用时（秒）", null=True, blank=True)

    class Meta:
        verbose_name = "统计快照"
        verbose_name_plural = "统计快照"
        constraints = (
            models.UniqueConstraint(fields=["region", "year"], name="one_snapshot_per_region_year"),
        )

    def __str__(self) -> str:
        return f"{self.region_id} {self.year}"
