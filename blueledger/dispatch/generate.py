"""Province-scale synthetic dispatch data for benchmarks (`blueledger demo --scale province`).

At factor 1: the 16 cities of Shandong, 12 departments each (192), 50 published ledgers × 200 tasks
(280 targets, each task with a lead and a support department), and 36 monthly rounds per ledger
(2023-01 … 2025-12, the last one open) with one handed-in report per slot: 50 × 36 × 560 ≈ 1.0 million
report rows (and as many slots). The figures of each ledger's last 12 closed rounds are stored as
round_close would.

Generated rows are written with bulk_create in batches and get no history rows: they are test data, not
anyone's change. For the same reason the generator writes the documents, ledgers and orgs rows it needs
directly (those apps have no bulk-generation service); nothing else in blueledger does this.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from blueledger.dispatch.choices import PeriodKind, ReportSource, ReportStatus, RoundStatus
from blueledger.dispatch.models import Report, ReportingRound, ReportSlot, RoundFigures
from blueledger.dispatch.selectors.figures import round_figures_compute
from blueledger.documents.models import Document
from blueledger.ledgers.choices import Hardness, LedgerKind, LedgerStatus, QuantityRole, ResponsibilityRole
from blueledger.ledgers.models import Ledger, LedgerQuantity, LedgerTask, TaskResponsibility
from blueledger.orgs.models import Department, Region

BATCH = 5000
SHANDONG_CITIES = (
    ("370100", "济南市"), ("370200", "青岛市"), ("370300", "淄博市"), ("370400", "枣庄市"), ("370500", "东营市"),
    ("370600", "烟台市"), ("370700", "潍坊市"), ("370800", "济宁市"), ("370900", "泰安市"), ("371000", "威海市"),
    ("371100", "日照市"), ("371300", "临沂市"), ("371400", "德州市"), ("371500", "聊城市"), ("371600", "滨州市"),
    ("371700", "菏泽市"),
)
DEPARTMENT_NAMES = (
    "发改委", "工信局", "科技局", "财政局", "自然资源局", "生态环境局", "交通局", "海洋局", "商务局", "文旅局",
    "应急局", "统计局",
)
METRICS = (("新签约海洋项目", "个"), ("完成投资", "亿元"), ("新增海水养殖面积", "亩"), ("培育海洋企业", "家"),
           ("海洋生产总值增速", "%"), ("建设海洋牧场", "处"), ("港口集装箱吞吐量", "万标箱"))
HARDNESS_CYCLE = (Hardness.ENSURE, Hardness.STRIVE, "", Hardness.AIM, "")
GENERATED_PREFIX = "全省生成台账"


@dataclass(frozen=True, slots=True)
class GenerateSummary:
    ledgers: int
    rounds: int
    slots: int
    reports: int

    def __str__(self) -> str:
        return f"台账 {self.ledgers}, 轮次 {self.rounds}, 填报项 {self.slots}, 报送 {self.reports}"


def _months(first: datetime.date, count: int) -> list[tuple[datetime.date, datetime.date]]:
    periods = []
    year, month = first.year, first.month
    for _ in range(count):
        start = datetime.date(year, month, 1)
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
        periods.append((start, datetime.date(year, month, 1) - datetime.timedelta(days=1)))
    return periods


def _cities() -> list[Region]:
    province, _ = Region.objects.get_or_create(
        code="370000", defaults={"name": "山东省", "short_name": "山东", "level": "province"}
    )
    cities = []
    for code, name in SHANDONG_CITIES:
        city, _ = Region.objects.get_or_create(
            code=code, defaults={"name": name, "short_name": name[:-1], "parent": province, "level": "city",
                                 "is_coastal": False}
        )
        cities.append(city)
    return cities


def _departments(cities: list[Region]) -> dict[int, list[Department]]:
    existing = {(d.region_id, d.short_name): d for d in Department.objects.filter(region__in=cities)}
    new = [
        Department(region=city, name=f"{city.name}{name}(生成)", short_name=f"市{name}(生成)")
        for city in cities
        for name in DEPARTMENT_NAMES
        if (city.pk, f"市{name}(生成)") not in existing
    ]
    Department.objects.bulk_create(new, batch_size=BATCH)
    result: dict[int, list[Department]] = {city.pk: [] for city in cities}
    for department in Department.objects.filter(region__in=cities, short_name__endswith="(生成)").order_by("pk"):
        result[department.region_id].append(department)
    return result


def _ledger(number: int, city: Region, departments: list[Department], rng: random.Random,
            tasks_per_ledger: int) -> tuple[Ledger, list[tuple[LedgerQuantity, list[tuple[Department, bool]]]]]:
    title = f"{GENERATED_PREFIX}{number:03d} {city.name}海洋发展重点任务"
    text = title
    document = Document.objects.create(
        region=city, original_filename=f"generated-{number:03d}.txt", format="txt", size_bytes=len(text.encode()),
        sha256=hashlib.sha256(title.encode()).hexdigest(), content=text.encode(), text=text,
    )
    ledger = Ledger.objects.create(
        document=document, region=city, title=title, issuer=f"{city.name}海洋发展局",
        issued_on=datetime.date(2023, 1, 10), kind=LedgerKind.PLAN, status=LedgerStatus.PUBLISHED, text=text,
        published_at=timezone.now(),
    )
    sections = 5
    tasks = []
    parents = []
    for s in range(sections):
        parent = LedgerTask(ledger=ledger, key=f"{s + 1}", title=f"第{s + 1}部分重点任务", position=len(tasks))
        parents.append(parent)
    LedgerTask.objects.bulk_create(parents)
    for t in range(tasks_per_ledger - sections):
        parent = parents[t % sections]
        tasks.append(LedgerTask(ledger=ledger, key=f"{parent.key}.{t // sections + 1}", title=f"重点任务{t + 1}",
                                parent=parent, position=sections + t))
    LedgerTask.objects.bulk_create(tasks, batch_size=BATCH)
    responsibilities = []
    quantities = []
    assigned: list[tuple[LedgerQuantity, list[tuple[Department, bool]]]] = []
    for index, task in enumerate(tasks):
        lead, support = rng.sample(departments, 2)
        for position, (department, role) in enumerate(((lead, ResponsibilityRole.LEAD),
                                                       (support, ResponsibilityRole.SUPPORT))):
            responsibilities.append(TaskResponsibility(task=task, written_name=department.short_name,
                                                       department=department, role=role, position=position))
        for extra in range(2 if index % 2 == 0 else 1):
            metric, unit = METRICS[(index + extra) % len(METRICS)]
            quantity = LedgerQuantity(
                ledger=ledger, task=task, role=QuantityRole.TARGET, metric=metric,
                value=Decimal(rng.choice((5, 10, 20, 50, 120, 300))), unit=unit, op="ge",
                hardness=HARDNESS_CYCLE[(index + extra) % len(HARDNESS_CYCLE)], position=len(quantities),
            )
            quantities.append(quantity)
            assigned.append((quantity, [(lead, True), (support, False)]))
    TaskResponsibility.objects.bulk_create(responsibilities, batch_size=BATCH)
    LedgerQuantity.objects.bulk_create(quantities, batch_size=BATCH)
    return ledger, assigned


def province_generate(*, factor: float = 1.0, rounds: int = 36, tasks_per_ledger: int = 200,
                      figures_rounds: int = 12, seed: int = 11) -> GenerateSummary:
    """Adds `50 × factor` generated ledgers with `rounds` monthly rounds each (see the module docstring)."""
    rng = random.Random(seed)
    cities = _cities()
    departments = _departments(cities)
    ledger_count = max(1, round(50 * factor))
    start_number = Ledger.objects.filter(title__startswith=GENERATED_PREFIX).count()
    periods = _months(datetime.date(2023, 1, 1), rounds)
    now = timezone.now()
    totals = [0, 0, 0, 0]
    for number in range(start_number, start_number + ledger_count):
        with transaction.atomic():
            city = cities[number % len(cities)]
            ledger, assigned = _ledger(number + 1, city, departments[city.pk], rng, tasks_per_ledger)
            performance = {d.pk: rng.uniform(0.5, 1.15) for d in departments[city.pk]}
            closed: list[ReportingRound] = []
            for index, (period_start, period_end) in enumerate(periods):
                is_last = index == len(periods) - 1
                reporting_round = ReportingRound.objects.create(
                    ledger=ledger, period_kind=PeriodKind.MONTH, period_start=period_start, period_end=period_end,
                    due_date=period_end + datetime.timedelta(days=5),
                    title=f"{period_start.year}年{period_start.month}月调度",
                    status=RoundStatus.OPEN if is_last else RoundStatus.CLOSED, opened_at=now,
                    closed_at=None if is_last else now,
                )
                slots = [
                    ReportSlot(round=reporting_round, department=department, quantity=quantity, is_lead=is_lead,
                               position=position)
                    for position, (quantity, pairs) in enumerate(assigned)
                    for department, is_lead in pairs
                ]
                ReportSlot.objects.bulk_create(slots, batch_size=BATCH)
                share = Decimal(period_end.month) / 12
                reports = []
                for slot in slots:
                    factor_done = Decimal(str(round(performance[slot.department_id] * rng.uniform(0.8, 1.2), 3)))
                    value = (slot.quantity.value * share * factor_done).quantize(Decimal("0.1"))
                    reports.append(Report(
                        slot=slot, version=1, value=value,
                        unit=slot.quantity.unit, progress="按计划推进。",
                        status=ReportStatus.SUBMITTED if is_last else ReportStatus.ACCEPTED,
                        value_typed=True, source=ReportSource.FORM, submitted_at=now,
                    ))
                Report.objects.bulk_create(reports, batch_size=BATCH)
                totals[1] += 1
                totals[2] += len(slots)
                totals[3] += len(reports)
                if not is_last:
                    closed.append(reporting_round)
            for reporting_round in closed[-figures_rounds:]:
                RoundFigures.objects.update_or_create(round=reporting_round,
                                                      defaults=round_figures_compute(reporting_round))
            totals[0] += 1
    return GenerateSummary(*totals)


def import_bench_round_create(*, rows: int = 2000) -> tuple[ReportingRound, Department]:
    """An open round in which one department has `rows` slots, for timing a template import of that size."""
    rng = random.Random(5)
    city = _cities()[0]
    department = _departments([city])[city.pk][0]
    number = 900 + Ledger.objects.filter(title__contains="导入测试").count()
    ledger, assigned = _ledger(number, city, [department, *_departments([city])[city.pk][1:2]], rng,
                               tasks_per_ledger=rows * 2 // 3 + 6)
    ledger.title = f"{ledger.title} 导入测试"
    ledger.save(update_fields=["title"])
    reporting_round = ReportingRound.objects.create(
        ledger=ledger, period_kind=PeriodKind.MONTH, period_start=datetime.date(2025, 12, 1),
        period_end=datetime.date(2025, 12, 31), due_date=datetime.date(2026, 1, 5), title="2025年12月调度",
        opened_at=timezone.now(),
    )
    slots = [
        ReportSlot(round=reporting_round, department=department, quantity=quantity, is_lead=True, position=position)
        for position, (quantity, _) in enumerate(assigned[:rows])
    ]
    ReportSlot.objects.bulk_create(slots, batch_size=BATCH)
    return reporting_round, department
