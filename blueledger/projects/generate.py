"""Province-scale synthetic registry for benchmarks: N projects spread over the coastal districts of a
province, each with M months of reports. Written with bulk_create in batches; generated rows get no history
rows (they are test data, not anyone's change)."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from blueledger.lib.gbt2260 import city_prefix, province_prefix
from blueledger.orgs.models import Region
from blueledger.projects.choices import ProjectKind, ProjectStatus
from blueledger.projects.fixtures import TRACKS
from blueledger.projects.models import MonthlyReport, Project, Track

BATCH = 5000


def _months_back(end: date, count: int) -> list[date]:
    months = []
    year, month = end.year, end.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


@transaction.atomic
def registry_generate(*, projects: int, months: int, province_code: str = "370000", end: date, seed: int = 7) -> int:
    """Adds `projects` generated projects with `months` monthly reports each ending at `end`; returns the
    number of reports written."""
    rng = random.Random(seed)
    prefix = province_prefix(province_code)
    districts = list(Region.objects.filter(code__startswith=prefix, level="county", is_statistical_only=False))
    cities = {region.code: region for region in Region.objects.filter(code__startswith=prefix, level="city")}
    tracks: dict[str, list[Track]] = {}
    for code, city in cities.items():
        existing = {track.name: track for track in Track.objects.filter(region=city)}
        for position, name in enumerate(TRACKS):
            if name not in existing:
                existing[name] = Track.objects.create(region=city, name=name, position=position)
        tracks[city_prefix(code)] = [existing[name] for name in TRACKS]
    districts = [d for d in districts if city_prefix(d.code) in tracks]
    periods = _months_back(end, months)
    start_number = Project.objects.filter(name__startswith="生成项目").count()
    rows = []
    for number in range(start_number, start_number + projects):
        district = districts[number % len(districts)]
        total = Decimal(rng.choice((3000, 8000, 15000, 40000, 120000, 350000, 600000))) + rng.randint(0, 999)
        started = rng.random() < 0.85
        rows.append(
            Project(
                region=district,
                track=tracks[city_prefix(district.code)][number % len(TRACKS)],
                name=f"生成项目{number + 1:05d}",
                kind=rng.choice(ProjectKind.values),
                total_investment_wan=total,
                plan_year=end.year,
                annual_plan_wan=None if rng.random() < 0.05 else (total * Decimal("0.15")).quantize(Decimal(1)),
                status=ProjectStatus.UNDER_CONSTRUCTION if started else ProjectStatus.PREPARING,
                is_listed=started and rng.random() < 0.9,
            )
        )
    series: list[list[tuple[date, Decimal]]] = []
    for project in rows:
        reported: list[tuple[date, Decimal]] = []
        if project.status != ProjectStatus.PREPARING:
            monthly = (project.total_investment_wan * Decimal("0.012")).quantize(Decimal("0.01"))
            cumulative = Decimal(0)
            for period in periods:
                cumulative = Decimal(0) if period.month == 1 else cumulative
                cumulative += (monthly * Decimal(rng.randint(50, 150)) / 100).quantize(Decimal("0.01"))
                reported.append((period, cumulative))
        if reported:
            # The copy of the latest report that services.report_save keeps (see Project).
            project.latest_report_period, project.latest_completed_wan = reported[-1]
        series.append(reported)
    created = Project.objects.bulk_create(rows, batch_size=BATCH)
    reports = 0
    batch: list[MonthlyReport] = []
    for project, reported in zip(created, series, strict=True):
        for period, cumulative in reported:
            batch.append(MonthlyReport(project=project, period=period, year_to_date_completed_wan=cumulative))
            if len(batch) >= BATCH:
                MonthlyReport.objects.bulk_create(batch)
                reports += len(batch)
                batch = []
    MonthlyReport.objects.bulk_create(batch)
    return reports + len(batch)
