"""`blueledger demo` imports the five samples into their issuers' regions and publishes them, once."""

from io import StringIO

import pytest
from django.core.management import call_command

from blueledger.core.snapshots import Snapshot
from blueledger.documents.models import Document
from blueledger.ledgers.models import Ledger, TaskResponsibility


@pytest.mark.django_db
def test_demo_publishes_the_five_samples_once(demo_snapshot: Snapshot) -> None:
    output = StringIO(demo_snapshot.restore())  # the session's run of `blueledger demo`
    rows = sorted(Ledger.objects.values_list("document__original_filename", "region__code", "status"))
    assert rows == [
        ("000_060449e17469e9f6.txt", "370200", "published"),
        ("001_bda85c7444e3962a.txt", "370211", "published"),
        ("002_a93a219fb6b82c86.txt", "370200", "published"),
        ("003_0f9e64c915d94e44.txt", "371000", "published"),
        ("004_2e91e0d14aca89a2.txt", "370700", "published"),
    ]
    assert "示例台账: 004_2e91e0d14aca89a2.txt 导入并发布" in output.getvalue()
    weifang = TaskResponsibility.objects.filter(task__ledger__region__code="370700")
    assert weifang.count() == 132 and not weifang.filter(department__isnull=True).exists()
    lead = weifang.filter(written_name="市发改委", role="lead").first()
    assert lead is not None and lead.department.name == "潍坊市发展和改革委员会"

    again = StringIO()
    call_command("demo", stdout=again)
    assert (Document.objects.count(), Ledger.objects.count()) == (5, 5)
    assert "示例台账: 004_2e91e0d14aca89a2.txt 已存在" in again.getvalue()
