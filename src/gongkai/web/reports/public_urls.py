"""The published annual reports, for everyone: mounted in the public URL space (/apply/reports/)."""

from django.urls import path

from gongkai.web.reports.views import public

app_name = "public_reports"
urlpatterns = [
    path("", public.public_list, name="list"),
    path("<int:report_id>/", public.public_detail, name="detail"),
    path("<int:report_id>/files/<str:fmt>/", public.public_download, name="download"),
]
