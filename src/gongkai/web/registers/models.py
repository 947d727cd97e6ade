"""The registers behind tables 二 and 四 and the other matters of sections 一 and 六.

Every row belongs to one agency and carries the dates the annual report counts by; the counts
themselves are never stored (see gongkai.web.reports.tables).
"""

from __future__ import annotations

from django.db import models

from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application


class DocumentKind(models.TextChoices):
    GOV_RULE = "gov_rules", "规章"
    NORMATIVE_DOC = "normative_docs", "行政规范性文件"


class RegisteredDocument(models.Model):
    """A 规章 or 行政规范性文件 (art. 20 item 1): issued, and perhaps repealed or expired."""

    agency = models.ForeignKey(
        Agency, verbose_name="制发机关", on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField("类别", max_length=20, choices=DocumentKind.choices)
    number = models.CharField("文号", max_length=100, blank=True)
    title = models.CharField("标题", max_length=300)
    issued_on = models.DateField("印发日期", db_index=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True, db_index=True)
    expires_on = models.DateField("有效期届满日期", null=True, blank=True, db_index=True)
    note = models.CharField("备注", max_length=300, blank=True)

    class Meta:
        verbose_name = "规章和行政规范性文件"
        verbose_name_plural = "规章和行政规范性文件"
        ordering = ("-issued_on", "-pk")
        indexes = (models.Index(fields=["agency", "kind", "issued_on"]),)

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class DecisionKind(models.TextChoices):
    LICENSING = "licensing", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"


class DecisionSource(models.TextChoices):
    ENTRY = "entry", "逐件登记"
    TOTAL = "total", "年度合计"
    IMPORT = "import", "批量导入"


class ImportBatch(models.Model):
    """One CSV file imported into the decision register, kept so it can be traced or undone."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField("文件名", max_length=200)
    rows = models.PositiveIntegerField("导入条数", default=0)
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)
    actor_name = models.CharField("导入人", max_length=100, blank=True)
    # SHA-256 of the file's bytes: the same file imported again adds nothing
    digest = models.CharField("文件摘要", max_length=64, blank=True, default="")

    class Meta:
        verbose_name = "导入批次"
        verbose_name_plural = "导入批次"
        ordering = ("-imported_at",)
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "digest"],
                condition=~models.Q(digest=""),
                name="one_batch_per_file",
            ),
        )

    def __str__(self) -> str:
        return f"{self.file_name}（{self.rows}条）"


class Decision(models.Model):
    """Licensing, penalty or coercion decisions (art. 20 items 5, 6): one decision entered on
    its own (count 1, with its date), or a yearly total (count N, no date)."""

    agency = models.ForeignKey(
        Agency, verbose_name="作出机关", on_delete=models.PROTECT, related_name="decisions"
    )
    kind = models.CharField("类别", max_length=20, choices=DecisionKind.choices)
    year = models.PositiveSmallIntegerField("年度")
    decided_on = models.DateField("决定日期", null=True, blank=True)
    count = models.PositiveIntegerField("件数", default=1)
    reference = models.CharField("决定书文号", max_length=100, blank=True)
    subject = models.CharField("事项或当事人", max_length=300, blank=True)
    source = models.CharField(
        "来源", max_length=10, choices=DecisionSource.choices, default=DecisionSource.ENTRY
    )
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions"
    )

    class Meta:
        verbose_name = "行政许可、处罚、强制决定"
        verbose_name_plural = "行政许可、处罚、强制决定"
        ordering = ("-year", "kind", "-decided_on", "-pk")
        indexes = (models.Index(fields=["agency", "year", "kind"]),)
        constraints = (  # a 决定书文号 is registered once per agency; a blank one is no number
            models.UniqueConstraint(
                fields=["agency", "reference"],
                condition=~models.Q(reference=""),
                name="one_decision_per_reference",
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference or self.subject} ×{self.count}"


class FeeIncome(models.Model):
    """行政事业性收费 collected (art. 20 item 8), in 万元 as table 二 reports it."""

    agency = models.ForeignKey(
        Agency, verbose_name="收费机关", on_delete=models.PROTECT, related_name="fee_incomes"
    )
    year = models.PositiveSmallIntegerField("年度")
    item = models.CharField("收费项目", max_length=200)
    amount = models.DecimalField("收费金额（万元）", max_digits=14, decimal_places=4)
    note = models.CharField("备注", max_length=300, blank=True)

    class Meta:
        verbose_name = "行政事业性收费"
        verbose_name_plural = "行政事业性收费"
        ordering = ("-year", "item")
        indexes = (models.Index(fields=["agency", "year"]),)

    def __str__(self) -> str:
        return f"{self.year} {self.item} {self.amount}万元"


class ReviewConclusion(models.TextChoices):
    RELEASE = "release", "可以公开"
    PARTIAL = "partial", "删除涉密或敏感内容后公开"
    WITHHOLD = "withhold", "不予公开"


class CatalogueEntry(models.Model):
    """An item of the disclosure catalogue (art. 12), with its 保密审查 before release (art. 17)
    and the dates that decide whether it met the 20-working-day limit (art. 26)."""

    agency = models.ForeignKey(
        Agency, verbose_name="发布机构", on_delete=models.PROTECT, related_name="catalogue"
    )
    index_no = models.CharField("索引号", max_length=60)
    title = models.CharField("标题", max_length=300)
    summary = models.TextField("内容概述", blank=True)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    category = models.CharField("主题分类", max_length=100, blank=True)
    created_on = models.DateField("生成或变更日期", db_index=True)
    published_on = models.DateField("公开日期", null=True, blank=True, db_index=True)
    reviewer = models.CharField("保密审查人", max_length=100, blank=True)
    reviewed_on = models.DateField("审查日期", null=True, blank=True)
    review_conclusion = models.CharField(
        "审查结论", max_length=20, blank=True, choices=ReviewConclusion.choices
    )
    review_note = models.CharField("审查意见", max_length=300, blank=True)

    class Meta:
        verbose_name = "政府信息公开目录条目"
        verbose_name_plural = "政府信息公开目录"
        ordering = ("-created_on", "-pk")
        constraints = (
            models.UniqueConstraint(fields=["agency", "index_no"], name="one_index_no_per_agency"),
        )

    def __str__(self) -> str:
        return f"{self.index_no} {self.title}"


class DisputePath(models.TextChoices):
    REVIEW = "review", "行政复议"
    LIT_DIRECT = "lit_direct", "未经复议直接起诉"
    LIT_AFTER_REVIEW = "lit_after_review", "复议后起诉"


class DisputeOutcome(models.TextChoices):
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other_outcome", "其他结果"


class Dispute(models.Model):
    """An administrative review or lawsuit over the agency's disclosure work (table 四)."""

    agency = models.ForeignKey(
        Agency, verbose_name="被申请人（被告）", on_delete=models.PROTECT, related_name="disputes"
    )
    application = models.ForeignKey(
        Application,
        verbose_name="所涉申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disputes",
    )
    path = models.CharField("类别", max_length=20, choices=DisputePath.choices)
    follows = models.ForeignKey(
        "self",
        verbose_name="前置复议案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suits",
    )
    case_number = models.CharField("案号", max_length=100, blank=True)
    body = models.CharField("复议机关或法院", max_length=200, blank=True)
    claimant = models.CharField("申请人（原告）", max_length=200, blank=True)
    filed_on = models.DateField("立案（受理）日期", db_index=True)
    outcome = models.CharField("结果", max_length=20, choices=DisputeOutcome.choices, blank=True)
    concluded_on = models.DateField("审结日期", null=True, blank=True, db_index=True)
    detail = models.CharField(
        "结果说明",
        max_length=300,
        blank=True,
        help_text="如：撤销原答复、责令重新答复；驳回诉讼请求",
    )
    note = models.CharField("备注", max_length=300, blank=True)

    class Meta:
        verbose_name = "行政复议、行政诉讼案件"
        verbose_name_plural = "行政复议、行政诉讼案件"
        ordering = ("-filed_on", "-pk")
        indexes = (models.Index(fields=["agency", "path"]),)

    def __str__(self) -> str:
        return f"{self.get_path_display()} {self.case_number}".strip()


class MatterKind(models.TextChoices):
    NPC_SUGGESTION = "npc_suggestion", "人大代表建议"
    CPPCC_PROPOSAL = "cppcc_proposal", "政协提案"
    TRAINING = "training", "培训"
    INTERPRETATION = "interpretation", "政策解读"
    PRESS = "press", "新闻发布会"
    PLATFORM = "platform", "平台建设"
    OTHER = "other", "其他"


class OtherMatter(models.Model):
    """What the office records through the year for sections 一 and 六 of the report."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="matters"
    )
    kind = models.CharField("类别", max_length=20, choices=MatterKind.choices)
    on = models.DateField("日期", db_index=True)
    title = models.CharField("事项", max_length=300)
    count = models.PositiveIntegerField("件数或人次", default=1)
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "其他工作事项"
        verbose_name_plural = "其他工作事项"
        ordering = ("-on", "-pk")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.title}"
