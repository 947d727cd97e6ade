from django.urls import path

from gongkai.web.supervision.views import (
    board,
    clearance,
    dashboard,
    findings,
    notices,
    rectification,
    rollup,
    roster,
    runs,
    unit,
)

app_name = "supervision"
urlpatterns = [
    path("", roster.home, name="home"),
    path("<int:region>/", board.board, name="board"),
    path("<int:region>/roster/<int:year>/", roster.roster, name="roster"),
    path("<int:region>/roster/<int:year>/<int:pk>/link/", roster.link, name="link"),
    path("<int:region>/runs/", runs.runs, name="runs"),
    path("<int:region>/runs/<int:pk>/", runs.run, name="run"),
    path("<int:region>/runs/<int:pk>/progress/", runs.run_progress, name="run_progress"),
    path("<int:region>/runs/<int:pk>/assign/<int:file>/", runs.assign, name="assign"),
    path("<int:region>/runs/<int:pk>/undo/", runs.undo, name="undo"),
    path("<int:region>/<int:year>/cell/", board.cell, name="cell"),
    path("<int:region>/<int:year>/cell/report/", board.cell_report, name="cell_report"),
    path("<int:region>/<int:year>/findings/", findings.findings, name="findings"),
    path("<int:region>/<int:year>/review/", findings.review, name="review"),
    path("<int:region>/clearance/", clearance.queue, name="clearance"),
    path("<int:region>/clearance/policy/", clearance.policy, name="clearance_policy"),
    path("<int:region>/clearance/<int:report_id>/", clearance.review, name="clearance_review"),
    path(
        "<int:region>/clearance/<int:report_id>/decide/", clearance.decide, name="clearance_decide"
    ),
    path("clearance/report/<int:report_id>/submit/", clearance.submit, name="clearance_submit"),
    path("<int:region>/unit/<path:unit_id>/", unit.unit, name="unit"),
    path(
        "<int:region>/unit-report/<int:year>/<path:unit_id>/", unit.unit_report, name="unit_report"
    ),
    path("<int:region>/rectify/", rectification.items, name="rectify_list"),
    path("<int:region>/rectify/new/", rectification.new_from_finding, name="rectify_new"),
    path("<int:region>/rectify/<int:pk>/", rectification.item, name="rectify_item"),
    path("rectify/", rectification.unit_items, name="unit_items"),
    path("rectify/<int:pk>/", rectification.unit_item, name="unit_item"),
    path("rectify/<int:pk>/file/<int:event>/", rectification.corrected_file, name="rectify_file"),
    path(
        "rectify/<int:pk>/report/<int:event>/",
        rectification.corrected_report,
        name="rectify_report",
    ),
    path("<int:region>/notices/", notices.notice_list, name="notices"),
    path("<int:region>/notices/new/", notices.notice_new, name="notice_new"),
    path("<int:region>/notices/<int:pk>/", notices.notice_detail, name="notice"),
    path("<int:region>/notices/<int:pk>/edit/", notices.notice_edit, name="notice_edit"),
    path("<int:region>/notices/<int:pk>/issue/", notices.notice_issue, name="notice_issue"),
    path("<int:region>/notices/<int:pk>/rectify/", notices.notice_rectify, name="notice_rectify"),
    path(
        "<int:region>/notices/<int:pk>/download/<str:fmt>/",
        notices.notice_download,
        name="notice_download",
    ),
    path("<int:region>/<int:year>/rollup/<str:fmt>/", rollup.rollup, name="rollup"),
    path("<int:region>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("<int:region>/<int:year>/figure/", dashboard.figure_units, name="figure_units"),
]
