"""Ocean-economy monitoring at a city of Qingdao's size: 80,000 units in the directory.

For SQLite (a fresh file) and PostgreSQL (when BLUELEDGER_BENCH_POSTGRES_URL is set; emptied first) it prints:
- the directory import of an 80,000-row .xlsx through `blueledger economy units import` (every row validated:
  USCC check character, region, industry, share, duplicates by code and by folded name), goal ≤ 30 s;
- a period's aggregation: value added by ocean industry and city from 80,000 unit reports (services
  .value_added_compute, computed figures with their method written);
- the indicators page (/economy/), the dashboard (/economy/dashboard/) and the unit directory page
  (/economy/units/, filtered and not), median and p95 of N requests, beside a bare
  Django view (login required, returns "ok") in the same process.

    .venv/bin/python benchmarks/economy.py [--units 80000] [--requests 50]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from page_timing import page_times_ms

ROOT = Path(__file__).resolve().parent.parent
DISTRICTS = ("370202", "370203", "370211", "370212", "370213", "370214", "370215", "370281", "370283", "370285")
# economy.imports.UNIT_COLUMNS, written out: that module needs Django set up.
HEADER = ["统一社会信用代码", "单位名称", "所在区划", "国民经济行业代码", "海洋产业", "涉海比例", "规模", "状态",
          "来源"]
INDUSTRIES = ("海洋渔业", "海洋水产品加工业", "海洋船舶工业", "海洋化工业", "海洋交通运输业", "海洋旅游业",
              "海洋工程装备制造业", "海洋药物和生物制品业", "海洋上游相关产业", "海洋下游相关产业")


def directory_xlsx(path: Path, units: int) -> None:
    sys.path.insert(0, str(ROOT))
    from openpyxl import Workbook

    from blueledger.lib.uscc import uscc_check_character

    rng = random.Random(20261205)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("名录")
    sheet.append(HEADER)
    for number in range(units):
        district = DISTRICTS[number % len(DISTRICTS)]
        head = f"91{district}MA{number:07d}"
        sheet.append([
            head + uscc_check_character(head), f"青岛测试海洋单位{number}有限公司", district, "",
            INDUSTRIES[number % len(INDUSTRIES)], f"{rng.randint(10, 100)}%", "规上" if number % 9 == 0 else "规下",
            "在营", "海洋经济调查",
        ])
    workbook.save(path)


def run_one(database_url: str, label: str, args: argparse.Namespace, xlsx: Path) -> None:
    # A directory of Qingdao's size is one sheet of 80,000 rows (55 MB of sheet XML): such a bureau raises the
    # import row limit (BLUELEDGER_IMPORT_MAX_ROWS, default 10,000) and the unpacked part limit
    # (BLUELEDGER_ZIP_MEMBER_LIMIT_MB, default 50), as this run does.
    env = {**os.environ, "BLUELEDGER_DATABASE_URL": database_url, "BLUELEDGER_DATA_DIR": args.data_dir,
           "BLUELEDGER_IMPORT_MAX_ROWS": str(max(args.units, 10_000)),
           "BLUELEDGER_ZIP_MEMBER_LIMIT_MB": str(max(args.units // 1000, 50))}
    blueledger = [sys.executable, "-m", "blueledger.cli"]
    for command in (["migrate", "-v0"], ["flush", "--noinput"], ["refdata"]):
        subprocess.run([*blueledger, *command], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    started = time.perf_counter()
    result = subprocess.run([*blueledger, "economy", "units", "import", str(xlsx), "--format", "json"], env=env,
                            check=True, cwd=ROOT, capture_output=True, text=True)
    imported = time.perf_counter() - started
    summary = json.loads(result.stdout)
    print(f"{label}: import of {summary['rows']} rows (created {summary['created']}, errors "
          f"{len(summary['errors'])}) in {imported:.1f} s, command start-up included")
    measured = subprocess.run([sys.executable, __file__, "--measure", "--requests", str(args.requests)], env=env,
                              check=True, cwd=ROOT, capture_output=True, text=True)
    print(measured.stdout.rstrip())


def measure(requests: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blueledger.settings")
    import django

    django.setup()
    from decimal import Decimal

    from django.conf import settings
    from django.contrib.auth.decorators import login_required
    from django.db import connection
    from django.http import HttpRequest, HttpResponse
    from django.test import Client
    from django.urls import clear_url_caches, path

    from blueledger import urls
    from blueledger.economy.models import StatisticalUnit, UnitReport
    from blueledger.economy.services import value_added_compute
    from blueledger.users.choices import Role
    from blueledger.users.models import User

    @login_required
    def bare(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    urls.urlpatterns.append(path("bench-bare/", bare))
    clear_url_caches()
    settings.ALLOWED_HOSTS.append("testserver")
    # 80,000 annual reports of 2024 (bulk, without history: this is the data the aggregation reads).
    rng = random.Random(7)
    UnitReport.objects.all().delete()
    reports = [UnitReport(unit_id=pk, year=2024, quarter=0, value_added_wan=Decimal(rng.randint(50, 90000)))
               for pk in StatisticalUnit.objects.values_list("pk", flat=True)]
    UnitReport.objects.bulk_create(reports, batch_size=5000)
    started = time.perf_counter()
    cells = value_added_compute(actor=None, year=2024)
    aggregated = (time.perf_counter() - started) * 1000
    print(f"  {connection.vendor}: aggregation of {len(reports)} unit reports into {cells} industry × city "
          f"figures in {aggregated:.0f} ms")
    user = User.objects.filter(username="bench-admin").first() or User.objects.create(
        username="bench-admin", role=Role.ADMIN, is_superuser=True
    )
    client = Client()
    client.force_login(user)
    for name, page_urls in (
        ("bare Django view", ["/bench-bare/"]),
        ("indicators page", ["/economy/", "/economy/?indicator=value_added", "/economy/?indicator=gdp_share"]),
        ("dashboard page", ["/economy/dashboard/", "/economy/dashboard/?year=2023"]),
        ("unit directory page", ["/economy/units/", "/economy/units/?industry=marine_industries&size=above",
                                 "/economy/units/?region=370211&q=青岛测试海洋单位7", "/economy/units/?page=500"]),
    ):
        median, p95 = page_times_ms(client, page_urls, requests)
        print(f"  {connection.vendor}: {name} median {median:.1f} ms, p95 {p95:.1f} ms ({requests} requests)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=80000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.requests)
        return
    with tempfile.TemporaryDirectory(prefix="bl-bench-") as directory:
        args.data_dir = directory
        xlsx = Path(directory) / "directory.xlsx"
        started = time.perf_counter()
        directory_xlsx(xlsx, args.units)
        print(f"{args.units}-row directory .xlsx written in {time.perf_counter() - started:.1f} s "
              f"({xlsx.stat().st_size // 1024} KiB)")
        run_one(f"sqlite:///{directory}/bench.sqlite3", "SQLite", args, xlsx)
        postgres = os.environ.get("BLUELEDGER_BENCH_POSTGRES_URL")
        if postgres:
            run_one(postgres, "PostgreSQL", args, xlsx)
        else:
            print("PostgreSQL: skipped (set BLUELEDGER_BENCH_POSTGRES_URL)")


if __name__ == "__main__":
    main()
