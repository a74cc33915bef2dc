from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from blueledger.core import views as core_views
from blueledger.users import views as users_views
from blueledger.users.forms import ThrottledAuthenticationForm

core_patterns = ([
    path("parts/<slug:slug>/", core_views.part_pending, name="part"),
    path("notifications/", core_views.notifications, name="notifications"),
    path("notifications/count/", core_views.notification_count, name="notification_count"),
], "core")

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=ThrottledAuthenticationForm),
         name="login"),
    path("accounts/logout/", users_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", users_views.password_change, name="password_change"),
    path("accounts/password_change/done/", users_views.password_change_done, name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include(core_patterns)),
    path("orgs/", include("blueledger.orgs.urls")),
    path("users/", include("blueledger.users.urls")),
    path("ledgers/", include("blueledger.ledgers.urls")),
    path("projects/", include("blueledger.projects.urls")),
    path("fisheries/", include("blueledger.fisheries.urls")),
    path("dispatch/", include("blueledger.dispatch.urls")),
    path("economy/", include("blueledger.economy.urls")),
    path("api/", include("blueledger.api_urls")),
    path("admin/", admin.site.urls),
]
handler404 = "blueledger.core.views.page_not_found"
