"""The seeded world of the browser tests that visit every main page (XSS, content security policy): user text
in every editable field holds markup that must stay text."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from blueledger.core.testing import make_department, make_user
from blueledger.dispatch.services.objections import objection_file
from blueledger.dispatch.services.reports import ReportEntry, reports_save
from blueledger.dispatch.tests.factories import make_published_ledger, make_reporter, make_round, slots_of
from blueledger.ledgers.models import Ledger, LedgerTask
from blueledger.orgs.models import Department
from blueledger.projects.models import MonthlyReport
from blueledger.projects.services import lead_create
from blueledger.projects.tests.factories import make_project, make_report, make_track
from blueledger.users.choices import Role

PAYLOAD = "<img src=x onerror=window.__xss=1>"
OTHER_PAYLOAD = '"><svg onload=window.__xss=2>'


def seed_marked_world(shandong: dict[str, Any]) -> dict[str, Any]:
    """A ledger, round, reports, objection, project, track and lead whose user text all carries markup."""
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


def main_pages(world: dict[str, Any]) -> list[str]:
    """The main pages of every part, each showing the seeded world's user text."""
    round_pk, haiyu_pk = world["round"].pk, world["haiyu"].pk
    return [
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
