"""Every business write is attributable: the services that write, and the Excel imports and reference loaders,
are walked one after another over a small world, and after each one every row it created, changed or deleted
in a model with history has a history row written by the acting user. Reference loaders run as the system
(actor None: the command line, `blueledger refdata` and `demo`), so their rows carry no user. Derived copies
left out of the history (Project.latest_report_period and latest_completed_wan, kept equal to the reports) are
checked against what they copy instead."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from openpyxl import Workbook, load_workbook

from blueledger.core.testing import make_department, make_user
from blueledger.dispatch.choices import PeriodKind
from blueledger.dispatch.exports import TEMPLATE_SHEET, report_template
from blueledger.dispatch.imports import report_template_import
from blueledger.dispatch.models import RankingObjection, ReconciliationRow, RegistryBinding, ReportSlot
from blueledger.dispatch.services.objections import objection_answer, objection_file
from blueledger.dispatch.services.reconciliation import reconciliation_create, reconciliation_row_confirm
from blueledger.dispatch.services.registry import registry_binding_remove, registry_binding_set, registry_values_fill
from blueledger.dispatch.services.reports import ReportEntry, attachment_add, reports_return, reports_save
from blueledger.dispatch.services.rounds import round_close, round_open, round_reopen, round_settings_update
from blueledger.dispatch.tests.factories import make_published_ledger, make_round
from blueledger.dispatch.tests.test_reconciliation import SUMMARY_TEXT
from blueledger.economy import services as economy
from blueledger.economy.imports import crosswalk_import, units_import
from blueledger.economy.tests.factories import make_uscc, units_workbook
from blueledger.fisheries.imports import vessels_import
from blueledger.fisheries.tests.test_vessel_import import HEADER as VESSEL_HEADER
from blueledger.ledgers import services as ledgers
from blueledger.ledgers.choices import QuantityRole, ResponsibilityRole
from blueledger.ledgers.models import Ledger, TaskResponsibility
from blueledger.ledgers.services import document_import
from blueledger.ledgers.tests.factories import PLAN_TEXT, make_plan_departments
from blueledger.orgs import services as orgs
from blueledger.orgs.exports import departments_workbook
from blueledger.orgs.imports import departments_import
from blueledger.orgs.models import Department, DepartmentAlias
from blueledger.projects import services as projects
from blueledger.projects.exports import DEFAULT_COLUMNS, DISPATCH_SHEET
from blueledger.projects.imports import dispatch_import
from blueledger.projects.models import Project
from blueledger.projects.tests.factories import make_track
from blueledger.users import services as users
from blueledger.users.choices import Role

OWN_PLAN_TEXT = """潍坊市海洋发展和渔业局2025年工作要点

一、发展海洋经济
海洋生产总值确保达到1300亿元。
"""
Snapshot = dict[type[models.Model], dict[Any, tuple[Any, ...]]]


@cache
def _history_models() -> tuple[tuple[type[models.Model], Any, tuple[str, ...]], ...]:
    """(model, its historical model, the columns the history keeps), read once: each read of `model.history`
    builds a new manager class (django-simple-history), which made most of this test's time."""
    found = []
    for model in apps.get_models():
        if hasattr(model, "instance_type"):
            continue
        history = getattr(model, "history", None)
        if history is not None:
            found.append((model, history.model, _tracked_fields(model, history.model)))
    return tuple(found)


def _tracked_fields(model: type[models.Model], history: Any) -> tuple[str, ...]:
    """The model's columns the history keeps (those not excluded from it)."""
    kept = {field.attname for field in history._meta.concrete_fields}
    return tuple(field.attname for field in model._meta.concrete_fields if field.attname in kept)


def _per_history_table(expression: str) -> str:
    """One query of `expression` over each historical table, in the order of _history_models()."""
    tables = [connection.ops.quote_name(history._meta.db_table) for _, history, _ in _history_models()]
    return "SELECT " + ", ".join(f"(SELECT {expression} FROM {table}{{where}})" for table in tables)


def _snapshot() -> tuple[Snapshot, dict[type[models.Model], int]]:
    """Every kept column of every row of every model with history (unordered: a dict of them), and the last
    history id of each model (its MAX(history_id), all read in one query)."""
    rows: Snapshot = {}
    for model, _, fields in _history_models():
        rows[model] = {values[0]: values for values in model._base_manager.order_by().values_list("pk", *fields)}
    with connection.cursor() as cursor:
        cursor.execute(_per_history_table("MAX(history_id)").format(where=""))
        last = cursor.fetchone()
    last_history = {model: value or 0 for (model, _, _), value in zip(_history_models(), last, strict=True)}
    return rows, last_history


def _unattributed(before: Snapshot, after: Snapshot, last_history: dict[type[models.Model], int],
                  actor: Any) -> tuple[list[str], int]:
    """The rows changed from `before` to `after` with no history row by `actor`, and how many rows changed."""
    missing: list[str] = []
    changed_count = 0
    # a write the history keeps though no kept column changed (a password) counts as a write too
    sql = _per_history_table("COUNT(*)").replace("{where}", " WHERE history_id > %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [last_history[model] for model, _, _ in _history_models()])
        new_history = cursor.fetchone()
    for (model, history, _), written in zip(_history_models(), new_history, strict=True):
        rows, old = after[model], before[model]
        changed = {pk for pk, values in rows.items() if old.get(pk) != values} | (set(old) - set(rows))
        changed_count += len(changed) + written
        if not changed:
            continue
        pk_name = model._meta.pk.attname
        recorded = set(history.objects.filter(history_id__gt=last_history[model],
                                              history_user_id=actor.pk if actor is not None else None,
                                              **{f"{pk_name}__in": changed}).values_list(pk_name, flat=True))
        missing += [f"{model.__name__} {pk}" for pk in sorted(changed - recorded)]
    return missing, changed_count


@pytest.fixture
def world(shandong: dict[str, Any], settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    weifang = shandong["weifang"]
    departments = make_plan_departments(weifang)
    office = make_department(weifang, "调度办")
    return {
        "shandong": shandong,
        "weifang": weifang,
        "departments": departments,
        "admin": make_user(make_department(shandong["province"], "省海洋局"), Role.ADMIN, "admin"),
        "office": make_user(office, Role.DISPATCHER, "office"),
        "reporter": make_user(departments["市海渔局"], Role.REPORTER, "haiyu"),
    }


def _steps(w: dict[str, Any]) -> list[tuple[str, str, Callable[[], Any]]]:
    """(service, actor key, call), in an order where each call finds what it needs."""
    weifang, departments, state = w["weifang"], w["departments"], w
    haiyu = departments["市海渔局"]

    def ledger() -> Ledger:
        return Ledger.objects.get(document__original_filename="工作要点.txt")

    def round_() -> Any:
        return state["round"]

    def entries(values: list[str]) -> dict[int, ReportEntry]:
        slots = ReportSlot.objects.filter(round=round_(), department=haiyu,
                                          quantity__registry_binding__isnull=True).order_by("position")
        return {slot.pk: ReportEntry(value=Decimal(v), progress="推进中")
                for slot, v in zip(slots, values, strict=True)}

    def remember(key: str, value: Any) -> Any:
        state[key] = value
        return value

    return [
        ("orgs.region_update", "admin", lambda: orgs.region_update(actor=w["admin"], region=weifang, notes="备注")),
        ("orgs.department_create", "admin", lambda: remember("department", orgs.department_create(
            actor=w["admin"], region=weifang, name="潍坊市测试局", short_name="市测试局", kind="bureau",
            aliases=[], notes=""))),
        ("orgs.department_update", "admin",
         lambda: orgs.department_update(actor=w["admin"], department=state["department"], notes="新备注")),
        ("orgs.department_alias_add", "admin",
         lambda: orgs.department_alias_add(actor=w["admin"], department=state["department"], alias="测试局")),
        ("orgs.department_alias_remove", "admin", lambda: orgs.department_alias_remove(
            actor=w["admin"], alias=DepartmentAlias.objects.get(alias="测试局"))),
        ("users.user_create", "admin", lambda: remember("user", users.user_create(
            actor=w["admin"], username="zhangsan", password="Haiyang-2025-bl", role=Role.REPORTER,
            department=state["department"], display_name="张三", email="", phone=""))),
        ("users.user_update", "admin",
         lambda: users.user_update(actor=w["admin"], user=state["user"], display_name="张三丰")),
        ("users.user_set_password", "admin",
         lambda: users.user_set_password(actor=w["admin"], user=state["user"], password="Lanse-taizhang-77")),
        ("documents.document_import + ledgers.ledger_create_from_extraction", "office", lambda: document_import(
            actor=w["office"], data=PLAN_TEXT.encode(), filename="工作要点.txt", region=weifang)),
        ("ledgers.task_update", "office", lambda: ledgers.task_update(
            actor=w["office"], task=ledger().tasks.order_by("position").first(), title="加快发展海洋经济")),
        ("ledgers.quantity_update", "office", lambda: ledgers.quantity_update(
            actor=w["office"], quantity=ledger().quantities.order_by("position").first(), value=Decimal(1250))),
        ("ledgers.quantity_create", "office", lambda: remember("quantity", ledgers.quantity_create(
            actor=w["office"], ledger=ledger(), task=ledger().tasks.order_by("position").first(),
            role=QuantityRole.TARGET, metric="新增海洋牧场", value=Decimal(2), unit="处", op="ge"))),
        ("ledgers.quantity_delete", "office",
         lambda: ledgers.quantity_delete(actor=w["office"], quantity=state["quantity"])),
        ("ledgers.responsibility_add", "office", lambda: remember("responsibility", ledgers.responsibility_add(
            actor=w["office"], task=ledger().tasks.order_by("position").last(), department=haiyu,
            role=ResponsibilityRole.SUPPORT))),
        ("ledgers.responsibility_remove", "office",
         lambda: ledgers.responsibility_remove(actor=w["office"], responsibility=state["responsibility"])),
        ("documents.document_import (a second plan)", "office", lambda: document_import(
            actor=w["office"], data=(PLAN_TEXT + "\n").encode(), filename="工作要点二.txt", region=weifang,
            accept_same_text=True)),
        ("ledgers.responsibility_resolve", "office", lambda: ledgers.responsibility_resolve(
            actor=w["office"], responsibility=TaskResponsibility.objects.filter(
                task__ledger__document__original_filename="工作要点二.txt", department__isnull=True).first(),
            department=departments["市发改委"], remember_alias=False)),
        ("ledgers.ledger_name_resolve", "office", lambda: ledgers.ledger_name_resolve(
            actor=w["office"], ledger=ledger(), written_name="市未知局", department=departments["市发改委"],
            remember_alias=False)),
        ("documents.document_import (a plan naming no departments)", "office", lambda: document_import(
            actor=w["office"], data=OWN_PLAN_TEXT.encode(), filename="本局要点.txt", region=weifang)),
        ("ledgers.ledger_assign_unassigned", "office", lambda: ledgers.ledger_assign_unassigned(
            actor=w["office"], ledger=Ledger.objects.get(document__original_filename="本局要点.txt"),
            department=haiyu)),
        ("ledgers.ledger_publish", "office", lambda: ledgers.ledger_publish(actor=w["office"], ledger=ledger())),
        ("dispatch.round_open", "office", lambda: remember("round", round_open(
            actor=w["office"], ledger=ledger(), period_kind=PeriodKind.MONTH, period_start=datetime.date(2025, 10, 1),
            period_end=datetime.date(2025, 10, 31), due_date=datetime.date(2025, 11, 5)))),
        ("dispatch.reports_save (draft)", "reporter", lambda: reports_save(
            actor=w["reporter"], reporting_round=round_(), department=haiyu, entries=entries(["100", "1"]),
            submit=False)),
        ("dispatch.reports_save (submit)", "reporter", lambda: reports_save(
            actor=w["reporter"], reporting_round=round_(), department=haiyu, entries=entries(["120", "2"]),
            submit=True)),
        ("dispatch.reports_return", "office", lambda: reports_return(
            actor=w["office"], reporting_round=round_(), department=haiyu, comment="请核实")),
        ("dispatch.reports_save (resubmit)", "reporter", lambda: reports_save(
            actor=w["reporter"], reporting_round=round_(), department=haiyu, entries=entries(["118", "2"]),
            submit=True)),
        ("dispatch.attachment_add", "reporter", lambda: attachment_add(
            actor=w["reporter"], reporting_round=round_(), department=haiyu,
            upload=SimpleUploadedFile("说明.txt", "渔港建设说明".encode()))),
        ("dispatch.objection_file", "reporter", lambda: objection_file(
            actor=w["reporter"], reporting_round=round_(), department=haiyu, text="渔港数量统计口径不同")),
        ("dispatch.objection_answer", "office", lambda: objection_answer(
            actor=w["office"], objection=RankingObjection.objects.get(), answer="已按统一口径核实")),
        ("dispatch.round_settings_update", "office", lambda: round_settings_update(
            actor=w["office"], reporting_round=round_(),
            hardness_weights={"binding": Decimal(3), "strive": Decimal(1), "try": Decimal(1), "none": Decimal(1)},
            tolerance_share=Decimal("0.1"), severe_lag_points=Decimal(30))),
        ("projects.track_create", "admin", lambda: remember("track", projects.track_create(
            actor=w["admin"], region=weifang, name="海洋渔业"))),
        ("projects.project_create", "admin", lambda: remember("project", projects.project_create(
            actor=w["admin"], region=weifang, track=state["track"], name="潍坊港渔港改造", kind="new",
            status="under_construction", total_investment_wan=Decimal(50000), plan_year=2025,
            annual_plan_wan=Decimal(10000), responsible_department=haiyu))),
        ("projects.project_update", "admin",
         lambda: projects.project_update(actor=w["admin"], project=state["project"], content="渔港改造")),
        ("projects.report_save", "admin", lambda: projects.report_save(
            actor=w["admin"], project=state["project"], period=datetime.date(2025, 10, 1),
            year_to_date_completed_wan=Decimal(3000), progress="主体施工")),
        ("dispatch.registry_binding_set", "office", lambda: registry_binding_set(
            actor=w["office"], quantity=ledger().quantities.get(metric="新建渔港"), indicator="projects",
            filters={})),
        ("projects.project_create (a second)", "admin", lambda: projects.project_create(
            actor=w["admin"], region=weifang, track=state["track"], name="第二个渔港",
            total_investment_wan=Decimal(1000), plan_year=2025)),
        ("dispatch.registry_values_fill", "office",
         lambda: registry_values_fill(actor=w["office"], reporting_round=round_())),
        ("dispatch.registry_binding_remove", "office", lambda: registry_binding_remove(
            actor=w["office"], binding=RegistryBinding.objects.get())),
        ("dispatch.round_close", "office", lambda: round_close(actor=w["office"], reporting_round=round_())),
        ("dispatch.round_reopen", "admin", lambda: round_reopen(
            actor=w["admin"], reporting_round=round_(), reason="市海渔局报送有误")),
        ("dispatch.reconciliation_create", "office", lambda: reconciliation_create(
            actor=w["office"], plan=ledger(), summary=document_import(
                actor=w["office"], data=SUMMARY_TEXT.encode(), filename="工作总结.txt", region=weifang).ledger)),
        ("dispatch.reconciliation_row_confirm", "office", lambda: reconciliation_row_confirm(
            actor=w["office"], row=ReconciliationRow.objects.order_by("pk").first(), verdict="completed")),
        ("projects.lead_create", "admin", lambda: remember("lead", projects.lead_create(
            actor=w["admin"], region=weifang, track=state["track"], name="深远海养殖平台",
            entered_on=datetime.date(2025, 3, 1)))),
        ("projects.lead_stage_change", "admin", lambda: projects.lead_stage_change(
            actor=w["admin"], lead=state["lead"], stage="signed", changed_on=datetime.date(2025, 4, 1),
            signed_amount_wan=Decimal(52000))),
        ("projects.lead_convert_to_project", "admin", lambda: projects.lead_convert_to_project(
            actor=w["admin"], lead=state["lead"], plan_year=2025)),
        ("projects.indicator_query_save", "admin", lambda: projects.indicator_query_save(
            actor=w["admin"], region=weifang, name="全市项目数", indicator="projects", filters={})),
        ("projects.dispatch_layout_save", "admin", lambda: projects.dispatch_layout_save(
            actor=w["admin"], region=weifang, sheet_name="调度表",
            columns={"name": "项目名称", "district": "区市", "track": "赛道", "kind": "类型",
                     "total_investment_wan": "总投资", "annual_plan_wan": "年度计划", "completed_wan": "累计完成"})),
        ("ledgers.ledger_update", "office", lambda: ledgers.ledger_update(
            actor=w["office"], ledger=Ledger.objects.get(document__original_filename="本局要点.txt"),
            issued_on=datetime.date(2025, 1, 6))),
        ("ledgers.extension_request", "reporter", lambda: remember("extension", ledgers.extension_request(
            actor=w["reporter"], quantity=ledger().quantities.get(metric="新建渔港"),
            deadline=datetime.date(2099, 12, 31), reason="用海审批延后"))),
        ("ledgers.extension_decide", "office", lambda: ledgers.extension_decide(
            actor=w["office"], extension=state["extension"], approve=True, comment="同意")),
        ("ledgers.item_close", "office", lambda: remember("closure", ledgers.item_close(
            actor=w["office"], task=ledger().tasks.get(key="二"), note="完成"))),
        ("ledgers.item_strike_off", "office",
         lambda: ledgers.item_strike_off(actor=w["office"], closure=state["closure"])),
    ]


def test_every_service_that_writes_leaves_a_history_row_by_its_actor(world: dict[str, Any]) -> None:
    missing: list[str] = []
    silent: list[str] = []
    steps = _steps(world)
    before, last_history = _snapshot()
    for name, actor_key, call in steps:
        call()
        after, after_last_history = _snapshot()
        unattributed, changed = _unattributed(before, after, last_history, world[actor_key])
        before, last_history = after, after_last_history  # what the next step starts from
        missing += [f"{name}: {row}" for row in unattributed]
        if not changed:
            silent.append(name)

    assert missing == []
    assert silent == []  # each step wrote something, so each was checked
    assert len(steps) == 52
    for project in Project.objects.all():  # the derived copy equals what it copies
        latest = project.reports.order_by("-period").first()
        assert (project.latest_report_period, project.latest_completed_wan) == (
            (latest.period, latest.year_to_date_completed_wan) if latest else (None, None))


def _workbook(sheet_name: str | None, rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if sheet_name:
        sheet.title = sheet_name
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _filled_template(reporting_round: Any, department: Any) -> bytes:
    book = load_workbook(BytesIO(report_template(reporting_round, department)))
    sheet = book[TEMPLATE_SHEET]
    for line in range(4, sheet.max_row + 1):  # the value and progress columns of every target row
        sheet.cell(line, 9).value = 5
        sheet.cell(line, 10).value = f"第{line}行进展"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def import_world(shandong: dict[str, Any], settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    qingdao = shandong["qingdao"]
    ledger, departments = make_published_ledger(shandong["laoshan"])  # a district the department file leaves alone
    haiyu = departments["市海渔局"]
    track = make_track(qingdao, "海洋渔业")
    return {
        "shandong": shandong,
        "system": None,
        "admin": make_user(make_department(shandong["province"], "省测试办"), Role.ADMIN, "admin"),
        "reporter": make_user(haiyu, Role.REPORTER, "haiyu"),
        "round": make_round(ledger),
        "haiyu": haiyu,
        "track": track,
    }


def _import_steps(w: dict[str, Any]) -> list[tuple[str, str, Callable[[], Any]]]:
    """(import or loader, actor key, call), each changing business rows."""
    weifang_bureau = "潍坊市海洋发展和渔业局"

    def departments_sheet() -> bytes:
        department = Department.objects.get(name=weifang_bureau)
        book = load_workbook(BytesIO(departments_workbook([department])))
        sheet = book.active
        assert sheet is not None
        sheet.cell(2, 8).value = "Excel 改了备注"
        sheet.append(["370700", "潍坊市", "潍坊市测试中心", "市测试中心", "其他单位", "", "是", ""])
        buffer = BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    dispatch_row = {"项目名称": "黄岛深远海养殖项目", "区市": "黄岛区", "所属赛道": "海洋渔业", "项目类型": "新开工",
                    "总投资(万元)": 80000, "年度计划投资(万元)": 12000, "状态": "开工在建", "是否入统": "是",
                    "报告期": "2023-06", "1-N月累计完成投资(万元)": 6500, "形象进度": "主体施工"}
    headers = list(DEFAULT_COLUMNS.values())
    unit_row = [make_uscc("370211"), "青岛甲船舶有限公司", "黄岛区", "C3731", "海洋船舶工业", "100%", "规上", "在营",
                "海洋经济调查"]
    vessel_row = ["鲁荣渔58001", "370200", "石岛", "石岛", "WEIHAI", "412000001", "BD-0001", "拖网", 220, 36.5, 180,
                  "王某", "(鲁荣)船捕(2026)HY-000101号", "2028-12-31"]
    return [
        ("orgs.regions_load_reference (GB/T 2260)", "system", lambda: orgs.regions_load_reference(actor=None)),
        ("orgs.departments_load_file", "system", lambda: orgs.departments_load_file(actor=None)),
        ("orgs.departments_import", "admin", lambda: departments_import(
            actor=w["admin"], data=departments_sheet(), filename="部门.xlsx")),
        ("projects.dispatch_import", "admin", lambda: dispatch_import(
            actor=w["admin"], data=_workbook(DISPATCH_SHEET, [headers, [dispatch_row.get(h) for h in headers]]),
            filename="调度表.xlsx", layout_region=w["shandong"]["qingdao"])),
        ("dispatch.report_template_import", "reporter", lambda: report_template_import(
            actor=w["reporter"], reporting_round=w["round"], department=w["haiyu"],
            data=_filled_template(w["round"], w["haiyu"]), filename="模板.xlsx")),
        ("economy.classification_load_reference", "system",
         lambda: economy.classification_load_reference(actor=None)),
        ("economy.composite_template_load", "system", lambda: economy.composite_template_load(actor=None)),
        ("economy.units_import", "admin", lambda: units_import(
            actor=w["admin"], data=units_workbook([unit_row]), filename="名录.xlsx")),
        ("economy.crosswalk_import", "admin", lambda: crosswalk_import(
            actor=w["admin"], filename="对照.xlsx", data=_workbook(None, [
                ["国民经济行业代码", "国民经济行业名称", "海洋产业", "是否已核实", "来源", "说明"],
                ["G5531", "港口", "海洋交通运输业", "否", "本局整理", ""]]))),
        ("fisheries.vessels_import", "admin", lambda: vessels_import(
            actor=w["admin"], data=_workbook("渔船", [VESSEL_HEADER, vessel_row]))),
    ]


def test_every_import_and_loader_leaves_a_history_row_by_its_actor(import_world: dict[str, Any]) -> None:
    missing: list[str] = []
    changed_by: dict[str, int] = {}
    steps = _import_steps(import_world)
    before, last_history = _snapshot()
    for name, actor_key, call in steps:
        call()
        after, after_last_history = _snapshot()
        unattributed, changed = _unattributed(before, after, last_history, import_world[actor_key])
        before, last_history = after, after_last_history  # what the next step starts from
        missing += [f"{name}: {row}" for row in unattributed]
        changed_by[name] = changed

    assert missing == []
    assert [name for name, changed in changed_by.items() if not changed] == []  # each step wrote, so each was checked
    assert len(steps) == 10
