"""0008 moves ReportAttachment's file paths to core.attachments: the rows (and the paths of stored files) stay
exactly as they were."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from blueledger.dispatch.models import ReportAttachment
from blueledger.dispatch.tests.factories import make_published_ledger, make_round

BEFORE = [("dispatch", "0007_report_source_platform")]


@pytest.mark.django_db(transaction=True)
def test_existing_attachments_survive_the_migration(shandong: dict[str, Any]) -> None:
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    executor = MigrationExecutor(connection)
    # The test database is made from the models (conftest), not by the migrations: it is recorded at their leaves,
    # which is the schema it has (core/tests/test_migrations.py), so that the executor can go back to 0007.
    for app_label, name in executor.loader.graph.nodes:
        executor.recorder.record_applied(app_label, name)
    executor.loader.build_graph()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("dispatch", "ReportAttachment")
    row = old.objects.create(round_id=reporting_round.pk, department_id=departments["市海渔局"].pk,
                             file="dispatch/attachments/2025/10/验收单.pdf", filename="验收单.pdf",
                             content_type="application/pdf", size=12)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # 0008 and whatever comes after it
    kept = ReportAttachment.objects.get()
    assert (kept.pk, kept.file.name, kept.filename, kept.content_type, kept.size, kept.round_id) == (
        row.pk, "dispatch/attachments/2025/10/验收单.pdf", "验收单.pdf", "application/pdf", 12, reporting_round.pk)
