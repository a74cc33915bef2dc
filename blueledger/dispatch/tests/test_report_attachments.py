from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from blueledger.dispatch.models import ReportAttachment
from blueledger.dispatch.services.reports import attachment_add
from blueledger.dispatch.tests.factories import make_published_ledger, make_reporter, make_round


def test_a_department_attaches_files_to_its_reports(shandong: dict[str, Any], settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    ledger, departments = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    reporter = make_reporter(departments["市海渔局"])

    attachment = attachment_add(actor=reporter, reporting_round=reporting_round, department=departments["市海渔局"],
                                upload=SimpleUploadedFile("渔港验收单.pdf", b"%PDF-1.4 test"))

    assert attachment.filename == "渔港验收单.pdf"
    assert Path(attachment.file.path).read_bytes() == b"%PDF-1.4 test"
    record = attachment.history.get()
    assert (record.history_user, record.history_change_reason) == (reporter, "上传附件")
    with pytest.raises(PermissionDenied):
        attachment_add(actor=reporter, reporting_round=reporting_round, department=departments["市发改委"],
                       upload=SimpleUploadedFile("x.pdf", b"x"))
    assert ReportAttachment.objects.count() == 1
