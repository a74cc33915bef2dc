from django.urls import path

from blueledger.ledgers import views

app_name = "ledgers"
urlpatterns = [
    path("", views.ledger_list, name="ledger_list"),
    path("upload/", views.ledger_upload, name="ledger_upload"),
    path("<int:pk>/", views.ledger_detail, name="ledger_detail"),
    path("<int:pk>/export/", views.ledger_export, name="ledger_export"),
    path("<int:pk>/edit/", views.ledger_edit, name="ledger_edit"),
    path("<int:pk>/publish/", views.ledger_publish, name="ledger_publish"),
    path("<int:pk>/resolve/", views.ledger_resolve, name="ledger_resolve"),
    path("<int:pk>/quantities/new/", views.quantity_create, name="quantity_create"),
    path("quantities/<int:pk>/", views.quantity_row, name="quantity_row"),
    path("quantities/<int:pk>/edit/", views.quantity_edit, name="quantity_edit"),
    path("quantities/<int:pk>/delete/", views.quantity_delete, name="quantity_delete"),
    path("<int:pk>/assign/", views.ledger_assign_unassigned, name="ledger_assign_unassigned"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/responsibilities/", views.responsibility_add, name="responsibility_add"),
    path("responsibilities/<int:pk>/remove/", views.responsibility_remove, name="responsibility_remove"),
    path("tasks/<int:pk>/close/", views.item_close, {"kind": "task"}, name="task_close"),
    path("quantities/<int:pk>/close/", views.item_close, {"kind": "quantity"}, name="quantity_close"),
    path("closures/<int:pk>/strike-off/", views.closure_strike_off, name="closure_strike_off"),
    path("tasks/<int:pk>/extension/", views.extension_request, {"kind": "task"}, name="task_extension"),
    path("quantities/<int:pk>/extension/", views.extension_request, {"kind": "quantity"},
         name="quantity_extension"),
    path("extensions/", views.extension_list, name="extension_list"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
]
