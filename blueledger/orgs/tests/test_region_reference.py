"""The region reference file against GB/T 2260 (codes as published for 2023), loaded idempotently."""

from __future__ import annotations

from pathlib import Path

import pytest

from blueledger.lib.gbt2260 import RegionFileError, read_region_file
from blueledger.orgs.models import Region
from blueledger.orgs.services import REGION_FILE, regions_load_reference

# County-level administrative units per coastal city (domain-facts §3, 统计用区划代码 2023).
ADMINISTRATIVE_COUNTIES = {"370200": 10, "370500": 5, "370600": 11, "370700": 12, "371000": 4, "371100": 4, "371600": 7}


def test_counts_by_city_and_kind() -> None:
    records = read_region_file(REGION_FILE)
    counties = [r for r in records if r.level == "county" and not r.is_statistical_only]
    by_city = {city: sum(1 for r in counties if r.parent_code == city) for city in ADMINISTRATIVE_COUNTIES}
    assert by_city == ADMINISTRATIVE_COUNTIES
    assert [r.code for r in records if r.level == "province"] == ["370000"]
    assert sorted(r.code for r in records if r.level == "city") == sorted(ADMINISTRATIVE_COUNTIES)
    statistical = sorted(r.code for r in records if r.is_statistical_only)
    assert statistical == ["370571", "370572", "370671", "370676", "370772", "371071", "371072", "371073", "371171"]


@pytest.mark.parametrize(
    ("code", "name", "parent"),
    [
        ("370211", "黄岛区", "370200"),
        ("370215", "即墨区", "370200"),
        ("370614", "蓬莱区", "370600"),
        ("371003", "文登区", "371000"),
        ("371082", "荣成市", "371000"),
        ("370783", "寿光市", "370700"),
        ("371603", "沾化区", "371600"),
        ("370505", "垦利区", "370500"),
    ],
)
def test_spot_checks(code: str, name: str, parent: str) -> None:
    record = next(r for r in read_region_file(REGION_FILE) if r.code == code)
    assert (record.name, record.parent_code) == (name, parent)


def test_west_coast_new_area_is_an_alias_of_huangdao() -> None:
    huangdao = next(r for r in read_region_file(REGION_FILE) if r.code == "370211")
    assert "西海岸新区" in huangdao.aliases


def test_loading_twice_changes_nothing(db: None) -> None:
    assert regions_load_reference(actor=None) == (70, 0)
    assert regions_load_reference(actor=None) == (0, 0)
    assert Region.objects.get(code="370211").parent.code == "370200"
    assert Region.history.count() == 70


def test_a_bad_row_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "regions.csv"
    bad.write_text(
        "code,name,short_name,parent_code,level,is_statistical_only,is_coastal,aliases,notes\n"
        "370000,山东省,山东,,province,false,true,,\n"
        "37021,黄岛区,黄岛,370200,county,false,true,,\n",
        encoding="utf-8",
    )
    with pytest.raises(RegionFileError, match="第3行: 区划代码应为6位数字"):
        read_region_file(bad)
