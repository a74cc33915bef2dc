from django.urls import path

from blueledger.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.indicators, name="indicators"),
    path("registry/", views.project_list, name="project_list"),
    path("new/", views.project_create, name="project_create"),
    path("dispatch/export.xlsx", views.dispatch_export, name="dispatch_export"),
    path("dispatch/import/", views.dispatch_import_page, name="dispatch_import"),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("pipeline/new/", views.lead_create, name="lead_create"),
    path("pipeline/<int:pk>/", views.lead_detail, name="lead_detail"),
    path("pipeline/<int:pk>/stage/", views.lead_stage_change, name="lead_stage_change"),
    path("pipeline/<int:pk>/convert/", views.lead_convert, name="lead_convert"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("<int:pk>/reports/", views.report_save, name="report_save"),
]
