"""One reading of GB/T 2260 codes: province (2 digits), city (4), county (6), and what lies within what."""

from blueledger.lib.gbt2260 import (
    city_code,
    city_prefix,
    city_scope,
    descendants_prefix,
    is_within,
    parent_code_of,
    province_prefix,
    same_city,
)


def test_prefixes_of_a_district() -> None:
    assert province_prefix("370211") == "37"
    assert city_prefix("370211") == "3702"
    assert city_code("370211") == "370200"
    assert city_code("370200") == "370200"
    assert parent_code_of("370211") == "370200" and parent_code_of("370200") == "370000"


def test_descendants_prefix_follows_the_level() -> None:
    assert descendants_prefix("370000") == "37"
    assert descendants_prefix("370200") == "3702"
    assert descendants_prefix("370211") == "370211"
    assert descendants_prefix("370271") == "370271"  # a development zone's statistical code is a county


def test_within_and_same_city() -> None:
    assert is_within("370211", "370200") and is_within("370211", "370000") and is_within("370200", "370200")
    assert not is_within("370702", "370200") and not is_within("370200", "370211")
    assert same_city("370211", "370200") and not same_city("370211", "370702")


def test_a_scope_widened_to_its_city() -> None:
    assert [city_scope(prefix) for prefix in ("370211", "3702", "37", "")] == ["3702", "3702", "37", ""]
