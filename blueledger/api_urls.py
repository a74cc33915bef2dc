from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from blueledger.dispatch.api.views import ReportingRoundViewSet, ReportSlotViewSet
from blueledger.economy.api.views import (
    EconomyFigureViewSet,
    FormRoundViewSet,
    IndexValuesView,
    ReportingFormViewSet,
    StatisticalUnitViewSet,
    TrajectoryView,
)
from blueledger.fisheries.api.views import (
    AlertAttachmentViewSet,
    AlertViewSet,
    MoratoriumView,
    TargetBindingViewSet,
    UnregisteredVesselViewSet,
    VesselViewSet,
)
from blueledger.ledgers.api.views import LedgerViewSet
from blueledger.orgs.api.views import DepartmentViewSet, RegionViewSet
from blueledger.projects.api.views import ProjectIndicatorsView, ProjectViewSet
from blueledger.users.api.views import TokenIssueView, UserViewSet

router = DefaultRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("departments", DepartmentViewSet, basename="department")
router.register("users", UserViewSet, basename="user")
router.register("ledgers", LedgerViewSet, basename="ledger")
router.register("projects", ProjectViewSet, basename="project")
router.register("dispatch-rounds", ReportingRoundViewSet, basename="dispatch-round")
router.register("report-slots", ReportSlotViewSet, basename="report-slot")
router.register("economy-units", StatisticalUnitViewSet, basename="economy-unit")
router.register("economy-figures", EconomyFigureViewSet, basename="economy-figure")
router.register("economy-forms", ReportingFormViewSet, basename="economy-form")
router.register("economy-form-rounds", FormRoundViewSet, basename="economy-form-round")
router.register("vessels", VesselViewSet, basename="vessel")
router.register("fisheries-alerts", AlertViewSet, basename="fisheries-alert")
router.register("unregistered-vessels", UnregisteredVesselViewSet, basename="unregistered-vessel")
router.register("fisheries-alert-attachments", AlertAttachmentViewSet, basename="fisheries-alert-attachment")
router.register("fisheries-target-bindings", TargetBindingViewSet, basename="fisheries-target-binding")

urlpatterns = [
    path("project-indicators/", ProjectIndicatorsView.as_view(), name="project-indicators"),
    path("economy-trajectories/", TrajectoryView.as_view(), name="economy-trajectories"),
    path("economy-index-values/", IndexValuesView.as_view(), name="economy-index-values"),
    path("fisheries-moratorium/", MoratoriumView.as_view(), name="fisheries-moratorium"),
    path("", include(router.urls)),
    path("token/", TokenIssueView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Split: the Swagger UI set-up is served as a script file, not inline code, so the CSP holds.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
