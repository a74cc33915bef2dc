from django.urls import path

from blueledger.fisheries import views

app_name = "fisheries"
urlpatterns = [
    path("", views.alert_list, name="alert_list"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert_detail"),
    path("alerts/<int:pk>/attachments/", views.alert_attachment_upload, name="alert_attachment_upload"),
    path("alerts/<int:pk>/<str:step>/", views.alert_action, name="alert_action"),
    path("alert-attachments/<int:pk>/", views.alert_attachment_download, name="alert_attachment_download"),
    path("alert-attachments/<int:pk>/thumbnail/", views.alert_attachment_thumbnail,
         name="alert_attachment_thumbnail"),
    path("moratorium/", views.moratorium, name="moratorium"),
    path("positions/ingest/", views.positions_ingest, name="positions_ingest"),
    path("moratorium/port/", views.port_map, name="port_map"),
    path("map/layers.json", views.map_layers, name="map_layers"),
    path("vessels/", views.vessel_list, name="vessel_list"),
    path("vessels/import/", views.vessel_import, name="vessel_import"),
    path("vessels/new/", views.vessel_create, name="vessel_create"),
    path("vessels/<int:pk>/", views.vessel_detail, name="vessel_detail"),
    path("vessels/<int:pk>/edit/", views.vessel_edit, name="vessel_edit"),
    path("vessels/<int:pk>/map/", views.vessel_map, name="vessel_map"),
    path("vessels/<int:pk>/track.json", views.vessel_track, name="vessel_track"),
    path("unregistered/", views.unregistered_vessel_list, name="unregistered_vessel_list"),
    path("unregistered/new/", views.unregistered_vessel_create, name="unregistered_vessel_create"),
    path("unregistered/<int:pk>/", views.unregistered_vessel_detail, name="unregistered_vessel_detail"),
    path("unregistered/<int:pk>/edit/", views.unregistered_vessel_edit, name="unregistered_vessel_edit"),
]
