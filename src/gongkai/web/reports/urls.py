from django.urls import path

from gongkai.web.reports.views import edit, staff

app_name = "reports"
urlpatterns = [
    path("", staff.report_list, name="list"),
    path("open/", staff.open_report, name="open"),
    path("import/", staff.import_report, name="import"),
    path("<int:report_id>/", staff.report_detail, name="detail"),
    path("<int:report_id>/cell/", staff.cell_records, name="cell"),
    path("<int:report_id>/files/<str:fmt>/", staff.download, name="download"),
    path("<int:report_id>/save/", edit.save, name="save"),
    path("<int:report_id>/submit/", edit.submit, name="submit"),
    path("<int:report_id>/withdraw/", edit.withdraw, name="withdraw"),
    path("<int:report_id>/return/", edit.return_report, name="return"),
    path("<int:report_id>/publish/", edit.publish, name="publish"),
    path("<int:report_id>/publish/confirm/", edit.confirm_publish, name="confirm"),
    path("<int:report_id>/reopen/", edit.reopen, name="reopen"),
]
