"""Dispatch at province scale: dashboard page time, bulletin time and the import of a 2,000-row template.

Builds the data (blueledger.dispatch.generate.province_generate: at --scale 1, 16 cities, 192 departments,
50 ledgers × 200 tasks, 36 monthly rounds ≈ 1 million report rows) in a fresh SQLite file, and in PostgreSQL
too when BLUELEDGER_BENCH_POSTGRES_URL is set (the database is emptied first: use a scratch database). Then
prints the median and p95 of --requests dashboard requests through Django's test client (signed in as a
province-wide administrator), the time to render one round's bulletin (.docx), and the time to import a
filled 2,000-row template. The province's key-project registry (10,000 projects × 60 months at scale 1) is
generated as well, so that dashboards and bulletins include their 重点项目 part. Goals: dashboard p95 under
150 ms, bulletin under 3 s, import under 2 s.

    .venv/bin/python benchmarks/dispatch.py [--scale 1.0] [--requests 50] [--sqlite-only]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

from page_timing import page_times_ms

ROOT = Path(__file__).resolve().parent.parent


def run_one(database_url: str, label: str, args: argparse.Namespace) -> None:
    env = {**os.environ, "BLUELEDGER_DATABASE_URL": database_url, "BLUELEDGER_DATA_DIR": args.data_dir}
    blueledger = [sys.executable, "-m", "blueledger.cli"]
    started = time.perf_counter()
    if database_url.startswith("postgres"):
        subprocess.run([*blueledger, "flush", "--noinput"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    for command in (["migrate", "-v0"], ["refdata"]):
        subprocess.run([*blueledger, *command], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, __file__, "--build", "--scale", str(args.scale)], env=env, check=True, cwd=ROOT)
    # The province's key-project registry too, so that each dashboard and bulletin carries its 重点项目 part.
    subprocess.run([*blueledger, "projects", "generate", "--projects", str(round(10000 * args.scale)),
                    "--months", "60"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    built = time.perf_counter() - started
    result = subprocess.run(
        [sys.executable, __file__, "--measure", "--requests", str(args.requests)],
        env=env, check=True, cwd=ROOT, capture_output=True, text=True,
    )
    print(f"{label} (scale {args.scale}): data built in {built:.0f} s\n{result.stdout.strip()}", flush=True)


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blueledger.settings")
    import django

    django.setup()


def build(scale: float) -> None:
    _setup()
    from blueledger.dispatch.generate import import_bench_round_create, province_generate

    print(f"  generated: {province_generate(factor=scale)}", flush=True)
    import_bench_round_create(rows=2000)


def measure(requests: int) -> None:
    _setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from openpyxl import load_workbook

    from blueledger.dispatch.bulletin_facts import bulletin_docx
    from blueledger.dispatch.exports import TEMPLATE_SHEET, report_template
    from blueledger.dispatch.imports import report_template_import
    from blueledger.dispatch.models import Report, ReportingRound
    from blueledger.projects.models import Project
    from blueledger.users.choices import Role
    from blueledger.users.models import User

    settings.ALLOWED_HOSTS.append("testserver")
    user = User.objects.filter(username="bench-admin").first() or User.objects.create(
        username="bench-admin", role=Role.ADMIN, is_superuser=True
    )
    client = Client()
    client.force_login(user)
    generated = ReportingRound.objects.filter(ledger__title__startswith="全省生成台账").exclude(
        ledger__title__contains="导入测试")
    latest = list(generated.filter(status="open").order_by("ledger_id")[:3])
    closed = list(generated.filter(status="closed").order_by("-period_end", "ledger_id")[:2])
    urls = [f"/dispatch/rounds/{r.pk}/dashboard/" for r in latest + closed]
    median, p95 = page_times_ms(client, urls, requests)
    slots = latest[0].slots.count()
    # The 重点项目 part of a dashboard whose region keeps projects is its own request, made after the page.
    part_urls = [f"{url}projects/" for url in urls if "projects-part" in client.get(url).content.decode()]
    print(f"  {connection.vendor}, {Report.objects.count()} report rows, {ReportingRound.objects.count()} rounds, "
          f"{Project.objects.count()} key projects: dashboard ({slots} targets × departments per round) "
          f"median {median:.1f} ms, p95 {p95:.1f} ms ({requests} requests)")
    if part_urls:
        part_median, part_p95 = page_times_ms(client, part_urls, requests)
        print(f"  its 重点项目 part ({len(part_urls)} of {len(urls)} dashboards): median {part_median:.1f} ms, "
              f"p95 {part_p95:.1f} ms ({requests} requests)")

    begin = time.perf_counter()
    data = bulletin_docx(latest[0])
    print(f"  bulletin of one round ({slots} slots): {time.perf_counter() - begin:.2f} s, {len(data) // 1024} KB")

    bench_round = ReportingRound.objects.filter(ledger__title__contains="导入测试").latest("pk")
    department = bench_round.slots.first().department
    workbook = load_workbook(BytesIO(report_template(bench_round, department)))
    sheet = workbook[TEMPLATE_SHEET]
    for line in range(4, sheet.max_row + 1):
        sheet.cell(line, 9).value = line % 7 + 1
        sheet.cell(line, 10).value = "按计划推进"
    buffer = BytesIO()
    workbook.save(buffer)
    rows = sheet.max_row - 3
    begin = time.perf_counter()
    summary = report_template_import(actor=user, reporting_round=bench_round, department=department,
                                     data=buffer.getvalue(), filename="bench.xlsx")
    elapsed = time.perf_counter() - begin
    print(f"  import of a {rows}-row template: {elapsed:.2f} s ({summary.rows} rows written)")
    Report.objects.filter(slot__round=bench_round).delete()
    bench_round.uploads.all().delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build(args.scale)
        return
    if args.measure:
        measure(args.requests)
        return
    with tempfile.TemporaryDirectory(prefix="blueledger-dispatch-bench-") as data_dir:
        args.data_dir = data_dir
        run_one(f"sqlite:///{Path(data_dir) / 'bench.sqlite3'}", "SQLite", args)
        postgres = os.environ.get("BLUELEDGER_BENCH_POSTGRES_URL")
        if postgres and not args.sqlite_only:
            run_one(postgres, "PostgreSQL", args)
        elif not args.sqlite_only:
            print("PostgreSQL: skipped (set BLUELEDGER_BENCH_POSTGRES_URL to a scratch database)")


if __name__ == "__main__":
    main()
