from django.urls import path

from blueledger.economy import views

app_name = "economy"
urlpatterns = [
    path("", views.indicators, name="indicators"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/export.xlsx", views.unit_export, name="unit_export"),
    path("units/import/", views.unit_import, name="unit_import"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("figures.xlsx", views.figure_export, name="figure_export"),
    path("nowcast/", views.nowcast, name="nowcast"),
    path("trajectories/", views.trajectories, name="trajectories"),
    path("trajectories/export.xlsx", views.trajectory_export, name="trajectory_export"),
    path("classification/", views.classification, name="classification"),
    path("index/", views.composite_index, name="composite_index"),
    path("index/export.xlsx", views.composite_export, name="composite_export"),
    path("report.docx", views.quarterly_report, name="quarterly_report"),
    path("monthly.docx", views.monthly_report, name="monthly_report"),
    path("annual.docx", views.annual_report, name="annual_report"),
    path("clusters/", views.clusters, name="clusters"),
    path("clusters/export.xlsx", views.cluster_export, name="cluster_export"),
    path("forms/", views.form_round_list, name="form_round_list"),
    path("forms/<int:pk>/", views.form_round_detail, name="form_round_detail"),
    path("forms/<int:pk>/submissions.xlsx", views.form_round_export, name="form_round_export"),
    path("forms/<int:pk>/template.xlsx", views.form_round_template, name="form_round_template"),
    path("forms/<int:pk>/units/<int:unit_pk>/", views.submission_fill, name="submission_fill"),
]
