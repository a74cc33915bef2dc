"""A round in a region with a key-project registry shows its 重点项目 part, in the bulletin and on the dashboard,
from the same figures as the registry's own page (Qingdao's 90 projects at 2023-06 give the seed figures)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from docx import Document

from blueledger.dispatch.bulletin_facts import bulletin_docx
from blueledger.dispatch.tests.factories import make_office, make_published_ledger, make_round
from blueledger.orgs.models import Region
from blueledger.projects.tests.factories import qingdao_registry_for_module

JUNE_2023 = (datetime.date(2023, 6, 1), datetime.date(2023, 6, 30))

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def qingdao(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Region]:
    with qingdao_registry_for_module(django_db_blocker) as qingdao:
        yield qingdao


def _paragraphs_and_tables(data: bytes) -> tuple[list[str], list[list[list[str]]]]:
    document = Document(BytesIO(data))
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return [p.text for p in document.paragraphs], tables


def test_qingdao_bulletin_prints_the_seed_figures_of_its_registry(qingdao: Region) -> None:
    ledger, _ = make_published_ledger(qingdao)
    paragraphs, tables = _paragraphs_and_tables(bulletin_docx(make_round(ledger, JUNE_2023)))

    assert "三、重点项目推进情况" in paragraphs
    assert (
        "截至2023年6月底，青岛市重点项目90个，总投资2021.90亿元；开工在建76个，开工在建率84.44%；"
        "年度计划投资279.60亿元，累计完成投资154.86亿元，年度计划投资完成率55.39%，超过序时进度5.39个百分点；"
    ) in next(p for p in paragraphs if p.startswith("截至2023年6月底，青岛市重点项目"))
    districts = next(t for t in tables if t[0][0] == "区市")
    assert sum(int(row[1]) for row in districts[1:]) == 90
    tracks = next(t for t in tables if t[0][0] == "赛道")
    assert [row[1] for row in tracks[1:]] == ["15"] * 6
    lagging = next(t for t in tables if t[0][:2] == ["序号", "项目名称"])
    rates = [float(row[6].rstrip("%")) for row in lagging[1:]]
    assert rates == sorted(rates) and all(rate < 50 for rate in rates)  # below 序时进度 50%, worst first


def test_a_region_without_registry_keeps_the_four_parts(shandong: dict[str, Any]) -> None:
    ledger, _ = make_published_ledger(shandong["weifang"])
    paragraphs, _ = _paragraphs_and_tables(bulletin_docx(make_round(ledger)))

    assert [p for p in paragraphs if p[:2] in ("一、", "二、", "三、", "四、", "五、")] == [
        "一、总体情况", "二、分项进展", "三、滞后事项清单", "四、排名情况",
    ]


def test_the_dashboard_shows_the_registry_beside_the_round(qingdao: Region) -> None:
    ledger, _ = make_published_ledger(qingdao)
    reporting_round = make_round(ledger, JUNE_2023)
    client = Client()
    client.force_login(make_office(qingdao))

    page = client.get(f"/dispatch/rounds/{reporting_round.pk}/dashboard/").content.decode()
    assert f'hx-get="/dispatch/rounds/{reporting_round.pk}/dashboard/projects/"' in page  # loaded after the page

    part = client.get(f"/dispatch/rounds/{reporting_round.pk}/dashboard/projects/").content.decode()
    assert '<div class="figure" id="projects-count">90</div>' in part
    assert '<div class="figure" id="projects-started-rate">84.44%</div>' in part
    assert '<div class="figure" id="projects-completion-rate">55.39%</div>' in part
    assert "/projects/?region=370200&amp;as_of=2023-06" in part
    assert part.count("<tr><td><a href=\"/projects/") == 10  # the ten furthest behind


def test_a_dashboard_without_registry_has_no_projects_part(shandong: dict[str, Any]) -> None:
    ledger, _ = make_published_ledger(shandong["weifang"])
    reporting_round = make_round(ledger)
    client = Client()
    client.force_login(make_office(shandong["weifang"]))

    page = client.get(f"/dispatch/rounds/{reporting_round.pk}/dashboard/").content.decode()

    assert "projects-part" not in page
    assert client.get(f"/dispatch/rounds/{reporting_round.pk}/dashboard/projects/").content == b""


def test_the_projects_part_is_read_within_the_rounds_scope(qingdao: Region) -> None:
    ledger, _ = make_published_ledger(qingdao)
    reporting_round = make_round(ledger, JUNE_2023)
    client = Client()
    client.force_login(make_office(Region.objects.get(code="370700")))

    assert client.get(f"/dispatch/rounds/{reporting_round.pk}/dashboard/projects/").status_code == 404
