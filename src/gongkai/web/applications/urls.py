from django.urls import path

from gongkai.web.applications.views import amend, cases, dashboard, drafts, letters, steps

app_name = "cases"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("deadlines/<str:which>/", dashboard.deadlines, name="deadlines"),
    path("cases/", cases.case_list, name="list"),
    path("cases/new/", cases.register, name="register"),
    path("cases/export.<str:fmt>", cases.case_export, name="export"),
    path("cases/filters/", cases.save_filter, name="save_filter"),
    path("cases/filters/<int:filter_id>/delete/", cases.delete_filter, name="delete_filter"),
    path("cases/<int:case_id>/", cases.case_detail, name="detail"),
    path("cases/<int:case_id>/steps/<str:name>/", steps.step, name="step"),
    path("cases/<int:case_id>/amend/", amend.amend, name="amend"),
    path("cases/<int:case_id>/letters/<int:seq>.docx", letters.letter, name="letter"),
    path(
        "cases/<int:case_id>/drafts/<int:draft_id>/approve/", drafts.approve, name="draft_approve"
    ),
    path(
        "cases/<int:case_id>/drafts/<int:draft_id>/return/",
        drafts.return_draft,
        name="draft_return",
    ),
    path(
        "cases/<int:case_id>/drafts/<int:draft_id>/withdraw/",
        drafts.withdraw,
        name="draft_withdraw",
    ),
    path("cases/<int:case_id>/files/<int:file_id>/", drafts.case_file, name="file"),
]
