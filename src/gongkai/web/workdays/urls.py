from django.urls import path

from gongkai.web.workdays import views

app_name = "workdays"
urlpatterns = [path("", views.arrangements, name="arrangements")]
