from django.urls import path

from blueledger.economy import views

app_name = "economy"
urlpatterns = [
    path("", views.indicators, name="indicators"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/export.xlsx", views.unit_export, name="unit_export"),
    path("units/import/", views.unit_import, name="unit_import"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("trajectories/", views.trajectories, name="trajectories"),
    path("classification/", views.classification, name="classification"),
    path("index/", views.composite_index, name="composite_index"),
    path("report.docx", views.quarterly_report, name="quarterly_report"),
]
