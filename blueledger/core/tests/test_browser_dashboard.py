"""A real browser logs in and sees the Chinese dashboard."""

from __future__ import annotations

from typing import Any

import pytest

from blueledger.core.browser import log_in
from blueledger.core.testing import TEST_PASSWORD, make_department, make_user
from blueledger.users.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_shows_the_chinese_dashboard(browser_page: Any, live_server: Any, shandong: dict[str, Any]) -> None:
    department = make_department(shandong["qingdao"], "市海洋发展局")
    make_user(department, Role.DISPATCHER, "dispatcher")

    log_in(browser_page, live_server, "dispatcher", "wrong-password")
    assert "请输入一个正确的" in browser_page.content()

    log_in(browser_page, live_server, "dispatcher", TEST_PASSWORD)
    browser_page.wait_for_selector("h1:has-text('工作台')")
    assert browser_page.url == f"{live_server.url}/"
    navigation = browser_page.inner_text("nav.mainnav")
    for label in ("计划台账", "调度通报", "重点项目", "海洋经济", "渔船监管", "专项台账"):
        assert label in navigation
    assert "您的查看范围: 青岛市" in browser_page.inner_text("main")

    browser_page.click("nav.mainnav >> text=渔船监管")
    browser_page.wait_for_selector("h1:has-text('渔船监管: 预警与处置')")
    browser_page.click("text=退出")
    browser_page.wait_for_selector("h1:has-text('登录蓝色台账')")
