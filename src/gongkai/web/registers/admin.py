"""Read-only admin pages: the registers change only through the services, which check the
rules and pass the year-end lock (a change in the admin would bypass both)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.web.registers.models import (
    CatalogueEntry,
    Decision,
    Dispute,
    FeeIncome,
    ImportBatch,
    OtherMatter,
    RegisteredDocument,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    list_per_page = 50

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RegisteredDocument)
class RegisteredDocumentAdmin(ReadOnlyAdmin):
    list_display = ("number", "title", "kind", "agency", "issued_on", "repealed_on", "expires_on")
    list_filter = ("kind", "agency")
    search_fields = ("number", "title")
    date_hierarchy = "issued_on"


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = (
        "year",
        "kind",
        "decided_on",
        "reference",
        "subject",
        "count",
        "source",
        "agency",
    )
    list_filter = ("year", "kind", "source", "agency")
    search_fields = ("reference", "subject")


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ("file_name", "agency", "rows", "imported_at", "actor_name")
    list_filter = ("agency",)


@admin.register(FeeIncome)
class FeeIncomeAdmin(ReadOnlyAdmin):
    list_display = ("year", "item", "amount", "agency")
    list_filter = ("year", "agency")
    search_fields = ("item",)


@admin.register(CatalogueEntry)
class CatalogueEntryAdmin(ReadOnlyAdmin):
    list_display = (
        "index_no",
        "title",
        "agency",
        "created_on",
        "published_on",
        "review_conclusion",
    )
    list_filter = ("review_conclusion", "agency")
    search_fields = ("index_no", "title", "doc_number")
    date_hierarchy = "created_on"


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyAdmin):
    list_display = (
        "path",
        "case_number",
        "claimant",
        "agency",
        "filed_on",
        "outcome",
        "concluded_on",
    )
    list_filter = ("path", "outcome", "agency")
    search_fields = ("case_number", "claimant", "application__tracking_number")


@admin.register(OtherMatter)
class OtherMatterAdmin(ReadOnlyAdmin):
    list_display = ("on", "kind", "title", "count", "agency")
    list_filter = ("kind", "agency")
    search_fields = ("title",)
