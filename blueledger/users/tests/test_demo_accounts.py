"""The demo login list says which account is for what, one city per scenario."""

from __future__ import annotations

from blueledger.core.snapshots import Snapshot
from blueledger.users.demo import DEMO_ACCOUNTS


def test_each_scenario_runs_in_one_city_and_each_account_says_what_it_is_for() -> None:
    cities: dict[str, set[str]] = {}
    for username, _, _, region_code, _, _, scenario, purpose in DEMO_ACCOUNTS:
        assert purpose, username
        cities.setdefault(scenario, set()).add(region_code[:4])
    assert cities == {"威海 · 调度通报": {"3710"}, "青岛 · 台账与重点项目": {"3702"},
                      "潍坊 · 海洋经济": {"3707"}, "全部": {"3702"}}


def test_the_printed_list_names_the_scenario_and_the_purpose(db: object, demo_snapshot: Snapshot) -> None:
    text = demo_snapshot.restore()  # what the session's run of `blueledger demo` printed
    assert " 【威海 · 调度通报】\n  调度员    用户名 wh-dispatcher" in text
    assert "用户名 wh-reporter   密码 demo-wh-report-2026    工作台待填报;" in text
    assert "调度通报: 威海市海洋发展局2023年工作思路 · 2023年10月调度 (已截止)" in text
    assert "调度通报: 2021年度市直单位业务目标 · 2021年12月调度 (已截止)" in text
    assert " 【潍坊 · 海洋经济】\n  调度员    用户名 wf-dispatcher" in text
