"""The key-projects part of `blueledger demo`: Qingdao's registry and 招商 leads of the first half of 2023."""

from collections.abc import Callable

from blueledger.projects.fixtures import qingdao_fixture_load, qingdao_leads_load

DEMO_ORDER = 30


def demo_load(*, write: Callable[[str], None], province_scale: float | None) -> None:
    write(f"青岛重点项目 (2023年1–6月): 新建 {qingdao_fixture_load(actor=None)}")
    write(f"青岛招商线索 (2023年上半年): 新建 {qingdao_leads_load(actor=None)}")
