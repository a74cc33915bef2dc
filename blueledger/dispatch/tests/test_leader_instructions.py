"""批示: a 领导 of the region comments on a task, a department's report or a round's bulletin; the 批示 shows on
its subject's page and on the desk of the department concerned (the office's for a bulletin), which marks it
已落实 with a note; a 批示 on a round is printed in the next round's bulletin under 领导批示. History on every
write; nobody else writes one."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from blueledger.core.testing import fresh, kept_for_module, make_department, make_shandong, make_user, page_client
from blueledger.dispatch.bulletin_facts import bulletin_docx
from blueledger.dispatch.models import Instruction, ReportSlot
from blueledger.dispatch.services.instructions import instruction_implement, instruction_write
from blueledger.dispatch.services.rounds import round_close
from blueledger.dispatch.tests.factories import NOVEMBER, make_office, make_published_ledger, make_round, report_all
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world_rows(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The published ledger, its closed October round and the accounts, built once for the module."""
    with kept_for_module(django_db_blocker):
        shandong = make_shandong()
        ledger, departments = make_published_ledger(shandong["weifang"])
        october = make_round(ledger)
        report_all(october, departments["市发改委"], ["600"])
        round_close(actor=None, reporting_round=october)
        gdp_task = ReportSlot.objects.get(round=october, department=departments["市发改委"], is_lead=True).quantity.task
        yield {
            "ledger": ledger, "october": october, "gdp_task": gdp_task, **departments,
            "leader": make_user(departments["市海渔局"], Role.LEADER, "leader"),
            "fagai": make_user(departments["市发改委"], Role.REPORTER, "fagai"),
            "office": make_office(shandong["weifang"]),
        }


@pytest.fixture
def world(world_rows: dict[str, Any]) -> dict[str, Any]:
    """The module's world with its ledger, round and task read afresh for each test (services are given them)."""
    return {**world_rows, **fresh({key: world_rows[key] for key in ("ledger", "october", "gdp_task")})}


def _texts(document_bytes: bytes) -> list[str]:
    return [paragraph.text for paragraph in Document(BytesIO(document_bytes)).paragraphs]


def test_a_task_instruction_goes_to_the_lead_department_which_carries_it_out(world: dict[str, Any]) -> None:
    instruction = instruction_write(actor=world["leader"], task=world["gdp_task"], text="要加快进度, 确保全年目标。")

    assert (instruction.subject, instruction.department, instruction.round) == ("task", world["市发改委"], None)
    assert [(r.history_type, r.history_user, r.history_change_reason) for r in instruction.history.all()] == [
        ("+", world["leader"], "领导批示")]
    fagai = page_client(world["fagai"])
    desk = fagai.get("/").content.decode()
    assert "领导批示" in desk and "待落实批示" in desk and "要加快进度, 确保全年目标。" in desk
    task_page = fagai.get(f"/dispatch/tasks/{world['gdp_task'].pk}/history/").content.decode()
    assert "要加快进度, 确保全年目标。" in task_page and "标记已落实" in task_page

    response = fagai.post(f"/dispatch/instructions/{instruction.pk}/implemented/", {"note": "已召开专题会, 分解到月。"})

    assert response.status_code == 302
    instruction.refresh_from_db()
    assert (instruction.status, instruction.implemented_note, instruction.implemented_by) == (
        "implemented", "已召开专题会, 分解到月。", world["fagai"])
    assert instruction.history.first().history_change_reason == "批示已落实"
    assert "领导批示" not in fagai.get("/").content.decode()  # nothing left to do
    with pytest.raises(ValidationError, match="已标记为已落实"):
        instruction_implement(actor=world["fagai"], instruction=instruction, note="再次")
    assert instruction.history.count() == 2


def test_a_report_instruction_shows_on_the_departments_report(world: dict[str, Any]) -> None:
    instruction = instruction_write(actor=world["leader"], reporting_round=world["october"],
                                    department=world["市发改委"], text="数据要与统计快报核对。")

    assert (instruction.subject, instruction.department) == ("report", world["市发改委"])
    page = page_client(world["fagai"]).get(
        f"/dispatch/rounds/{world['october'].pk}/departments/{world['市发改委'].pk}/").content.decode()
    assert "数据要与统计快报核对。" in page and "落实单位: 市发改委" in page
    stranger = make_department(world["ledger"].region, "市统计局")
    with pytest.raises(ValidationError, match="市统计局不在本轮调度的报送单位中"):
        instruction_write(actor=world["leader"], reporting_round=world["october"], department=stranger, text="核对")
    assert Instruction.objects.count() == 1


def test_a_bulletin_instruction_is_printed_in_the_next_bulletin(world: dict[str, Any]) -> None:
    instruction = instruction_write(actor=world["leader"], reporting_round=world["october"],
                                    text="滞后事项要逐项督办。")
    office = page_client(world["office"])
    assert "滞后事项要逐项督办。" in office.get(f"/dispatch/rounds/{world['october'].pk}/").content.decode()
    assert "待落实批示" in office.get("/").content.decode()
    november = make_round(world["ledger"], NOVEMBER)
    issued = datetime.date(2025, 12, 6)
    written = instruction.written_at.astimezone(datetime.timezone(datetime.timedelta(hours=8))).date()
    said = f"leader（{written.year}年{written.month}月{written.day}日）批示：滞后事项要逐项督办。"

    pending = _texts(bulletin_docx(november, issued_on=issued))
    instruction_implement(actor=world["office"], instruction=instruction, note="已建立督办清单, 每周通报。")
    carried_out = _texts(bulletin_docx(november, issued_on=issued))

    start = pending.index("一、领导批示")
    assert pending[start:start + 4] == ["一、领导批示", said, "落实情况：正在落实。", "二、总体情况"]
    assert carried_out[start + 2] == "落实情况：已建立督办清单，每周通报。"
    assert "一、领导批示" not in _texts(bulletin_docx(world["october"], issued_on=issued))  # not its own


@pytest.mark.parametrize("who", ["viewer", "dispatcher", "reporter", "leader_elsewhere"])
def test_only_a_leader_of_the_region_writes_one(shandong: dict[str, Any], world: dict[str, Any], who: str) -> None:
    actor = {
        "viewer": lambda: make_user(world["市海渔局"], Role.VIEWER, "viewer"),
        "dispatcher": lambda: world["office"],
        "reporter": lambda: world["fagai"],
        "leader_elsewhere": lambda: make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.LEADER, "qd"),
    }[who]()

    with pytest.raises(PermissionDenied):
        instruction_write(actor=actor, reporting_round=world["october"], text="批示")

    assert not Instruction.objects.exists()
    response = page_client(actor).post("/dispatch/instructions/", {"round": world["october"].pk, "text": "批示"})
    assert response.status_code in (403, 404) and not Instruction.objects.exists()


def test_another_department_cannot_mark_it_and_a_blank_note_is_refused(world: dict[str, Any]) -> None:
    instruction = instruction_write(actor=world["leader"], task=world["gdp_task"], text="抓紧推进。")
    haiyu = make_user(world["市海渔局"], Role.REPORTER, "haiyu")

    with pytest.raises(PermissionDenied):
        instruction_implement(actor=haiyu, instruction=instruction, note="已落实")
    with pytest.raises(ValidationError, match="请填写落实情况"):
        instruction_implement(actor=world["fagai"], instruction=instruction, note="  ")
    with pytest.raises(ValidationError, match="请填写批示内容"):
        instruction_write(actor=world["leader"], task=world["gdp_task"], text=" ")

    instruction.refresh_from_db()
    assert (instruction.status, instruction.history.count(), Instruction.objects.count()) == ("pending", 1, 1)


def test_the_leader_writes_on_the_round_page_and_follows_it_on_the_desk(world: dict[str, Any]) -> None:
    leader = page_client(world["leader"])
    round_page = leader.get(f"/dispatch/rounds/{world['october'].pk}/").content.decode()
    assert 'id="instruction-form"' in round_page

    response = leader.post("/dispatch/instructions/", {"round": world["october"].pk, "department": "", "task": "",
                                                       "text": "请各单位对照目标查找差距。"})

    assert response.status_code == 302 and response["Location"] == f"/dispatch/rounds/{world['october'].pk}/"
    instruction = Instruction.objects.get()
    assert (instruction.subject, instruction.author, instruction.text) == ("round", world["leader"],
                                                                          "请各单位对照目标查找差距。")
    desk = leader.get("/").content.decode()
    assert "未落实的批示" in desk and "请各单位对照目标查找差距。" in desk
    assert 'id="instruction-form"' not in page_client(world["fagai"]).get(
        f"/dispatch/rounds/{world['october'].pk}/departments/{world['市发改委'].pk}/").content.decode()
