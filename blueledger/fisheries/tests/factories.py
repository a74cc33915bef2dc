"""Plain factories for the fisheries tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from blueledger.fisheries import services
from blueledger.fisheries.models import Alert, Vessel
from blueledger.orgs.models import Region

_serial = itertools.count(1)


def make_vessel(region: Region, **values: Any) -> Vessel:
    number = next(_serial)
    defaults: dict[str, Any] = {
        "name": f"鲁荣渔{58000 + number:05d}",
        "registry_port": "石岛",
        "home_port": "石岛",
        "home_port_code": "WEIHAI",
        "mmsi": f"412{number:06d}",
        "gear": "拖网",
    }
    return services.vessel_create(actor=None, region=region, **{**defaults, **values})


def breach_event(vessel: str, start: str = "2026-06-01T02:00:00Z", rule: str = "north-of-35N") -> dict[str, Any]:
    return {
        "kind": "moratorium_breach",
        "vessel": vessel,
        "start": start,
        "end": "2026-06-01T06:00:00Z",
        "lat": 37.5,
        "lon": 123.0,
        "rule": rule,
        "detail": {"positions": 9, "moving_min_speed_knots": 1.0},
    }


def make_alert(region: Region, vessel: Vessel) -> Alert:
    services.alerts_record(actor=None, region=region, events=[breach_event(vessel.mmsi)])
    return Alert.objects.get(vessel=vessel)


NOW = datetime(2026, 6, 1, tzinfo=UTC)
