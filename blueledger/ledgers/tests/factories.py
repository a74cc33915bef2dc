"""Plain factories of the ledger tests: a small plan text, departments, and a ledger imported from text."""

from __future__ import annotations

from typing import Any

from blueledger.ledgers.imports import SAMPLES_DIR
from blueledger.ledgers.models import Ledger
from blueledger.ledgers.services import document_import
from blueledger.orgs.models import Department, Region

PLAN_TEXT = """潍坊市海洋发展和渔业局2025年工作要点

一、发展海洋经济
(一)壮大海洋产业。到2025年底,海洋生产总值确保达到1200亿元。(牵头单位:市发改委;配合单位:市海渔局、市未知局)
(二)建设渔港。力争新建渔港3个以上。(牵头单位:市海渔局)
二、保护海洋生态
整治岸线不少于12.5公里。(牵头单位:市生态环境局)
"""
SAMPLE_004 = SAMPLES_DIR / "004_2e91e0d14aca89a2.txt"
# The departments sample 004 names, as it writes them.
SAMPLE_004_NAMES = (
    "各县市区人民政府", "市属各开发区管委会", "市发改委", "市海渔局", "市工信局", "市科技局", "市商务局", "市交通局",
    "市文化和旅游局", "市教育局", "市财政局", "市卫健委", "市生态环境局", "市自然资源和规划局", "市投资促进局",
    "潍坊国际风筝会综合服务中心", "市台港澳办", "市贸促会", "市委组织部", "市人社局", "市大数据局", "市住建局",
    "市市场监管局", "市有关部门", "人民银行潍坊市分行",
)


def make_plan_departments(region: Region) -> dict[str, Department]:
    """The departments of PLAN_TEXT except 市未知局, which stays unresolved."""
    return {
        name: Department.objects.create(region=region, name=f"潍坊{name}", short_name=name)
        for name in ("市发改委", "市海渔局", "市生态环境局")
    }


def make_ledger(region: Region, *, text: str = PLAN_TEXT, filename: str = "工作要点.txt", actor: Any = None) -> Ledger:
    document = document_import(actor=actor, data=text.encode("utf-8"), filename=filename, region=region)
    return document.ledger
