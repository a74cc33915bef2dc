"""GB/T 20794-2021 reference data: only confirmed codes, unconfirmed rows flagged, reruns change nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from blueledger.economy.choices import IndustryGroup, IndustryKind, Layer
from blueledger.economy.models import IndustryCrosswalk, OceanIndustry
from blueledger.economy.services import classification_load_reference

pytestmark = pytest.mark.django_db


def test_five_categories_and_fifteen_industries_without_guessed_codes() -> None:
    created, updated = classification_load_reference(actor=None)
    assert (created, updated) == (20 + 18, 0)
    categories = OceanIndustry.objects.filter(kind=IndustryKind.CATEGORY)
    assert [c.name for c in categories] == [
        "海洋产业", "海洋科研教育", "海洋公共管理服务", "海洋上游相关产业", "海洋下游相关产业"
    ]
    assert [c.layer for c in categories] == [Layer.CORE, Layer.SUPPORT, Layer.SUPPORT, Layer.PERIPHERY, Layer.PERIPHERY]
    industries = OceanIndustry.objects.filter(kind=IndustryKind.INDUSTRY)
    assert industries.count() == 15
    assert industries.filter(group=IndustryGroup.EMERGING).count() == 4
    assert set(industries.values_list("parent__name", flat=True)) == {"海洋产业"}
    # The 2-digit codes are not confirmed by any source: none is shipped, and no layer is marked confirmed.
    assert not OceanIndustry.objects.exclude(code="").exists()
    assert not OceanIndustry.objects.filter(layer_confirmed=True).exists()
    assert OceanIndustry.objects.get(key="fishery").history.first().history_change_reason == (
        "载入海洋产业分类参考数据 gbt20794.csv"
    )


def test_crosswalk_marks_unconfirmed_mappings() -> None:
    classification_load_reference(actor=None)
    confirmed = IndustryCrosswalk.objects.filter(confirmed=True)
    assert sorted(confirmed.values_list("gbt4754_code", flat=True)) == [
        "C3731", "C3732", "C3733", "C3734", "C3735", "C3736", "C3737", "C3739", "D4630",
    ]
    assert IndustryCrosswalk.objects.get(gbt4754_code="A0411").confirmed is False
    assert IndustryCrosswalk.objects.get(gbt4754_code="C3737").industry.name == "海洋工程装备制造业"


def test_refdata_command_loads_it_and_a_rerun_changes_nothing(shandong: dict) -> None:
    out = StringIO()
    call_command("refdata", stdout=out)
    assert "海洋产业分类与行业对照: 新建 38, 更新 0" in out.getvalue()
    history_rows = OceanIndustry.history.count()
    out = StringIO()
    call_command("refdata", stdout=out)
    assert "海洋产业分类与行业对照: 新建 0, 更新 0" in out.getvalue()
    assert OceanIndustry.history.count() == history_rows
