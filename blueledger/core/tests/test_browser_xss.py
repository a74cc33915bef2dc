"""In a real browser, user text holding markup stays text on every main page: an `<img onerror>` seeded into
every user-editable text field (ledger and task titles, department, project, track and lead names, report
progress, objections) never runs, also when the charts draw their tooltips over it."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from blueledger.core.browser import log_in
from blueledger.core.testing import TEST_PASSWORD, make_department, make_user
from blueledger.dispatch.services.objections import objection_file
from blueledger.dispatch.services.reports import ReportEntry, reports_save
from blueledger.dispatch.tests.factories import make_published_ledger, make_reporter, make_round, slots_of
from blueledger.ledgers.models import Ledger, LedgerTask
from blueledger.orgs.models import Department
from blueledger.projects.models import Lead, MonthlyReport
from blueledger.projects.services import lead_create
from blueledger.projects.tests.factories import make_project, make_report, make_track
from blueledger.users.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOAD = "<img src=x onerror=window.__xss=1>"
OTHER_PAYLOAD = '"><svg onload=window.__xss=2>'


def _seed(shandong: dict[str, Any]) -> dict[str, Any]:
    weifang, qingdao = shandong["weifang"], shandong["qingdao"]
    ledger, departments = make_published_ledger(weifang)
    Ledger.objects.filter(pk=ledger.pk).update(title=f"{PAYLOAD}工作要点")
    for task in LedgerTask.objects.filter(ledger=ledger):
        LedgerTask.objects.filter(pk=task.pk).update(title=f"{PAYLOAD}{task.title}")
    reporting_round = make_round(ledger, (datetime.date(2025, 10, 1), datetime.date(2025, 10, 31)))
    haiyu, fagai = departments["市海渔局"], departments["市发改委"]
    for department, text in ((haiyu, PAYLOAD), (fagai, OTHER_PAYLOAD)):
        reports_save(actor=None, reporting_round=reporting_round, department=department, submit=True,
                     entries={slot.pk: ReportEntry(value=Decimal(1), progress=f"{text}进展", problems=text,
                                                   next_steps=text) for slot in slots_of(reporting_round, department)})
    objection_file(actor=make_reporter(haiyu), reporting_round=reporting_round, department=haiyu,
                   text=f"{PAYLOAD}异议")
    Department.objects.filter(pk=haiyu.pk).update(name=f"{PAYLOAD}海渔局", short_name=f"{PAYLOAD}海渔")
    Department.objects.filter(pk=fagai.pk).update(name=f"{OTHER_PAYLOAD}发改委", short_name=f"{OTHER_PAYLOAD}发改")

    track = make_track(qingdao, f"{PAYLOAD}赛道")
    project = make_project(shandong["huangdao"], track, name=f"{PAYLOAD}项目", annual_plan_wan=Decimal(20000),
                           content=PAYLOAD, contact=PAYLOAD[:50])
    make_report(project, "2023-06", 2000)
    MonthlyReport.objects.filter(project=project).update(progress=PAYLOAD, problems=PAYLOAD)
    admin = make_user(make_department(shandong["province"], "省海洋局"), Role.ADMIN, "admin")
    lead = lead_create(actor=admin, region=shandong["huangdao"], track=track, name=f"{PAYLOAD}线索",
                       entered_on=datetime.date(2023, 5, 1), investor=PAYLOAD)
    return {"round": reporting_round, "ledger": ledger, "haiyu": haiyu, "project": project, "lead": lead,
            "task": LedgerTask.objects.filter(ledger=ledger).first()}


def _hover_charts(page: Any) -> None:
    """Moves the mouse across every chart, so that ECharts draws its tooltips (HTML) for what is under it."""
    for canvas in page.locator("canvas").all():
        box = canvas.bounding_box()
        if not box:
            continue
        for fx in (0.2, 0.35, 0.5, 0.65, 0.8):
            for fy in (0.3, 0.5, 0.7):
                page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
                page.wait_for_timeout(20)


def test_seeded_markup_never_runs_on_the_main_pages(
    browser_page: Any, live_server: Any, shandong: dict[str, Any]
) -> None:
    world = _seed(shandong)
    page = browser_page
    round_pk, haiyu_pk = world["round"].pk, world["haiyu"].pk
    pages = [
        "/",
        "/ledgers/",
        f"/ledgers/{world['ledger'].pk}/",
        "/orgs/departments/",
        f"/orgs/departments/{haiyu_pk}/",
        "/projects/?as_of=2023-06",
        "/projects/registry/",
        f"/projects/{world['project'].pk}/",
        "/projects/pipeline/",
        f"/projects/pipeline/{world['lead'].pk}/",
        "/dispatch/",
        f"/dispatch/rounds/{round_pk}/",
        f"/dispatch/rounds/{round_pk}/dashboard/",
        f"/dispatch/rounds/{round_pk}/ranking/",
        f"/dispatch/rounds/{round_pk}/ranking/?by=department&unit={haiyu_pk}",
        f"/dispatch/rounds/{round_pk}/departments/{haiyu_pk}/",
        f"/dispatch/tasks/{world['task'].pk}/history/",
        "/users/",
    ]
    log_in(page, live_server, "admin", TEST_PASSWORD)
    ran: list[str] = []
    for path in pages:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
        _hover_charts(page)
        if page.evaluate("typeof window.__xss") != "undefined":
            ran.append(path)
    assert ran == []
    assert Lead.objects.filter(name__startswith=PAYLOAD).count() == 1
