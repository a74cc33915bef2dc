"""The daily 在港率 at the 20时 check: vessels under closure (by their home port's sea area and gear) counted by
region and home port, the ones at sea or offline listed with how long, exempt gear left out, the scope kept;
a day outside the moratorium has no closure; the per-port 船位图 gives each vessel's last position."""

from __future__ import annotations

import datetime
from datetime import UTC
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.urls import reverse

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.fisheries import selectors
from blueledger.fisheries.storage import positions_root
from blueledger.fisheries.tests.factories import make_vessel
from blueledger.fisheries.tracks.positions import POSITION_SCHEMA
from blueledger.fisheries.tracks.store import positions_write
from blueledger.users.choices import Role

DAY = datetime.date(2026, 6, 10)
PORT = (36.7958, 121.4906)  # a WEIHAI anchorage point (GFW)
SEA = (37.5, 123.0)


def _track(vessel: str, points: list[tuple[int, int, tuple[float, float]]]) -> list[dict[str, Any]]:
    """(Beijing hour, minute, place) → position rows of `vessel` on DAY."""
    rows = []
    for hour, minute, (lat, lon) in points:
        moment = datetime.datetime(DAY.year, DAY.month, DAY.day, hour, minute, tzinfo=UTC) - datetime.timedelta(hours=8)
        rows.append({"vessel": vessel, "time": moment, "lat": lat, "lon": lon,
                     "speed_knots": 0.0 if (lat, lon) == PORT else 8.0, "course": 0.0, "gear": "", "source": "test",
                     "line": 0})
    return rows


def _half_hours(first: tuple[int, int], last: tuple[int, int], place: tuple[float, float]) -> list[Any]:
    start, end = first[0] * 60 + first[1], last[0] * 60 + last[1]
    return [(m // 60, m % 60, place) for m in range(start, end + 1, 30)]


@pytest.fixture
def world(shandong: dict[str, Any], tmp_path: Path, settings: Any) -> dict[str, Any]:
    settings.DATA_DIR = tmp_path
    return build_moratorium_world(shandong)


def build_moratorium_world(shandong: dict[str, Any]) -> dict[str, Any]:
    """Five vessels and their positions of DAY (under settings.DATA_DIR): in Qingdao and Huangdao one moored, one
    away since 14时, one silent since 10时 and one 钓具 at sea; in Weifang one at sea."""
    qingdao, weifang = shandong["qingdao"], shandong["weifang"]
    moored = make_vessel(qingdao, name="鲁荣渔50001")
    away = make_vessel(shandong["huangdao"], name="鲁荣渔50002")
    silent = make_vessel(qingdao, name="鲁荣渔50003")
    angler = make_vessel(qingdao, name="鲁荣渔50004", gear="钓具")
    elsewhere = make_vessel(weifang, name="鲁潍渔50005", home_port="潍坊港")
    rows = (
        _track(moored.mmsi, _half_hours((8, 0), (20, 0), PORT))
        + _track(away.mmsi, _half_hours((8, 0), (14, 0), PORT) + _half_hours((14, 30), (19, 30), SEA))
        + _track(silent.mmsi, _half_hours((8, 0), (10, 0), PORT))
        + _track(angler.mmsi, _half_hours((8, 0), (19, 30), SEA))
        + _track(elsewhere.mmsi, _half_hours((8, 0), (19, 30), SEA))
    )
    positions_write(pl.DataFrame(rows, schema=POSITION_SCHEMA), positions_root())
    dispatcher = make_user(make_department(qingdao), Role.DISPATCHER)
    return {"dispatcher": dispatcher, "moored": moored, "away": away, "silent": silent, "qingdao": qingdao}


def test_the_days_rate_by_region_and_port_with_the_vessels_away(world: dict[str, Any]) -> None:
    occupancy = selectors.daily_occupancy(user=world["dispatcher"], day=DAY)

    assert occupancy.at == datetime.datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
    assert occupancy.closures == ("渤海和黄海 35°N 以北: 5月1日12时至9月1日12时 (钓具除外)",)
    assert occupancy.not_closed == 1  # the 钓具 vessel fishes through the closure
    assert [(c.label, c.vessels, c.in_port, c.at_sea, c.offline) for c in occupancy.by_region] == [
        ("青岛市", 2, 1, 0, 1), ("黄岛区", 1, 0, 1, 0)]
    assert [(c.label, c.vessels, c.in_port_rate) for c in occupancy.by_port] == [("石岛", 3, Decimal(1) / 3)]
    assert [(s.vessel.name, s.status, occupancy.hours_away(s)) for s in occupancy.not_in_port] == [
        ("鲁荣渔50003", "offline", Decimal("10.0")), ("鲁荣渔50002", "at_sea", Decimal("6.0"))]


def test_the_page_and_the_port_map(world: dict[str, Any]) -> None:
    client = page_client(world["dispatcher"])
    body = client.get(reverse("fisheries:moratorium") + "?day=2026-06-10").content.decode()
    assert ("<th>合计</th><td class=\"number\">3</td><td class=\"number\">1</td><td class=\"number\">1</td>"
            "<td class=\"number\">1</td><td class=\"number\">33.3%</td>") in body
    assert "<td>离线</td>" in body and ">10.0小时</td>" in body and ">6.0小时</td>" in body
    assert "鲁潍渔50005" not in body and "鲁荣渔50004" not in body
    assert "另有 1 艘不在休渔期" in body

    response = client.get(reverse("fisheries:port_map") + "?port=石岛&day=2026-06-10")
    data = response.context["map_data"]
    assert [(v["name"], v["status"], v["lat"]) for v in data["vessels"]] == [
        ("鲁荣渔50001", "in_port", PORT[0]), ("鲁荣渔50002", "at_sea", SEA[0]), ("鲁荣渔50003", "offline", PORT[0])]
    assert len(data["anchorages"]) == 407  # WEIHAI's GFW anchorage points
    assert 'id="port-map-data"' in response.content.decode()
    assert client.get(reverse("fisheries:port_map") + "?port=潍坊港&day=2026-06-10").status_code == 404


def test_a_day_outside_the_moratorium_counts_no_vessel(world: dict[str, Any]) -> None:
    occupancy = selectors.daily_occupancy(user=world["dispatcher"], day=datetime.date(2026, 10, 1))
    assert (occupancy.closures, occupancy.total.vessels, occupancy.total.in_port_rate, occupancy.not_closed) == (
        (), 0, None, 4)


def test_the_map_layers_give_ports_anchorages_and_closure_lines(world: dict[str, Any]) -> None:
    client = page_client(world["dispatcher"])
    data = client.get(reverse("fisheries:map_layers") + "?bbox=36.5,121.0,37.5,123.0").json()
    assert {"WEIHAI", "RONGCHENG"} <= {port["name"] for port in data["ports"]}
    assert all(36.5 <= a[0] <= 37.5 and 121.0 <= a[1] <= 123.0 for a in data["anchorages"])
    assert [(line["name"], line["lat"]) for line in data["closures"]] == [
        ("41°30′N", 41.5), ("35°N", 35.0), ("26°30′N", 26.5), ("12°N", 12.0)]
    north = data["closures"][1]["rules"]
    assert {"side": "以北", "id": "north-of-35N", "label": "渤海和黄海 35°N 以北: 5月1日12时至9月1日12时 (钓具除外)",
            "dates": "5月1日12时至9月1日12时"} in north
    assert data["attribution"] == "锚地: Global Fishing Watch anchorages (Apache-2.0)"
    assert client.get(reverse("fisheries:map_layers")).status_code == 200
