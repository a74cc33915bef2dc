"""The API of forms, submissions and index values: same checks and scope as the pages, in the schema."""

import datetime
from typing import Any

import pytest

from blueledger.core.testing import api_client, make_department, make_user
from blueledger.economy.choices import FormFrequency
from blueledger.economy.demo import DEMO_INDEX, MONTHLY_FIELDS, demo_index_load, published_load
from blueledger.economy.models import CompositeIndex, FormSubmission
from blueledger.economy.services import form_define, form_round_open
from blueledger.economy.tests.factories import load_classification, make_unit
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


def test_submission_through_the_api_is_checked_and_scoped(shandong: dict[str, Any]) -> None:
    form = form_define(actor=None, name="重点企业月报", frequency=FormFrequency.MONTH, fields=MONTHLY_FIELDS)
    unit = make_unit(shandong["weifang"])
    form_round = form_round_open(actor=None, form=form, region=shandong["weifang"], year=2025, period=10,
                                 due_date=datetime.date(2025, 11, 5), units=[unit])
    client = api_client(make_user(make_department(shandong["weifang"]), Role.DISPATCHER))
    url = f"/api/economy-form-rounds/{form_round.pk}/submissions/"
    bad = client.post(url, {"uscc": unit.uscc, "values": {"operating_revenue": "1,000", "main_revenue": "900",
                                                         "other_revenue": "50", "employees": "10"}}, format="json")
    assert bad.status_code == 400
    assert bad.json() == {"detail": ["营业收入: 主营业务收入、其他业务收入之和 950 与合计 1000 不符"]}
    assert not FormSubmission.objects.exists()
    good = client.post(url, {"uscc": unit.uscc, "values": {"operating_revenue": "1000", "main_revenue": "950",
                                                          "other_revenue": "50", "employees": "10"}}, format="json")
    assert good.status_code == 201
    assert client.get(url).json()[0]["values"]["operating_revenue"] == "1000"
    outsider = api_client(make_user(make_department(shandong["qingdao"]), Role.DISPATCHER))
    assert outsider.get(url).status_code == 404
    viewer = api_client(make_user(make_department(shandong["weifang"]), Role.VIEWER))
    assert viewer.post(url, {"uscc": unit.uscc, "values": {}}, format="json").status_code == 403


def test_index_values_by_year_with_contributions(shandong: dict[str, Any]) -> None:
    load_classification()
    published_load()
    demo_index_load()
    index = CompositeIndex.objects.get(name=DEMO_INDEX)
    client = api_client(make_user(make_department(shandong["province"]), Role.VIEWER))
    rows = client.get("/api/economy-index-values/", {"index": index.pk, "region": "370000"}).json()
    assert [row["year"] for row in rows] == [2019, 2020, 2021, 2022, 2023, 2024]
    assert rows[0]["composite"] == 100.0
    assert round(sum(rows[-1]["contributions"].values()), 6) == round(rows[-1]["composite"] - 100, 6)
    schema = client.get("/api/schema/").content.decode()
    assert "/api/economy-form-rounds/{id}/submissions/" in schema and "/api/economy-index-values/" in schema
