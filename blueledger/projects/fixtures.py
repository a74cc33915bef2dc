"""The Qingdao fixture: 90 marine key projects whose figures at 2023-06 are those of 青岛市海洋发展局's
2023 half-year summary (seed 000): 总投资2021.9亿元的90个海洋重点项目开工在建率84.44%; 年度累计完成投资154.86亿元,
年度计划投资完成率55.39%. Generated deterministically; the sums are exact by construction (each series is
scaled to its published total and the rounding remainder is put on one named project).

The project names, districts and sizes are illustrative, not the city's real list (which is not public);
the six tracks are the city's 六个赛道 of the same summary, and three projects are 50亿元以上 as it says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

QINGDAO = "370200"
AS_OF = date(2023, 6, 1)
PLAN_YEAR = 2023
TOTAL_INVESTMENT_WAN = Decimal(20219000)  # 2021.9亿元
ANNUAL_PLAN_WAN = Decimal(2796000)  # 279.6亿元: 154.86 ÷ 279.6 = 55.39%
COMPLETED_WAN = Decimal(1548600)  # 154.86亿元
PROJECTS = 90
STARTED = 76  # 76 ÷ 90 = 84.44%

TRACKS = ("海洋药物和生物制品", "海洋新能源", "海洋装备", "海水淡化与综合利用", "海洋渔业", "航运金融")

# (code, name) of Qingdao's districts and how many of the 90 projects each holds.
DISTRICTS = (
    ("370211", "黄岛区", 26),
    ("370215", "即墨区", 13),
    ("370212", "崂山区", 11),
    ("370214", "城阳区", 9),
    ("370202", "市南区", 8),
    ("370203", "市北区", 6),
    ("370281", "胶州市", 6),
    ("370213", "李沧区", 4),
    ("370283", "平度市", 4),
    ("370285", "莱西市", 3),
)

NOUNS = {
    "海洋药物和生物制品": (
        "海洋创新药物产业化基地",
        "海洋生物医药产业园",
        "海藻酸盐医用材料",
        "鱼胶原蛋白肽生产线",
        "甲壳素衍生物制剂",
        "海洋微生物发酵中心",
        "海洋功能食品基地",
        "海洋中药饮片",
        "海洋生物酶制剂",
        "褐藻寡糖产业化",
        "海洋生物样本库",
        "深海微生物研发平台",
        "岩藻多糖提取",
        "鱼油精制生产线",
        "海洋疫苗中试基地",
    ),
    "海洋新能源": (
        "海上风电示范",
        "渔光互补光伏",
        "海上光伏试验场",
        "潮流能发电示范",
        "海洋氢能产业园",
        "海上风电运维基地",
        "储能电站",
        "波浪能试验场",
        "LNG冷能利用",
        "海上风电装备制造基地",
        "海水制氢示范",
        "岸电设施改造",
        "分布式光伏",
        "绿色甲醇加注",
        "海洋能测试场",
    ),
    "海洋装备": (
        "海工装备总装基地",
        "深海探测装备产业园",
        "智能船舶配套",
        "水下机器人产业化",
        "LNG船用装备",
        "海洋仪器仪表产业园",
        "船舶修造基地",
        "海洋牧场装备",
        "大型海工模块建造",
        "无人艇研发制造",
        "港口机械智能制造",
        "船用发动机配套",
        "深海采矿装备",
        "海洋观测浮标",
        "游艇制造基地",
    ),
    "海水淡化与综合利用": (
        "海水淡化厂扩建",
        "海水淡化二期",
        "浓海水综合利用",
        "海水淡化膜组件",
        "海水源热泵",
        "海水提溴示范",
        "海水冷却循环",
        "海水淡化装备产业园",
        "苦咸水淡化",
        "海水利用管网",
        "海水淡化智慧水厂",
        "海盐化工综合利用",
        "反渗透膜生产线",
        "海水直流冷却",
        "淡化水输配工程",
    ),
    "海洋渔业": (
        "国信深远海养殖工船",
        "深蓝深远海智能网箱",
        "海洋牧场",
        "国家级渔港经济区",
        "冷链物流基地",
        "水产品精深加工园",
        "大西洋鲑陆海接力养殖",
        "水产种业繁育中心",
        "海参产业园",
        "远洋渔业基地",
        "藻类加工基地",
        "休闲渔业综合体",
        "智慧渔港改造",
        "贝类净化中心",
        "渔业饲料生产线",
    ),
    "航运金融": (
        "邮轮母港启动区",
        "董家口新建码头",
        "航运服务中心",
        "船舶融资租赁中心",
        "国际航运交易所",
        "港航大数据平台",
        "集装箱码头自动化",
        "海洋产业基金",
        "临港物流园",
        "海事仲裁中心",
        "保税航运服务区",
        "国际中转集拼中心",
        "航运保险中心",
        "港口综合服务区",
        "海铁联运中心",
    ),
}

# 总投资 pattern (亿元) of the 87 projects below 50亿元, scaled to the published total.
SIZE_PATTERN_YI = (
    45,
    12,
    28,
    6.5,
    18,
    35,
    9,
    22,
    15,
    3.2,
    26,
    11,
    40,
    8,
    19,
    31,
    14,
    2.5,
    24,
    16,
    7,
    38,
    13,
    21,
    5,
    27,
    10.5,
    33,
    17,
    0.8,
)
LARGE_PROJECTS_WAN = (Decimal(1200000), Decimal(850000), Decimal(600000))  # 120, 85, 60亿元
PLAN_SHARES = (Decimal("0.10"), Decimal("0.15"), Decimal("0.12"), Decimal("0.20"), Decimal("0.08"), Decimal("0.18"))
COMPLETION_SHARES = (
    Decimal("0.45"),
    Decimal("0.62"),
    Decimal("0.55"),
    Decimal("0.38"),
    Decimal("0.70"),
    Decimal("0.52"),
)
# Share of the half-year figure reached by the end of 1月…6月 (1–N月累计 never goes down).
MONTH_SHARES = (Decimal("0.10"), Decimal("0.22"), Decimal("0.40"), Decimal("0.58"), Decimal("0.78"), Decimal(1))
PROGRESS = ("基础施工", "主体施工", "基本过半", "主体完工", "设备安装", "竣工投产")


@dataclass(frozen=True, slots=True)
class FixtureReport:
    period: date
    year_to_date_completed_wan: Decimal
    progress: str


@dataclass(frozen=True, slots=True)
class FixtureProject:
    name: str
    district_code: str
    track: str
    kind: str
    status: str
    total_investment_wan: Decimal
    annual_plan_wan: Decimal
    is_listed: bool
    planned_start: date
    planned_end: date
    reports: tuple[FixtureReport, ...]


def _scaled(weights: list[Decimal], total: Decimal, fix_index: int) -> list[Decimal]:
    """Whole-万元 amounts proportional to `weights` summing exactly to `total`."""
    weight_sum = sum(weights)
    amounts = [(weight * total / weight_sum).quantize(Decimal(1), rounding=ROUND_HALF_UP) for weight in weights]
    amounts[fix_index] += total - sum(amounts)
    return amounts


def qingdao_projects() -> list[FixtureProject]:
    districts = [code for code, _, count in DISTRICTS for _ in range(count)]
    # Spread districts over the list so that every district gets several tracks.
    districts = [districts[(index * 37) % PROJECTS] for index in range(PROJECTS)]
    small = [Decimal(str(SIZE_PATTERN_YI[index % len(SIZE_PATTERN_YI)])) for index in range(PROJECTS - 3)]
    small_wan = _scaled(small, TOTAL_INVESTMENT_WAN - sum(LARGE_PROJECTS_WAN), fix_index=0)
    totals = list(LARGE_PROJECTS_WAN) + small_wan
    plans = _scaled(
        [total * PLAN_SHARES[index % len(PLAN_SHARES)] for index, total in enumerate(totals)], ANNUAL_PLAN_WAN, 0
    )
    # Projects 76…89 are in 前期工作; the others are 开工在建 (the last five of them 竣工投产).
    started = [index < STARTED for index in range(PROJECTS)]
    completed = _scaled(
        [
            plans[index] * COMPLETION_SHARES[index % len(COMPLETION_SHARES)] if started[index] else Decimal(0)
            for index in range(PROJECTS)
        ],
        COMPLETED_WAN,
        0,
    )
    projects = []
    for index in range(PROJECTS):
        track = TRACKS[index % len(TRACKS)]
        district = districts[index]
        short = next(name for code, name, _ in DISTRICTS if code == district)[:-1]
        name = f"{short}{NOUNS[track][index // len(TRACKS)]}项目"
        if not started[index]:
            status, kind = "preparing", "new"
        elif index >= STARTED - 5:
            status, kind = "completed", "completing"
        else:
            status, kind = "under_construction", "continuing" if index % 3 else "new"
        reports = ()
        if started[index]:
            reports = tuple(
                FixtureReport(
                    period=date(2023, month, 1),
                    year_to_date_completed_wan=(completed[index] * share).quantize(Decimal("0.01")),
                    progress=PROGRESS[min(month - 1 + index % 2, 5)] if status != "completed" else "竣工投产",
                )
                for month, share in enumerate(MONTH_SHARES, start=1)
            )
        projects.append(
            FixtureProject(
                name=name,
                district_code=district,
                track=track,
                kind=kind,
                status=status,
                total_investment_wan=totals[index],
                annual_plan_wan=plans[index],
                is_listed=started[index] and index % 19 != 7,
                planned_start=date(2022 + (kind == "new" or not started[index]), 1 + index % 12, 1),
                planned_end=date(2024 + index % 3, 1 + (index * 5) % 12, 1),
                reports=reports,
            )
        )
    return projects


def qingdao_fixture_load(*, actor: Any) -> int:
    """Loads the fixture into the registry of 青岛市 (tracks too); projects that exist (by name) are left as
    they are, so running it again writes nothing. Returns how many projects were created."""
    from django.db import transaction

    from blueledger.orgs.models import Department, Region
    from blueledger.projects import services
    from blueledger.projects.models import Project, Track

    with transaction.atomic():
        city = Region.objects.get(code=QINGDAO)
        tracks = {}
        for position, name in enumerate(TRACKS):
            tracks[name] = Track.objects.filter(region=city, name=name).first() or services.track_create(
                actor=actor, region=city, name=name, position=position
            )
        regions = {region.code: region for region in Region.objects.filter(code__startswith="3702")}
        departments = {
            department.region.code: department
            for department in Department.objects.filter(
                region__code__startswith="3702", short_name__in=("区海洋发展局", "市海洋发展局")
            ).select_related("region")
        }
        existing = set(Project.objects.filter(region__code__startswith="3702").values_list("name", flat=True))
        entries = [
            (
                {
                    "region": regions[item.district_code],
                    "track": tracks[item.track],
                    "name": item.name,
                    "content": f"{item.track}领域重点项目 (演示数据)",
                    "kind": item.kind,
                    "total_investment_wan": item.total_investment_wan,
                    "plan_year": PLAN_YEAR,
                    "annual_plan_wan": item.annual_plan_wan,
                    "planned_start": item.planned_start,
                    "planned_end": item.planned_end,
                    "status": item.status,
                    "is_listed": item.is_listed,
                    "responsible_department": departments.get(item.district_code) or departments.get(QINGDAO),
                },
                [
                    {
                        "period": report.period,
                        "year_to_date_completed_wan": report.year_to_date_completed_wan,
                        "progress": report.progress,
                    }
                    for report in item.reports
                ],
            )
            for item in qingdao_projects()
            if item.name not in existing
        ]
        # One pass for the 90 projects and their 456 reports (the services one by one sent about 7,300 queries).
        created = len(
            services.projects_create_with_reports(actor=actor, reason="载入青岛重点项目演示数据", entries=entries)
        )
    return created


# --- the demo's 招商 pipeline -------------------------------------------------------------------------
# Invented for the demo (names, investors and amounts are illustrative): Qingdao's leads of 2023 up to June,
# so that the funnel has something to show and the summary's 下半年 targets 新签约过50亿元项目5个、过30亿元
# 项目10个、过10亿元项目20个 read a half-year figure from it.


@dataclass(frozen=True, slots=True)
class FixtureLead:
    name: str
    district_code: str
    track: str
    source: str
    investor: str
    planned_yi: Decimal
    stages: tuple[tuple[str, date], ...]  # (stage, date) after 在谈, which is entered 60 days before the first
    drop_reason: str = ""


def _lead(name: str, district: str, track: str, source: str, investor: str, planned_yi: str,
          *stages: tuple[str, date], drop_reason: str = "") -> FixtureLead:
    return FixtureLead(name, district, track, source, investor, Decimal(planned_yi), stages, drop_reason)


QINGDAO_LEADS: tuple[FixtureLead, ...] = (
    _lead("深远海养殖工船集群", "370211", "海洋渔业", "2023东亚海洋博览会推介", "某海洋集团", "62",
          ("signed", date(2023, 3, 16)), ("landed", date(2023, 5, 10))),
    _lead("海上风电装备产业园", "370285", "海洋新能源", "驻外招商", "某能源装备公司", "55",
          ("signed", date(2023, 4, 22))),
    _lead("海洋创新药物研发总部", "370212", "海洋药物和生物制品", "以商招商", "某医药集团", "36",
          ("signed", date(2023, 2, 28)), ("landed", date(2023, 4, 18)), ("started", date(2023, 6, 12))),
    _lead("LNG 船舶配套基地", "370211", "海洋装备", "2023东亚海洋博览会推介", "某造船企业", "33",
          ("signed", date(2023, 5, 26))),
    _lead("海水淡化膜材料基地", "370214", "海水淡化与综合利用", "驻外招商", "某膜材料公司", "18",
          ("signed", date(2023, 3, 8)), ("landed", date(2023, 5, 30))),
    _lead("航运金融服务中心", "370202", "航运金融", "以商招商", "某航运金融公司", "15",
          ("signed", date(2023, 4, 11))),
    _lead("海洋牧场综合体", "370281", "海洋渔业", "驻外招商", "某渔业公司", "12",
          ("signed", date(2023, 1, 19)), ("landed", date(2023, 3, 2)), ("started", date(2023, 4, 20)),
          ("producing", date(2023, 6, 28))),
    _lead("海洋生物制品中试基地", "370215", "海洋药物和生物制品", "2023东亚海洋博览会推介", "某生物公司", "8",
          ("signed", date(2023, 6, 9))),
    _lead("智能海工装备制造", "370211", "海洋装备", "驻外招商", "某海工企业", "45"),
    _lead("氢能船舶示范项目", "370212", "海洋新能源", "以商招商", "某新能源公司", "20"),
    _lead("冷链物流枢纽", "370281", "航运金融", "驻外招商", "某物流集团", "25"),
    _lead("海洋装备检测中心", "370214", "海洋装备", "2023东亚海洋博览会推介", "某检测机构", "6",
          ("dropped", date(2023, 5, 15)), drop_reason="投资方调整投资方向"),
)


def qingdao_leads_load(*, actor: Any) -> int:
    """Loads the demo pipeline into 青岛市's 招商 ledger through the services, stage by stage; leads that exist
    (by name) are left as they are. Returns how many leads were created. Needs the tracks of
    qingdao_fixture_load."""
    from django.db import transaction

    from blueledger.orgs.models import Region
    from blueledger.projects import services
    from blueledger.projects.models import Lead, Track

    with transaction.atomic():
        regions = {region.code: region for region in Region.objects.filter(code__startswith="3702")}
        tracks = {track.name: track for track in Track.objects.filter(region__code=QINGDAO)}
        existing = set(Lead.objects.filter(region__code__startswith="3702").values_list("name", flat=True))
        created = 0
        for item in QINGDAO_LEADS:
            if item.name in existing:
                continue
            first = item.stages[0][1] if item.stages else date(2023, 6, 1)
            lead = services.lead_create(
                actor=actor, region=regions[item.district_code], track=tracks[item.track], name=item.name,
                entered_on=first - timedelta(days=60), investor=item.investor, source=item.source,
                planned_investment_wan=item.planned_yi * 10000,
            )
            for stage, changed_on in item.stages:
                services.lead_stage_change(
                    actor=actor, lead=lead, stage=stage, changed_on=changed_on, drop_reason=item.drop_reason,
                    signed_amount_wan=item.planned_yi * 10000 if stage == "signed" else None,
                )
            created += 1
    return created
