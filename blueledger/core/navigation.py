"""The six parts of blueledger as the navigation shows them. A part whose pages do not exist yet links to a
plain page saying so, instead of a dead link or a fake screen."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ProductPart:
    slug: str
    label: str
    summary: str
    url_name: str | None  # None: not built yet


PRODUCT_PARTS: tuple[ProductPart, ...] = (
    ProductPart(
        "ledgers",
        "计划台账",
        "导入工作要点、计划、总结, 自动生成工作台账: 任务、目标、牵头与配合单位, 逐项可追溯到原文。",
        "ledgers:ledger_list",
    ),
    ProductPart(
        "dispatch",
        "调度通报",
        "周调度、月通报、季讲评: 各单位填报进展, 计算完成度与滞后, 排名, 生成通报。",
        "dispatch:round_list",
    ),
    ProductPart(
        "projects",
        "重点项目",
        "重点项目库、月度投资调度、开工在建率与投资完成率, 招商引资台账。",
        "projects:indicators",
    ),
    ProductPart(
        "economy",
        "海洋经济",
        "海洋生产总值与产业增加值监测 (GB/T 20794-2021), 统计单位名录, 目标轨迹。",
        "economy:indicators",
    ),
    ProductPart(
        "fisheries",
        "渔船监管",
        "渔船档案、北斗/AIS 船位、伏季休渔、进出港报告、预警与执法记录。",
        "fisheries:alert_list",
    ),
    ProductPart("field", "专项台账", "浒苔处置、水产品质量抽检、用海审批等专项工作台账。", None),
)


def part_by_slug(slug: str) -> ProductPart | None:
    return next((part for part in PRODUCT_PARTS if part.slug == slug), None)
