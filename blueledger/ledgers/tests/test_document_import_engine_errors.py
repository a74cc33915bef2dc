"""An extraction engine failure on an upload (a crash, or a ledger the database refuses) is a refusal with a
Chinese message and nothing written, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from blueledger.core.testing import make_department, make_user
from blueledger.documents.models import Document
from blueledger.ledgers import services
from blueledger.ledgers.models import Ledger
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db

REFUSAL = (
    "文件“计划.txt”的文字已读出, 但无法整理成台账 (内容结构异常或过大), 未导入任何内容。"
    "请检查文件内容, 或拆分成几个文件后再上传; 如问题持续, 请联系管理员。"
)
PLAN = "青岛市海洋发展局2025年工作要点\n\n一、海洋经济\n海洋生产总值增长6%。\n".encode()


@pytest.fixture
def dispatcher(shandong: dict[str, Any]) -> Any:
    return make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.DISPATCHER)


def _refusal(dispatcher: Any, region: Any) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        services.document_import(actor=dispatcher, data=PLAN, filename="计划.txt", region=region)
    assert (Document.objects.count(), Ledger.objects.count(), Document.history.count()) == (0, 0, 0)
    return refused.value.messages


def test_an_extractor_crash_is_a_refusal(dispatcher: Any, shandong: dict[str, Any], monkeypatch: Any) -> None:
    def crash(text: str, *, source: str) -> Any:
        raise IndexError("list index out of range")

    monkeypatch.setattr(services, "extract", crash)
    assert _refusal(dispatcher, shandong["qingdao"]) == [REFUSAL]


def test_a_ledger_the_database_refuses_is_a_refusal(
    dispatcher: Any, shandong: dict[str, Any], monkeypatch: Any
) -> None:
    def refuse(**kwargs: Any) -> Any:
        raise IntegrityError('duplicate key value violates unique constraint "ledger_task_key_unique"')

    monkeypatch.setattr(services, "ledger_create_from_extraction", refuse)
    assert _refusal(dispatcher, shandong["qingdao"]) == [REFUSAL]
