from django.contrib import admin

from gongkai.web.letters.models import LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ("__str__", "title", "updated_at")
