"""Agencies in a hierarchy and the people who work for them."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    OFFICE = "office", "政府办公室"
    DEPARTMENT = "department", "政府部门"
    TOWN = "town", "乡镇（街道）"


class Agency(models.Model):
    name = models.CharField("机关名称", max_length=100, unique=True)
    kind = models.CharField("类别", max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of primary keys ("3/7/"), kept by services.create_agency: a subtree is
    # one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False)
    office_name = models.CharField("政府信息公开工作机构", max_length=100, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    postcode = models.CharField("邮编", max_length=10, blank=True)
    phone = models.CharField("电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    # named in every decision letter's remedies (docs/law.md#remedies); kept by the administrator,
    # never guessed: a letter that needs it is not issued while it is empty
    review_body = models.CharField(
        "行政复议机关",
        max_length=100,
        blank=True,
        help_text="答复书告知救济途径时写明的行政复议机关，如“临淄区人民政府”",
    )
    # where the law leaves room (docs/law.md#policy): passed to the procedure core as its Policy
    receipt_on_rest_day = models.CharField(
        "休息日收到申请的起算",
        max_length=20,
        default="as_is",
        choices=[("as_is", "自收到之日次日起算"), ("next_workday", "顺延至下一工作日后起算")],
    )

    class Meta:
        verbose_name = "行政机关"
        verbose_name_plural = "行政机关"
        ordering = ("path",)

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1


class Role(models.TextChoices):
    CLERK = "clerk", "经办人"
    APPROVER = "approver", "审批人（公开工作机构负责人）"
    SUPERVISOR = "supervisor", "监督人员（只读下级机关）"
    ADMINISTRATOR = "administrator", "系统管理员"


class StaffMember(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="所在机关", on_delete=models.PROTECT, related_name="staff"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    display_name = models.CharField("姓名", max_length=50)

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"

    def __str__(self) -> str:
        return f"{self.display_name}（{self.agency.name}，{self.get_role_display()}）"


class ApiToken(models.Model):
    """A bearer token for the HTTP API; only its SHA-256 is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField("用途", max_length=100, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
