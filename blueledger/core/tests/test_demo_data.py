"""`blueledger demo` loads regions, the seed documents' departments and one user per role; again, it keeps data."""

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from blueledger.core.snapshots import Snapshot
from blueledger.core.testing import kept_for_module
from blueledger.orgs.models import Department, Region
from blueledger.users.choices import Role
from blueledger.users.models import User


@pytest.fixture(scope="module")
def demo_output(django_db_blocker: Any, demo_snapshot: Snapshot) -> Iterator[str]:
    """The demo loaded once for the module (the session's run, restored); what each test writes is rolled back
    after it."""
    with kept_for_module(django_db_blocker):
        yield demo_snapshot.restore()


@pytest.mark.django_db
def test_demo_loads_and_is_idempotent(demo_output: str) -> None:
    counts = (Region.objects.count(), Department.objects.count(), User.objects.count())
    assert counts[0] == 70 and counts[1] >= 50
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    assert "demo-admin-2026" in demo_output
    weifang = Department.objects.get(region__code="370700", short_name="市发改委")
    assert "发改委" in set(weifang.aliases.values_list("alias", flat=True))

    reporter = User.objects.get(username="reporter")
    reporter.set_password("changed-by-the-user-1")
    reporter.save()
    call_command("demo", stdout=StringIO())
    assert (Region.objects.count(), Department.objects.count(), User.objects.count()) == counts
    assert authenticate(username="reporter", password="changed-by-the-user-1") is not None


@pytest.mark.django_db
def test_each_demo_round_is_visible_to_its_citys_dispatcher_only(demo_output: str) -> None:
    from blueledger.core.testing import page_client
    from blueledger.dispatch.models import ReportingRound

    weihai = ReportingRound.objects.get(ledger__region__code="371000", status="closed")
    qingdao = ReportingRound.objects.get(ledger__region__code="370200")
    assert not ReportingRound.objects.filter(ledger__region__code="370700").exists()  # not on the notice
    weihai_page = page_client(User.objects.get(username="wh-dispatcher")).get("/dispatch/").content.decode()
    qingdao_page = page_client(User.objects.get(username="dispatcher")).get("/dispatch/").content.decode()
    assert f"/dispatch/rounds/{weihai.pk}/" in weihai_page and f"/dispatch/rounds/{qingdao.pk}/" not in weihai_page
    assert f"/dispatch/rounds/{qingdao.pk}/" in qingdao_page and f"/dispatch/rounds/{weihai.pk}/" not in qingdao_page
