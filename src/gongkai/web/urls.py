from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from gongkai.web.api.api import api
from gongkai.web.public.login import AdminLoginForm, LoginView

admin.site.login_form = AdminLoginForm  # the admin's login is throttled as the staff's

urlpatterns = [
    path("", include("gongkai.web.portal.urls")),
    path("", include("gongkai.web.applications.urls")),
    path("apply/reports/", include("gongkai.web.reports.public_urls")),
    path("apply/", include("gongkai.web.public.urls")),
    path("calendar/", include("gongkai.web.workdays.urls")),
    path("letters/", include("gongkai.web.letters.urls")),
    path("reports/", include("gongkai.web.reports.urls")),
    path("registers/", include("gongkai.web.registers.urls")),
    path("supervision/", include("gongkai.web.supervision.urls")),
    path("account/", include("gongkai.web.agencies.urls")),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "gongkai.web.errors.bad_request"
handler403 = "gongkai.web.errors.permission_denied"
handler404 = "gongkai.web.errors.page_not_found"
handler500 = "gongkai.web.errors.server_error"
