"""A server without the CJK font answers the bulletin download with the package to install, not a 500."""

from __future__ import annotations

from typing import Any

import pytest

from blueledger.core.racing import page_messages
from blueledger.core.testing import page_client
from blueledger.dispatch.bulletin import ChartFontMissing, charts
from blueledger.dispatch.services import round_close
from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_round, report_all


def test_the_bulletin_without_the_font_says_what_to_install(shandong: dict[str, Any],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    report_all(reporting_round, departments["市海渔局"], ["120", "2"])
    round_close(actor=None, reporting_round=reporting_round)

    def missing() -> str:
        raise ChartFontMissing("找不到图表所需的中文字体; 请安装 Debian 软件包 fonts-noto-cjk")

    monkeypatch.setattr(charts, "chart_font_family", missing)
    response = page_client(make_office(shandong["weifang"])).get(
        f"/dispatch/rounds/{reporting_round.pk}/bulletin.docx", follow=True)

    assert response.status_code == 200
    assert page_messages(response.content.decode()) == [
        "无法生成调度通报: 找不到图表所需的中文字体; 请安装 Debian 软件包 fonts-noto-cjk"
    ]
