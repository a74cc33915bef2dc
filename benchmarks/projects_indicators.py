"""Indicator page times at province scale: 10,000 projects × 60 months of reports.

Builds the data in a fresh SQLite file (and in PostgreSQL when BLUELEDGER_BENCH_POSTGRES_URL is set, emptied
first), then prints the median and p95 of 50 requests of the indicators page (/projects/) through Django's
test client, signed in as a province-wide administrator. Goal: p95 under 150 ms.

    .venv/bin/python benchmarks/projects_indicators.py [--projects 10000] [--months 60] [--requests 50]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from page_timing import page_times_ms

ROOT = Path(__file__).resolve().parent.parent


def run_one(database_url: str, label: str, args: argparse.Namespace) -> None:
    env = {**os.environ, "BLUELEDGER_DATABASE_URL": database_url, "BLUELEDGER_DATA_DIR": args.data_dir}
    blueledger = [sys.executable, "-m", "blueledger.cli"]
    started = time.perf_counter()
    for command in (
        ["migrate", "-v0"],
        # The PostgreSQL database outlives a run: empty it, or a second run would measure 20,000 projects.
        ["flush", "--noinput"],
        ["refdata"],
        ["projects", "generate", "--projects", str(args.projects), "--months", str(args.months)],
    ):
        subprocess.run([*blueledger, *command], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    built = time.perf_counter() - started
    result = subprocess.run(
        [sys.executable, __file__, "--measure", "--requests", str(args.requests)],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    print(f"{label}: data built in {built:.0f} s; {result.stdout.strip()}")


def measure(requests: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blueledger.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from blueledger.projects.models import MonthlyReport, Project
    from blueledger.users.choices import Role
    from blueledger.users.models import User

    settings.ALLOWED_HOSTS.append("testserver")
    user = User.objects.filter(username="bench-admin").first() or User.objects.create(
        username="bench-admin", role=Role.ADMIN, is_superuser=True
    )
    client = Client()
    client.force_login(user)
    urls = ["/projects/?as_of=2025-12", "/projects/?as_of=2025-12&region=370200", "/projects/?as_of=2024-06"]
    median, p95 = page_times_ms(client, urls, requests)
    print(
        f"{connection.vendor}, {Project.objects.count()} projects, {MonthlyReport.objects.count()} reports: "
        f"indicators page median {median:.1f} ms, p95 {p95:.1f} ms ({requests} requests)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=10000)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.requests)
        return
    with tempfile.TemporaryDirectory(prefix="bl-bench-") as directory:
        args.data_dir = directory
        run_one(f"sqlite:///{directory}/bench.sqlite3", "SQLite", args)
        postgres = os.environ.get("BLUELEDGER_BENCH_POSTGRES_URL")
        if postgres:
            run_one(postgres, "PostgreSQL", args)
        else:
            print("PostgreSQL: skipped (set BLUELEDGER_BENCH_POSTGRES_URL)")


if __name__ == "__main__":
    main()
