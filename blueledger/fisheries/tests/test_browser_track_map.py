"""In the browser, on the demo fleet: the breach vessel's map draws the offline land, the track, its port visit
and breach, the ports, GFW anchorages and closure lines, and the replay moves through the positions (slider and
play button); the 在港休渔渔船船位图 of 石岛 draws its vessels by state and its anchorage points. No page breaks
the content security policy (no inline script)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from blueledger.core.browser import log_in
from blueledger.core.snapshots import Snapshot
from blueledger.core.testing import TEST_PASSWORD, kept_for_module, make_user
from blueledger.fisheries.demo import demo_load
from blueledger.fisheries.models import Vessel
from blueledger.orgs.services import departments_load_file, regions_load_reference
from blueledger.users.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fleet_build() -> str:
    regions_load_reference(actor=None)
    departments_load_file(actor=None)
    demo_load(write=lambda line: None, province_scale=None)
    return ""


@pytest.fixture(scope="module")
def fleet(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> tuple[Snapshot, Path]:
    """The demo fleet built once for the module, its position stores in a directory of the module's."""
    data_dir = tmp_path_factory.mktemp("fisheries")
    with override_settings(DATA_DIR=data_dir), kept_for_module(django_db_blocker):
        return Snapshot.take(_fleet_build), data_dir


@pytest.fixture
def demo(browser_page: Any, live_server: Any, fleet: tuple[Snapshot, Path], settings: Any) -> Any:
    snapshot, settings.DATA_DIR = fleet
    snapshot.restore()
    make_user(None, Role.ADMIN, "admin")
    log_in(browser_page, live_server, "admin", TEST_PASSWORD)
    errors: list[str] = []
    browser_page.on("pageerror", lambda error: errors.append(str(error)))
    browser_page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


def test_the_track_map_draws_the_layers_the_track_and_its_events(
    browser_page: Any, live_server: Any, demo: list[str]
) -> None:
    vessel = Vessel.objects.get(name="鲁荣渔58003")
    browser_page.goto(f"{live_server.url}/fisheries/vessels/{vessel.pk}/map/")
    browser_page.wait_for_selector("#track-map[data-ready=layers]")
    browser_page.wait_for_selector("#track-events li")
    events = browser_page.inner_text("#track-events")
    assert "休渔期违规作业 (north-of-35N) 已结案" in events and "进港停泊 WEIHAI" in events
    map_ = browser_page.locator("#track-map")
    assert map_.locator("path.track-line").count() == 1
    assert map_.locator("path.alert-marker").count() >= 1 and map_.locator("path.visit-marker").count() >= 1
    assert map_.locator("path.port-marker").count() >= 3  # WEIHAI, RONGCHENG, … around the track
    assert int(map_.get_attribute("data-anchorages") or 0) > 50
    assert map_.locator("canvas").count() >= 1  # anchorage points drawn on a canvas
    closures = map_.locator("path.closure-line")
    assert closures.count() == 4  # 41.5°N, 35°N, 26°30′N and 12°N
    assert "Global Fishing Watch" in browser_page.inner_text(".leaflet-control-attribution")
    assert browser_page.locator(".leaflet-control-layers-overlays").inner_text().split() == [
        "港口", "锚地", "(GFW)", "休渔海域分界线", "山东近海", "(演示用范围)"]

    before = browser_page.inner_text("#replay-time")
    browser_page.fill("#replay", "200")
    browser_page.dispatch_event("#replay", "input")
    moved = browser_page.inner_text("#replay-time")
    assert moved != before
    browser_page.click("#replay-play")
    # Locator waits, not wait_for_function: its polling evaluates a string, which the page's CSP forbids.
    expect(browser_page.locator("#replay")).not_to_have_value("200")
    assert demo == []


def test_the_port_map_draws_the_ports_vessels_by_state(browser_page: Any, live_server: Any, demo: list[str]) -> None:
    browser_page.goto(f"{live_server.url}/fisheries/moratorium/?day=2026-05-01")
    browser_page.click("#rate-by-port tr:has-text('石岛') a")
    browser_page.wait_for_selector("#port-map[data-ready=layers]")
    map_ = browser_page.locator("#port-map")
    assert map_.locator("path.vessel-in_port").count() == 6
    assert map_.locator("path.vessel-at_sea").count() == 1
    assert map_.locator("path.home-anchorage").count() > 10
    assert map_.locator("path.closure-line").count() == 4
    map_.locator("path.vessel-at_sea").click()
    assert "鲁荣渔58003 在海上" in browser_page.inner_text(".leaflet-popup-content")
    assert demo == []
