from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from blueledger.core import views as core_views

core_patterns = ([path("parts/<slug:slug>/", core_views.part_pending, name="part")], "core")

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include(core_patterns)),
    path("orgs/", include("blueledger.orgs.urls")),
    path("users/", include("blueledger.users.urls")),
    path("ledgers/", include("blueledger.ledgers.urls")),
    path("projects/", include("blueledger.projects.urls")),
    path("fisheries/", include("blueledger.fisheries.urls")),
    path("dispatch/", include("blueledger.dispatch.urls")),
    path("api/", include("blueledger.api_urls")),
    path("admin/", admin.site.urls),
]
