from django.contrib import admin

from gongkai.web.agencies.models import Agency, StaffMember
from gongkai.web.agencies.services import set_path


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "phone", "review_body")
    readonly_fields = ("path",)

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if not obj.path:
            obj.path = "-"
        super().save_model(request, obj, form, change)
        set_path(obj)


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ("display_name", "user", "agency", "role")
    list_filter = ("role", "agency")
