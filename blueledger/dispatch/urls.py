from django.urls import path

from blueledger.dispatch.views.bulletin import bulletin_settings
from blueledger.dispatch.views.dashboard import dashboard, dashboard_projects
from blueledger.dispatch.views.departments import (
    attachment_upload,
    department_report,
    department_return,
    evidence_download,
    evidence_thumbnail,
    item_return,
    task_history,
    template_download,
    template_upload,
)
from blueledger.dispatch.views.downloads import (
    bulletin_download,
    dashboard_export,
    ranking_export,
    round_reports_export,
)
from blueledger.dispatch.views.instructions import instruction_create, instruction_implemented
from blueledger.dispatch.views.ranking import objection_answer, objection_file, ranking
from blueledger.dispatch.views.reconciliation import reconciliation_confirm, reconciliation_detail, reconciliation_list
from blueledger.dispatch.views.registry import registry_binding, registry_fill, registry_targets
from blueledger.dispatch.views.rounds import (
    department_remind,
    round_close,
    round_detail,
    round_list,
    round_open,
    round_reopen,
    round_settings,
)

app_name = "dispatch"
urlpatterns = [
    path("", round_list, name="round_list"),
    path("open/", round_open, name="round_open"),
    path("rounds/<int:pk>/", round_detail, name="round_detail"),
    path("rounds/<int:pk>/close/", round_close, name="round_close"),
    path("rounds/<int:pk>/settings/", round_settings, name="round_settings"),
    path("rounds/<int:pk>/reopen/", round_reopen, name="round_reopen"),
    path("rounds/<int:pk>/dashboard/", dashboard, name="dashboard"),
    path("rounds/<int:pk>/dashboard/projects/", dashboard_projects, name="dashboard_projects"),
    path("rounds/<int:pk>/ranking/", ranking, name="ranking"),
    path("rounds/<int:pk>/objections/", objection_file, name="objection_file"),
    path("rounds/<int:pk>/objections/<int:objection_pk>/answer/", objection_answer, name="objection_answer"),
    path("rounds/<int:pk>/bulletin.docx", bulletin_download, name="bulletin"),
    path("ledgers/<int:ledger_pk>/bulletin/", bulletin_settings, name="bulletin_settings"),
    path("instructions/", instruction_create, name="instruction_create"),
    path("instructions/<int:pk>/implemented/", instruction_implemented, name="instruction_implemented"),
    path("rounds/<int:pk>/departments/<int:department_pk>/", department_report, name="department_report"),
    path("rounds/<int:pk>/departments/<int:department_pk>/template.xlsx", template_download,
         name="template_download"),
    path("rounds/<int:pk>/departments/<int:department_pk>/upload/", template_upload, name="template_upload"),
    path("rounds/<int:pk>/departments/<int:department_pk>/attachments/", attachment_upload,
         name="attachment_upload"),
    path("rounds/<int:pk>/departments/<int:department_pk>/return/", department_return,
         name="department_return"),
    path("rounds/<int:pk>/departments/<int:department_pk>/remind/", department_remind,
         name="department_remind"),
    path("evidence/<int:pk>/", evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/thumbnail.jpg", evidence_thumbnail, name="evidence_thumbnail"),
    path("rounds/<int:pk>/reports.xlsx", round_reports_export, name="round_reports_export"),
    path("rounds/<int:pk>/ranking.xlsx", ranking_export, name="ranking_export"),
    path("rounds/<int:pk>/dashboard.xlsx", dashboard_export, name="dashboard_export"),
    path("rounds/<int:pk>/items/<int:slot_pk>/return/", item_return, name="item_return"),
    path("rounds/<int:pk>/registry-fill/", registry_fill, name="registry_fill"),
    path("ledgers/<int:ledger_pk>/registry/", registry_targets, name="registry_targets"),
    path("targets/<int:quantity_pk>/registry/", registry_binding, name="registry_binding"),
    path("tasks/<int:task_pk>/history/", task_history, name="task_history"),
    path("reconciliation/", reconciliation_list, name="reconciliation_list"),
    path("reconciliation/<int:pk>/", reconciliation_detail, name="reconciliation_detail"),
    path("reconciliation/<int:pk>/rows/<int:row_pk>/", reconciliation_confirm, name="reconciliation_confirm"),
]
