"""The 月度运行分析 and 年度报告 .docx through the bulletin engine (render_report): reopened, they carry the
monthly series with 环比/同比/累计 and their charts (demo data marked 演示生成), the month's forms with 未报送
units, only the published nowcast (never one still being checked), and the year's series; page and command."""

import datetime
import io
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.management import call_command

from blueledger.core.testing import fresh, kept_for_module, make_department, make_shandong, make_user, page_client
from blueledger.economy.choices import FormFrequency, MonthlySeriesKind
from blueledger.economy.demo import nowcast_demo_load, published_load
from blueledger.economy.models import MonthlyValue, NowcastRelease
from blueledger.economy.services import form_define, form_round_open, submission_save
from blueledger.economy.tests.factories import load_classification, make_unit
from blueledger.lib.numbers import format_decimal, format_percent
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world_rows(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The published figures, the demo's series and nowcast, and a month's form, built once for the module; what
    each test writes is rolled back."""
    with kept_for_module(django_db_blocker):
        shandong = make_shandong()
        load_classification()
        published_load()
        nowcast_demo_load()
        units = [make_unit(shandong["weifang"], name=f"潍坊月报单位{n}有限公司") for n in range(3)]
        form = form_define(actor=None, name="重点企业月报", frequency=FormFrequency.MONTH,
                           fields=[{"key": "revenue", "label": "营业收入", "unit": "万元"}])
        form_round = form_round_open(actor=None, form=form, region=shandong["weifang"], year=2025, period=8,
                                     due_date=datetime.date(2025, 9, 5), units=units)
        submission_save(actor=None, form_round=form_round, unit=units[0], written={"revenue": "1200"})
        submission_save(actor=None, form_round=form_round, unit=units[1], written={"revenue": "800.5"})
        yield {**shandong, "units": units}


@pytest.fixture
def world(world_rows: dict[str, Any]) -> dict[str, Any]:
    return fresh(world_rows)


def _read(data: bytes) -> tuple[list[str], list[list[str]], int]:
    document = docx.Document(io.BytesIO(data))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    return [p.text for p in document.paragraphs if p.text], rows, len(document.inline_shapes)


def _value(series: str, year: int, month: int) -> Decimal:
    return MonthlyValue.objects.get(series=series, year=year, month=month).value


def test_monthly_analysis_from_the_command(world: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "月度.docx"
    call_command("economy", "report", "--region", "370700", "--month", "2025-08", "--issuer", "潍坊市海洋发展和渔业局",
                 "--out", str(out), stdout=StringIO())
    paragraphs, rows, charts = _read(out.read_bytes())
    assert paragraphs[:2] == ["潍坊市海洋经济月度运行分析", "2025年8月"]
    assert "二、月度指标运行" in paragraphs
    port = MonthlySeriesKind.PORT_THROUGHPUT
    august, july, last_august = (_value(port, 2025, 8), _value(port, 2025, 7), _value(port, 2024, 8))
    cumulative = sum(_value(port, 2025, m) for m in range(1, 9))
    before = sum(_value(port, 2024, m) for m in range(1, 9))
    assert ["港口货物吞吐量（演示生成）", "万吨", format_decimal(august, 1), format_percent(august / july - 1),
            format_percent(august / last_august - 1), format_decimal(cumulative, 1),
            format_percent(cumulative / before - 1)] in rows
    assert charts == 4  # one per monthly series (one year of ocean GDP draws no line)
    assert "注：标“演示生成”的数据为演示用生成数据，不是统计数据。" in paragraphs
    assert ["重点企业月报（潍坊市）", "3", "2", "潍坊月报单位2有限公司"] in rows
    assert "重点企业月报：已报2家单位营业收入合计2000.5万元（1家未报送，未计入）。" in paragraphs
    published = NowcastRelease.objects.get(vintage=1)
    checking = NowcastRelease.objects.get(vintage=2)
    assert any(p.startswith(f"2025年第3季度海洋生产总值估计为{format_decimal(published.estimate, 1)}亿元")
               for p in paragraphs)
    text = "\n".join(paragraphs) + "\n".join("|".join(r) for r in rows)
    assert "第1版" in text and "第2版" not in text and checking.status == "reconciling"


def test_annual_report_from_the_page(world: dict[str, Any]) -> None:
    viewer = make_user(make_department(world["weifang"], name="潍坊市海洋发展和渔业局"), Role.VIEWER)
    response = page_client(viewer).get("/economy/annual.docx", {"region": "370700", "year": "2024"})
    assert response.status_code == 200
    assert "%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.docx" in response["Content-Disposition"]
    paragraphs, rows, charts = _read(response.content)
    assert paragraphs[:2] == ["潍坊市海洋经济发展年度报告", "2024年"]
    assert "2024年，潍坊市海洋生产总值1703.4亿元，比上年增长6.8%，占地区生产总值比重21%。" in paragraphs
    port = MonthlySeriesKind.PORT_THROUGHPUT
    total = sum(_value(port, 2024, m) for m in range(1, 13))
    before = sum(_value(port, 2023, m) for m in range(1, 13))
    assert ["港口货物吞吐量（演示生成）", "万吨", "12", format_decimal(total, 1),
            format_percent(total / before - 1)] in rows
    assert "海洋生产总值即时预测" not in "".join(paragraphs)  # no vintage of 2024
    assert charts == 4
    assert paragraphs[-2] == "潍坊市海洋发展和渔业局"
    assert page_client(viewer).get("/economy/annual.docx", {"region": "370200"}).status_code == 404
    assert page_client(viewer).get("/economy/monthly.docx", {"region": "370700", "month": "13"}).status_code == 404


def test_monthly_analysis_withholds_an_estimate_still_being_checked(world: dict[str, Any]) -> None:
    NowcastRelease.objects.filter(vintage=1).delete()
    viewer = make_user(make_department(world["weifang"]), Role.VIEWER)
    response = page_client(viewer).get("/economy/monthly.docx", {"region": "370700", "year": "2025", "month": "8"})
    paragraphs, _, _ = _read(response.content)
    assert "本期估计尚在与统计部门核对，暂不发布。" in paragraphs
