"""In the browser: a dispatcher opens the demo breach vessel's map; the offline land layer, the track and the
breach marker are drawn, and the replay slider moves through the positions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from blueledger.core.browser import log_in
from blueledger.core.testing import TEST_PASSWORD, make_user
from blueledger.fisheries.demo import demo_load
from blueledger.fisheries.models import Vessel
from blueledger.orgs.services import departments_load_file, regions_load_reference
from blueledger.users.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_track_map_draws_land_track_and_the_breach(
    browser_page: Any, live_server: Any, tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path
    regions_load_reference(actor=None)
    departments_load_file(actor=None)
    demo_load(write=lambda line: None, province_scale=None)
    make_user(None, Role.ADMIN, "admin")
    vessel = Vessel.objects.get(name="鲁荣渔58003")
    log_in(browser_page, live_server, "admin", TEST_PASSWORD)
    browser_page.goto(f"{live_server.url}/fisheries/vessels/{vessel.pk}/map/")
    browser_page.wait_for_selector("#track-alerts li")
    assert "休渔期违规作业 (north-of-35N) 已结案" in browser_page.inner_text("#track-alerts")
    assert browser_page.locator("#track-map path.leaflet-interactive").count() >= 3  # land, track, markers
    before = browser_page.inner_text("#replay-time")
    browser_page.fill("#replay", "200")
    browser_page.dispatch_event("#replay", "input")
    assert browser_page.inner_text("#replay-time") != before
