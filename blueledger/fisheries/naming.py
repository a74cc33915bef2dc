"""The fishing-vessel naming rule (《渔业船舶船名规定》, domain-facts §4.2), Django-free: 省简称 + 县（市、区）简称
(one character, two when the first clashes in the province) + type (渔, 渔养, 渔指, 渔油, 渔水, 渔运, 渔冷) + a
5-digit serial, e.g. 鲁荣渔58001. Distant-water names such as 鲁烟远渔017 (a real vessel) use 远渔 and a shorter
serial; they are accepted as their own form."""

from __future__ import annotations

import re
from dataclasses import dataclass

COASTAL_PROVINCES = {
    "辽": "辽宁", "冀": "河北", "津": "天津", "鲁": "山东", "苏": "江苏", "沪": "上海",
    "浙": "浙江", "闽": "福建", "粤": "广东", "桂": "广西", "琼": "海南",
}  # fmt: skip
VESSEL_TYPES = {
    "渔": "捕捞船", "渔养": "养殖船", "渔指": "渔业指导船", "渔油": "供油船", "渔水": "供水船",
    "渔运": "渔业运输船", "渔冷": "渔业冷藏船", "远渔": "远洋渔船",
}  # fmt: skip

_HAN = "[\u4e00-\u9fff]"
_PATTERN = re.compile(
    rf"^(?P<province>[{''.join(COASTAL_PROVINCES)}])(?P<county>{_HAN}{{1,2}}?)"
    rf"(?P<kind>{'|'.join(sorted(VESSEL_TYPES, key=len, reverse=True))})(?P<serial>\d{{3,5}})$"  # 渔养 before 渔
)


@dataclass(frozen=True, slots=True)
class VesselName:
    province: str
    county: str
    kind: str
    serial: str


class VesselNameError(ValueError):
    """Why a name breaks the rule, in Chinese."""


def parse_vessel_name(name: str) -> VesselName:
    """The parts of a valid name, or VesselNameError saying what is wrong."""
    text = "".join(name.split())
    if not text:
        raise VesselNameError("船名不能为空。")
    match = _PATTERN.match(text)
    if match is None:
        if text[0] not in COASTAL_PROVINCES:
            raise VesselNameError(f"船名“{text}”应以沿海省份简称开头 (如“鲁”)。")
        raise VesselNameError(
            f"船名“{text}”不符合船名规定: 省简称 + 县（市、区）简称 + 渔/渔养/渔运等 + 5 位编号 (如“鲁荣渔58001”)。"
        )
    kind, serial = match.group("kind"), match.group("serial")
    if kind != "远渔" and len(serial) != 5:
        raise VesselNameError(f"船名“{text}”的编号应为 5 位数字, 现为 {len(serial)} 位。")
    return VesselName(match.group("province"), match.group("county"), kind, serial)


def mmsi_problem(mmsi: str) -> str | None:
    """Why `mmsi` is not a 9-digit MMSI (None: it is)."""
    if not re.fullmatch(r"\d{9}", mmsi):
        return f"MMSI 应为 9 位数字, 现为“{mmsi}”。"
    return None
