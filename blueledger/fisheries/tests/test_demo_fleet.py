"""The demo: a generated Shandong fleet (labelled generated) across the 2026 moratorium start gives port visits,
a breach closed with a fine, a 依港管船 handover, a gap and a foreign MMSI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from blueledger.fisheries.choices import AlertStatus
from blueledger.fisheries.demo import demo_load
from blueledger.fisheries.models import Alert, Vessel
from blueledger.orgs.services import departments_load_file, regions_load_reference


@pytest.mark.django_db
def test_demo_runs_a_moratorium_on_a_generated_fleet(tmp_path: Path, settings: Any) -> None:
    settings.DATA_DIR = tmp_path
    regions_load_reference(actor=None)
    departments_load_file(actor=None)
    lines: list[str] = []
    demo_load(write=lines.append, province_scale=None)
    assert lines[0].startswith("渔船监管 (生成的演示船队): 渔船 20 艘")
    assert Vessel.objects.count() == Vessel.objects.filter(is_generated=True).count() == 20
    alerts = {(a.kind, a.vessel.name if a.vessel else a.vessel_key): a for a in Alert.objects.all()}
    assert set(alerts) == {
        ("moratorium_breach", "鲁荣渔58003"),
        ("home_port", "鲁青渔20002"),
        ("gap", "鲁烟渔30002"),
        ("foreign", "440000001"),
    }
    breach = alerts[("moratorium_breach", "鲁荣渔58003")]
    assert (breach.status, str(breach.fine_yuan), breach.region.code) == (AlertStatus.CLOSED, "23800.00", "371000")
    handover = alerts[("home_port", "鲁青渔20002")]
    assert (handover.status, handover.assignee.region.code) == (AlertStatus.ASSIGNED, "370200")
    assert handover.detail["port"] == "WEIHAI" and handover.detail["home_port"] == "QINGDAO"
    assert any((tmp_path / "fisheries" / "positions").rglob("*.parquet"))
    again: list[str] = []
    demo_load(write=again.append, province_scale=None)
    assert again == ["渔船监管 (生成的演示船队): 已存在, 跳过"]


@pytest.mark.django_db
def test_the_moratorium_page_gives_in_port_rates_of_the_demo_fleet(tmp_path: Path, settings: Any) -> None:
    from django.urls import reverse

    from blueledger.core.testing import make_user, page_client
    from blueledger.users.choices import Role

    settings.DATA_DIR = tmp_path
    regions_load_reference(actor=None)
    departments_load_file(actor=None)
    demo_load(write=lambda line: None, province_scale=None)
    client = page_client(make_user(None, Role.ADMIN))
    body = client.get(reverse("fisheries:moratorium") + "?day=2026-05-01").content.decode()
    assert "渤海和黄海 35°N 以北: 5月1日12时至9月1日12时 (钓具除外)" in body
    assert ("<td>石岛</td><td class=\"number\">7</td><td class=\"number\">6</td><td class=\"number\">1</td>"
            "<td class=\"number\">0</td><td class=\"number\">85.7%</td>") in body
    assert ("<th>合计</th><td class=\"number\">16</td><td class=\"number\">15</td><td class=\"number\">1</td>"
            "<td class=\"number\">0</td><td class=\"number\">93.8%</td>") in body
    assert "另有 4 艘不在休渔期" in body
    assert "鲁荣渔58003</a></td><td>威海市</td><td>石岛</td><td>在海上</td>" in body
