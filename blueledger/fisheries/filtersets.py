import django_filters

from blueledger.fisheries.choices import AlertStatus, EventKind, Gear
from blueledger.fisheries.models import Alert, Vessel


class VesselFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="船名")
    gear = django_filters.ChoiceFilter(choices=Gear.choices, label="作业类型")
    home_port = django_filters.CharFilter(lookup_expr="exact", label="依港港口")

    class Meta:
        model = Vessel
        fields = ["q", "gear", "home_port", "status"]


class AlertFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=AlertStatus.choices, label="状态")
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, label="类型")
    rule = django_filters.CharFilter(label="规则")

    class Meta:
        model = Alert
        fields = ["status", "kind", "rule"]
