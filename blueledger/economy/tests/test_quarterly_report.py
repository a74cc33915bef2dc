"""The 季度评估 .docx of a region: reopened, it carries the published figure with its source, value added by
industry, the bound target's required growth and the composite index; command and page both write it."""

import io
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.management import call_command

from blueledger.core.testing import fresh, kept_for_module, make_department, make_shandong, make_user, page_client
from blueledger.dispatch.tests.factories import make_published_ledger
from blueledger.economy.choices import Indicator
from blueledger.economy.demo import demo_index_load, published_load
from blueledger.economy.services import target_bind
from blueledger.economy.tests.factories import load_classification
from blueledger.ledgers.models import LedgerQuantity
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world_rows(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """Published figures, the demo index and a bound target, built once for the module; what each test writes is
    rolled back."""
    with kept_for_module(django_db_blocker):
        shandong = make_shandong()
        load_classification()
        published_load()
        demo_index_load()
        ledger, _ = make_published_ledger(shandong["weifang"])
        target = LedgerQuantity.objects.get(ledger=ledger, unit="亿元")
        target.value, target.deadline = 2000, target.deadline.replace(year=2027)
        target.save()
        target_bind(actor=None, quantity=target, indicator=Indicator.OCEAN_GDP, region=shandong["weifang"])
        yield shandong


@pytest.fixture
def world(world_rows: dict[str, Any]) -> dict[str, Any]:
    return fresh(world_rows)


def _texts(data: bytes) -> tuple[list[str], list[list[str]]]:
    document = docx.Document(io.BytesIO(data))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    return [p.text for p in document.paragraphs if p.text], rows


def test_command_writes_the_weifang_assessment(world: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "季度评估.docx"
    call_command("economy", "report", "--region", "370700", "--quarter", "2025Q3", "--issuer",
                 "潍坊市海洋发展和渔业局", "--out", str(out), stdout=StringIO())
    paragraphs, rows = _texts(out.read_bytes())
    assert paragraphs[:2] == ["潍坊市海洋经济运行季度评估", "2025年第3季度"]
    assert "2024年，潍坊市海洋生产总值1703.4亿元，比上年增长6.8%，占地区生产总值比重21%。" in paragraphs
    assert ["2024", "1703.4", "6.8", "21", "公开发布：chaxiaohao.com（二手来源）"] in rows
    assert any(p.endswith("需年均增长5.5%。") for p in paragraphs)
    assert "四、综合指数" not in paragraphs  # the demo index has Shandong's figures only


def test_page_writes_shandong_assessment_with_its_index(world: dict[str, Any]) -> None:
    viewer = make_user(make_department(world["province"], name="山东省海洋局"), Role.VIEWER)
    response = page_client(viewer).get("/economy/report.docx", {"region": "370000", "year": 2025, "quarter": 1})
    assert response.status_code == 200
    paragraphs, rows = _texts(response.content)
    assert "四、综合指数" in paragraphs
    assert ["山东海洋经济发展指数（演示）", "2019=100", "2024", "112.0"] in rows
    assert paragraphs[-2] == "山东省海洋局"
    other = make_user(make_department(world["qingdao"]), Role.VIEWER)
    assert page_client(other).get("/economy/report.docx", {"region": "370700"}).status_code == 404
