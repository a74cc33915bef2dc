"""Seconds and peak Python allocation of a document import (ledgers.services.document_import) on the configured
database (BLUELEDGER_DATABASE_URL, SQLite by default): the hostile corpus's "plan with one heading repeated 2,000
times" (blueledger/lib/tests/hostile_files.py: 14,000 rows with their history) and the largest real seed.

Works in a scratch test database (Django's test database of the configured one, named with a `_bench` suffix,
destroyed at the end), never in the configured database itself. Each import runs in a transaction rolled back
afterwards, so every round imports the same file into the same rows. Prints, per file, the median and best wall
and CPU seconds of --rounds imports, then the peak of Python allocations (tracemalloc) of one more import: that
one is slower, tracemalloc traces every allocation. The load average is printed too; the machine may be shared.

    .venv/bin/python benchmarks/document_import.py [--rounds 5] [--seeds /work/shared/seeds]
    BLUELEDGER_DATABASE_URL=postgres://bl:bl@127.0.0.1:5432/bl_bench .venv/bin/python benchmarks/document_import.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import tracemalloc
from pathlib import Path

DEFAULT_SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"
HEADINGS_PLAN = ("一、总体要求\n（一）加快建设海洋牧场，完成投资5亿元。\n" * 2000).encode()


class Rollback(Exception):
    pass


def import_once(data: bytes, filename: str, region: object) -> int:
    """Imports the file in a transaction rolled back at the end; returns the number of tasks it wrote."""
    from django.db import transaction

    from blueledger.ledgers.models import LedgerTask
    from blueledger.ledgers.services import document_import

    tasks = 0
    try:
        with transaction.atomic():
            document = document_import(actor=None, data=data, filename=filename, region=region)
            tasks = LedgerTask.objects.filter(ledger__document=document).count()
            raise Rollback
    except Rollback:
        pass
    return tasks


def measure(name: str, data: bytes, filename: str, region: object, rounds: int) -> None:
    import_once(data, filename, region)  # warm-up: compiled patterns, caches, the connection
    walls, cpus, tasks = [], [], 0
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        tasks = import_once(data, filename, region)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    traced = time.process_time()
    tracemalloc.start()
    try:
        import_once(data, filename, region)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    traced = time.process_time() - traced
    print(
        f"{name}: {tasks} tasks; wall median {statistics.median(walls):.3f} s (best {min(walls):.3f}), "
        f"CPU median {statistics.median(cpus):.3f} s (best {min(cpus):.3f}), "
        f"Python peak {peak:.1f} MB (tracemalloc, CPU {traced:.2f} s traced); load {os.getloadavg()[0]:.2f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blueledger.settings")
    import django

    django.setup()
    from django.db import connection

    from blueledger.core.testing import make_region

    settings = connection.settings_dict
    if settings["ENGINE"] != "django.db.backends.sqlite3":
        settings["TEST"]["NAME"] = f"test_{settings['NAME']}_bench"
    settings["TEST"]["MIGRATE"] = False  # the schema from the models, as the tests make it: seconds, not a minute
    configured = settings["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        province = make_region("370000", "山东省")
        region = make_region("370200", "青岛市", parent=province)
        print(f"{connection.vendor} ({connection.settings_dict['NAME']})", flush=True)
        measure("plan with one heading repeated 2,000 times", HEADINGS_PLAN, "计划.txt", region, args.rounds)
        seed = max(sorted(args.seeds.glob("*.txt")), key=lambda path: path.stat().st_size)
        measure(f"seed {seed.name}", seed.read_bytes(), seed.name, region, args.rounds)
    finally:
        connection.creation.destroy_test_db(configured, verbosity=0)


if __name__ == "__main__":
    main()
