from django.urls import path

from gongkai.web.supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.home, name="home"),
    path("<int:region>/", views.board, name="board"),
    path("<int:region>/roster/<int:year>/", views.roster, name="roster"),
    path("<int:region>/roster/<int:year>/<int:pk>/link/", views.link, name="link"),
    path("<int:region>/runs/", views.runs, name="runs"),
    path("<int:region>/runs/<int:pk>/", views.run, name="run"),
    path("<int:region>/runs/<int:pk>/progress/", views.run_progress, name="run_progress"),
    path("<int:region>/runs/<int:pk>/assign/<int:file>/", views.assign, name="assign"),
    path("<int:region>/runs/<int:pk>/undo/", views.undo, name="undo"),
    path("<int:region>/<int:year>/cell/", views.cell, name="cell"),
    path("<int:region>/<int:year>/cell/report/", views.cell_report, name="cell_report"),
    path("<int:region>/<int:year>/findings/", views.findings, name="findings"),
    path("<int:region>/<int:year>/review/", views.review, name="review"),
]
