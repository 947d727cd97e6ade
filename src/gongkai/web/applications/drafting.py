"""The approval workflow (呈批) and the documents released with a reply, as models.

A step that only the head of the disclosure office may take (an extension, a reply) can be
drafted by a clerk: the :class:`Draft` waits for approval and changes nothing in the procedure
until it is approved, so the deadlines keep running. Its trail (submitted, returned with a
comment, resubmitted, approved, withdrawn) is kept in :class:`DraftEntry` and shown in the
case's record beside its events. :class:`CaseFile` is a document released to the applicant
(the disclosed information, the part of it that can be disclosed): stored under the data
directory with a name of our own, listed on the case and in the reply letter.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.procedure.outcomes import OUTCOMES
from gongkai.web.applications.models import Application, CaseEvent

ACTION_LABELS = {"extend": "延长答复期限", "reply": "答复"}


class DraftStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "已批准"
    WITHDRAWN = "withdrawn", "已撤回"


OPEN_DRAFT = (DraftStatus.PENDING, DraftStatus.RETURNED)


class Draft(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="drafts")
    action = models.CharField("事项", max_length=40)  # actions.BY_NAME: extend, reply
    data = models.JSONField("内容", default=dict)  # the form's input, JSON-ready
    status = models.CharField(
        "状态",
        max_length=20,
        choices=DraftStatus.choices,
        default=DraftStatus.PENDING,
        db_index=True,
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    drafted_by_name = models.CharField("拟稿人", max_length=100)
    submitted_at = models.DateTimeField("提交时间")
    comment = models.TextField("退回意见", blank=True)
    decided_by_name = models.CharField("审批人", max_length=100, blank=True)
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    event = models.ForeignKey(
        CaseEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "呈批件"
        verbose_name_plural = "呈批件"
        ordering = ("-submitted_at", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=["application", "action"],
                condition=Q(status__in=OPEN_DRAFT),
                name="one_open_draft_per_step",
            ),
        )

    def __str__(self) -> str:
        return f"{self.application_id} {self.action} {self.get_status_display()}"

    @property
    def label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def lines(self) -> list[tuple[str, str]]:
        """What the draft proposes, as (label, text) for the case page and the queue."""
        data = self.data
        if self.action == "extend":
            return [
                ("延长", f"{data.get('workdays')}个工作日"),
                ("延期理由", data.get("reason") or ""),
            ]
        outcome = OUTCOMES.get(str(data.get("outcome")))
        lines = [("办理结果", outcome.label if outcome else str(data.get("outcome")))]
        grounds = [OUTCOMES[g].label for g in data.get("withheld_grounds") or [] if g in OUTCOMES]
        if grounds:
            lines.append(("不予公开部分的理由", "、".join(grounds)))
        lines.append(("答复理由", data.get("reason") or "（未填写）"))
        return lines


class DraftEntry(models.Model):
    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "提交审批"
        RESUBMITTED = "resubmitted", "修改后重新提交审批"
        RETURNED = "returned", "退回"
        APPROVED = "approved", "批准"
        WITHDRAWN = "withdrawn", "撤回呈批"

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField("事项", max_length=20, choices=Kind.choices)
    at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField("经办人", max_length=100)
    comment = models.TextField("意见", blank=True)

    class Meta:
        verbose_name = "审批记录"
        verbose_name_plural = "审批记录"
        ordering = ("at", "pk")


class CaseFile(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    draft = models.ForeignKey(
        Draft, null=True, blank=True, on_delete=models.SET_NULL, related_name="files"
    )
    event = models.ForeignKey(
        CaseEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="files"
    )
    name = models.CharField("文件名", max_length=200)  # the uploaded name, made safe
    stored = models.CharField(max_length=200, unique=True)  # relative to the files directory
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_by_name = models.CharField("上传人", max_length=100)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "答复附件"
        verbose_name_plural = "答复附件"
        ordering = ("uploaded_at", "pk")

    def __str__(self) -> str:
        return self.name
