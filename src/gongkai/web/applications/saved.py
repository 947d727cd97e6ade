"""Saved filters of the case list: a name and the query string, per user."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SavedFilter(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_case_filters"
    )
    name = models.CharField("名称", max_length=50)
    query = models.CharField("筛选条件", max_length=1000)
    created_at = models.DateTimeField("保存时间", auto_now_add=True)

    class Meta:
        app_label = "applications"
        verbose_name = "保存的筛选条件"
        verbose_name_plural = "保存的筛选条件"
        ordering = ("name",)
        constraints = (
            models.UniqueConstraint(fields=["user", "name"], name="one_filter_name_per_user"),
        )

    def __str__(self) -> str:
        return self.name
