"""The case register: one application, and the log of every event in its procedure.

The procedure's phase is stored on the application as a projection of its events, written by
the services in the same transaction as the event; so is the next-due index (due_index.py), from
which the lists of overdue and due-soon cases are read. The case page derives every deadline
from the events and the calendar whenever it is read (see casefile.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.procedure.events import EVENT_LABELS
from gongkai.procedure.receipt import CHANNEL_LABELS, CHANNELS
from gongkai.procedure.state import PHASE_LABELS
from gongkai.report.spec import APPLICANT_COLUMNS, APPLICANT_TYPES, OUTCOME_KEYS
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.labels import OUTCOME_LABELS
from gongkai.web.choice_labels import ChoiceLabels

APPLICANT_TYPE_CHOICES = [
    (c.key, c.label if c.key != "other_org" else "其他组织")
    for c in APPLICANT_COLUMNS
    if c.key in APPLICANT_TYPES
]
CHANNEL_CHOICES = [(c, CHANNEL_LABELS[c]) for c in CHANNELS]
OUTCOME_CHOICES = [(k, OUTCOME_LABELS[k]) for k in OUTCOME_KEYS]


class FormWanted(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子数据"
    INSPECTION = "inspection", "查阅、抄录"


class Delivery(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "网上获取"


class Application(ChoiceLabels):
    agency = models.ForeignKey(
        Agency, verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications"
    )
    tracking_number = models.CharField("申请编号", max_length=20, unique=True)
    secret_hash = models.CharField(max_length=200, blank=True)

    # how it came in (art. 31): what the applicant did, and the legal receipt date
    channel = models.CharField("提交方式", max_length=20, choices=CHANNEL_CHOICES)
    submitted_at = models.DateTimeField("提交时间")
    signed_on = models.DateField("签收日期", null=True, blank=True)
    arrived_on = models.DateField("信件到达日期", null=True, blank=True)
    confirmed_on = models.DateField("确认日期", null=True, blank=True)
    received_on = models.DateField("收到申请之日", null=True, blank=True, db_index=True)
    from_public_form = models.BooleanField("网上申请", default=False)

    # the applicant (art. 29 para. 2 item 1)
    applicant_type = models.CharField("申请人类型", max_length=20, choices=APPLICANT_TYPE_CHOICES)
    applicant_name = models.CharField("申请人姓名或名称", max_length=200)
    id_type = models.CharField("证件类型", max_length=40, blank=True)
    id_number = models.CharField("证件号码", max_length=60, blank=True)
    contact_person = models.CharField("联系人", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=300, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)

    # what is asked for (item 2) and in which form (item 3)
    description = models.TextField("所需政府信息的名称、文号或者便于查询的其他特征性描述")
    form_wanted = models.CharField(
        "获取信息的形式", max_length=20, choices=FormWanted.choices, default=FormWanted.ELECTRONIC
    )
    delivery = models.CharField(
        "获取信息的方式", max_length=20, choices=Delivery.choices, default=Delivery.EMAIL
    )

    # projection of the event log, written by services only
    phase = models.CharField(
        "办理阶段",
        max_length=40,
        db_index=True,
        choices=[(p.value, label) for p, label in PHASE_LABELS.items()],
    )
    outcome = models.CharField("办理结果", max_length=40, choices=OUTCOME_CHOICES, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ("-received_on", "-pk")
        indexes = (
            # by phase, in receipt order (the dashboard's paused cases read this index alone)
            models.Index(fields=["agency", "phase", "received_on"], name="application_phase"),
            # the case list: its order, then the columns its filters test, so that a page and a
            # (capped) count walk this index without reading the cases they pass over
            models.Index(
                fields=[
                    "received_on",
                    "id",
                    "agency",
                    "phase",
                    "applicant_type",
                    "channel",
                    "outcome",
                ],
                name="application_list_order",
            ),
        )

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.applicant_name}"

    @property
    def is_closed(self) -> bool:
        return bool(self.outcome)


class CaseEvent(ChoiceLabels):
    """One step of the procedure: who recorded it, when, on which legal date, why, with what."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField("事项", max_length=40, choices=list(EVENT_LABELS.items()))
    occurred_on = models.DateField("发生日期")
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField("经办人", max_length=100, blank=True)
    reason = models.TextField("理由", blank=True)
    summary = models.CharField("摘要", max_length=300, blank=True)
    warnings = models.JSONField("提示", default=list, blank=True)
    # the core event as JSON (gongkai.procedure.events.event_to_data); web-only extras
    # (e.g. the fee quantity) sit beside it under "extra"
    data = models.JSONField("数据", default=dict, blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ("application", "seq")
        constraints = (
            models.UniqueConstraint(fields=["application", "seq"], name="one_event_per_seq"),
        )

    def __str__(self) -> str:
        return f"{self.application_id}#{self.seq} {self.get_kind_display()}"


from gongkai.web.applications.drafting import CaseFile, Draft, DraftEntry  # noqa: E402

__all__ = ["Application", "CaseEvent", "CaseFile", "Draft", "DraftEntry"]
from gongkai.web.applications.due_index import NextDue  # noqa: E402,F401
from gongkai.web.applications.saved import SavedFilter  # noqa: E402,F401
