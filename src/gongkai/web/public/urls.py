from django.urls import path

from gongkai.web.public import views

app_name = "public"
urlpatterns = [
    path("", views.apply, name="apply"),
    path("track/", views.lookup, name="lookup"),
]
