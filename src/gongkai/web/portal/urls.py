from django.urls import path

from gongkai.web.portal import views

app_name = "portal"
urlpatterns = [
    path("apply/case/", views.case, name="case"),
    path("apply/case/correction/", views.correction, name="correction"),
    path("apply/case/letters/<int:seq>.docx", views.letter, name="letter"),
    path("apply/case/files/<int:file_id>/", views.released, name="file"),
    path("apply/case/leave/", views.leave, name="leave"),
    path(
        "cases/<int:case_id>/corrections/<int:file_id>/",
        views.staff_correction_file,
        name="staff_correction_file",
    ),
]
