from django.urls import path

from gongkai.web.letters import views

app_name = "letters"
urlpatterns = [
    path("", views.template_list, name="templates"),
    path("<int:template_id>/", views.template_edit, name="edit"),
    path("review-bodies/", views.review_bodies, name="review_bodies"),
]
