from django.urls import path

from blueledger.orgs import views

app_name = "orgs"
urlpatterns = [
    path("regions/", views.region_list, name="region_list"),
    path("regions/<str:code>/", views.region_detail, name="region_detail"),
    path("regions/<str:code>/edit/", views.region_edit, name="region_edit"),
    path("departments/", views.department_list, name="department_list"),
    path("departments/new/", views.department_create, name="department_create"),
    path("departments/export.xlsx", views.department_export, name="department_export"),
    path("departments/import/", views.department_import, name="department_import"),
    path("departments/<int:pk>/", views.department_detail, name="department_detail"),
    path("departments/<int:pk>/edit/", views.department_edit, name="department_edit"),
    path("departments/<int:pk>/aliases/", views.department_alias_add, name="department_alias_add"),
    path(
        "departments/<int:pk>/aliases/<int:alias_pk>/delete/",
        views.department_alias_remove,
        name="department_alias_remove",
    ),
]
