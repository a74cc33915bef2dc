"""`blueledger backup` then `blueledger restore` gives back every table row for row (count and checksum per
table), timestamps to the microsecond, decimals exactly, and the uploaded files; dumpdata/loaddata cut
timestamps to milliseconds, rounded decimals and left the attachments out."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from blueledger.core.backup import table_summaries
from blueledger.dispatch.models import Report, ReportAttachment, RoundFigures
from blueledger.dispatch.services.reports import attachment_add
from blueledger.dispatch.services.rounds import round_close
from blueledger.dispatch.tests.factories import make_published_ledger, make_reporter, make_round, report_all
from blueledger.ledgers.models import LedgerQuantity

pytestmark = pytest.mark.django_db(transaction=True)

MICROSECONDS = datetime.datetime(2025, 10, 31, 23, 59, 58, 123456, tzinfo=datetime.UTC)


@pytest.fixture
def world(shandong: dict[str, Any], settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path / "media"
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    haiyu = departments["市海渔局"]
    reporter = make_reporter(haiyu, "haiyu")
    report_all(reporting_round, haiyu, ["123.456789", "2"], actor=reporter)
    attachment_add(actor=reporter, reporting_round=reporting_round, department=haiyu,
                   upload=SimpleUploadedFile("说明.txt", "渔港建设说明".encode()))
    round_close(actor=None, reporting_round=reporting_round)
    Report.objects.filter(slot__round=reporting_round).update(submitted_at=MICROSECONDS)
    return {"round": reporting_round, "media": settings.MEDIA_ROOT}


def test_a_backup_restores_every_table_and_file_exactly(world: dict[str, Any], tmp_path: Path) -> None:
    before = table_summaries()
    archive = tmp_path / "备份.tar.gz"
    call_command("backup", str(archive))
    attachment = ReportAttachment.objects.get()
    stored = Path(attachment.file.path)
    content = stored.read_bytes()

    # Everything changes after the backup: rows deleted and edited, the file gone, a stray file added.
    Report.objects.filter(slot__round=world["round"]).update(value=Decimal(1), submitted_at=None)
    LedgerQuantity.objects.filter(pk=LedgerQuantity.objects.order_by("pk").first().pk).update(metric="改过")
    RoundFigures.objects.all().delete()
    stored.unlink()
    (world["media"] / "stray.txt").write_text("x")

    call_command("restore", str(archive))

    after = table_summaries()
    assert after == before
    assert sum(s.rows for s in after.values()) > 100
    assert set(Report.objects.values_list("submitted_at", flat=True)) == {MICROSECONDS}
    assert Decimal("123.456789") in set(Report.objects.values_list("value", flat=True))
    assert stored.read_bytes() == content
    assert not (world["media"] / "stray.txt").exists()
    assert RoundFigures.objects.count() == 1
    # new rows after a restore get fresh ids (PostgreSQL's sequences are reset)
    quantity = LedgerQuantity.objects.order_by("pk").last()
    quantity.pk = None
    quantity.save()
    assert quantity.pk > max(LedgerQuantity.objects.exclude(pk=quantity.pk).values_list("pk", flat=True))


def test_a_file_that_is_not_a_backup_is_refused(world: dict[str, Any], tmp_path: Path) -> None:
    import tarfile

    archive = tmp_path / "other.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("manifest.json")
        data = b'{"format": "other"}'
        info.size = len(data)
        import io

        tar.addfile(info, io.BytesIO(data))
    before = table_summaries()
    with pytest.raises(CommandError, match="不是 blueledger 的备份文件"):
        call_command("restore", str(archive))
    assert table_summaries() == before
