from django.urls import path

from blueledger.dispatch import views

app_name = "dispatch"
urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("open/", views.round_open, name="round_open"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("rounds/<int:pk>/settings/", views.round_settings, name="round_settings"),
    path("rounds/<int:pk>/dashboard/", views.dashboard, name="dashboard"),
    path("rounds/<int:pk>/dashboard/projects/", views.dashboard_projects, name="dashboard_projects"),
    path("rounds/<int:pk>/ranking/", views.ranking, name="ranking"),
    path("rounds/<int:pk>/objections/", views.objection_file, name="objection_file"),
    path("rounds/<int:pk>/objections/<int:objection_pk>/answer/", views.objection_answer, name="objection_answer"),
    path("rounds/<int:pk>/bulletin.docx", views.bulletin_download, name="bulletin"),
    path("rounds/<int:pk>/departments/<int:department_pk>/", views.department_report, name="department_report"),
    path("rounds/<int:pk>/departments/<int:department_pk>/template.xlsx", views.template_download,
         name="template_download"),
    path("rounds/<int:pk>/departments/<int:department_pk>/upload/", views.template_upload, name="template_upload"),
    path("rounds/<int:pk>/departments/<int:department_pk>/attachments/", views.attachment_upload,
         name="attachment_upload"),
    path("rounds/<int:pk>/departments/<int:department_pk>/return/", views.department_return,
         name="department_return"),
    path("rounds/<int:pk>/departments/<int:department_pk>/remind/", views.department_remind,
         name="department_remind"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/thumbnail.jpg", views.evidence_thumbnail, name="evidence_thumbnail"),
    path("rounds/<int:pk>/registry-fill/", views.registry_fill, name="registry_fill"),
    path("ledgers/<int:ledger_pk>/registry/", views.registry_targets, name="registry_targets"),
    path("targets/<int:quantity_pk>/registry/", views.registry_binding, name="registry_binding"),
    path("tasks/<int:task_pk>/history/", views.task_history, name="task_history"),
    path("reconciliation/", views.reconciliation_list, name="reconciliation_list"),
    path("reconciliation/<int:pk>/", views.reconciliation_detail, name="reconciliation_detail"),
    path("reconciliation/<int:pk>/rows/<int:row_pk>/", views.reconciliation_confirm, name="reconciliation_confirm"),
]
