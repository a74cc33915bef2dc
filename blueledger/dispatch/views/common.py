"""What the dispatch pages share: the round and department of a request, checked."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from blueledger.core.permissions import can_dispatch, require
from blueledger.dispatch.models import ReportingRound
from blueledger.dispatch.permissions import can_run_round
from blueledger.dispatch.selectors.departments import slot_get_for_user
from blueledger.dispatch.selectors.rounds import round_get
from blueledger.ledgers import selectors as ledger_selectors
from blueledger.orgs.models import Department


def dispatch_ledgers(user: Any) -> Any:
    return ledger_selectors.ledger_list_published(user=user)


def round_of(request: HttpRequest, pk: int) -> ReportingRound:
    return round_get(user=request.user, pk=pk)


def round_for_office(request: HttpRequest, pk: int) -> ReportingRound:
    require(can_dispatch(request.user))  # refused by role before any lookup, so ids cannot be probed
    reporting_round = round_of(request, pk)
    require(can_run_round(request.user, reporting_round), "只有本辖区的调度员可以执行此操作。")
    return reporting_round


def department_of(request: HttpRequest, reporting_round: ReportingRound, department_pk: int) -> Department:
    return slot_get_for_user(user=request.user, reporting_round=reporting_round,
                             department_pk=department_pk)
