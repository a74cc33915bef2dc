"""船名 follows 《渔业船舶船名规定》 (domain-facts §4.2); MMSI has 9 digits."""

from __future__ import annotations

import pytest

from blueledger.fisheries.naming import VesselName, VesselNameError, mmsi_problem, parse_vessel_name


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("鲁荣渔58001", VesselName("鲁", "荣", "渔", "58001")),
        ("鲁荣养00012", None),
        ("鲁青渔养01234", VesselName("鲁", "青", "渔养", "01234")),
        ("鲁威渔运00001", VesselName("鲁", "威", "渔运", "00001")),
        ("鲁无棣渔00001", VesselName("鲁", "无棣", "渔", "00001")),
        ("鲁烟远渔017", VesselName("鲁", "烟", "远渔", "017")),
        (" 鲁 荣渔58001 ", VesselName("鲁", "荣", "渔", "58001")),
    ],
)
def test_valid_names_parse(name: str, parts: VesselName | None) -> None:
    if parts is None:
        with pytest.raises(VesselNameError):
            parse_vessel_name(name)
    else:
        assert parse_vessel_name(name) == parts


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "船名不能为空。"),
        ("荣渔58001", "船名“荣渔58001”应以沿海省份简称开头 (如“鲁”)。"),
        ("鲁荣渔5801", "船名“鲁荣渔5801”的编号应为 5 位数字, 现为 4 位。"),
        (
            "鲁荣58001",
            "船名“鲁荣58001”不符合船名规定: 省简称 + 县（市、区）简称 + 渔/渔养/渔运等 + 5 位编号 (如“鲁荣渔58001”)。",
        ),
    ],
)
def test_broken_names_say_why(name: str, message: str) -> None:
    with pytest.raises(VesselNameError) as error:
        parse_vessel_name(name)
    assert str(error.value) == message


def test_mmsi_must_have_nine_digits() -> None:
    assert mmsi_problem("412331088") is None
    assert mmsi_problem("41233108") == "MMSI 应为 9 位数字, 现为“41233108”。"
    assert mmsi_problem("41233108A") == "MMSI 应为 9 位数字, 现为“41233108A”。"
