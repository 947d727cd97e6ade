from django.urls import path

from gongkai.web.agencies import views

app_name = "account"
urlpatterns = [
    path("", views.account, name="settings"),
    path("tokens/", views.create_token, name="create_token"),
    path("tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke_token"),
    path("password/", views.PasswordChange.as_view(), name="password"),
    path("users/", views.users, name="users"),
    path("users/<int:staff_id>/password/", views.reset_password, name="reset_password"),
    path("users/<int:staff_id>/active/", views.set_active, name="set_active"),
]
