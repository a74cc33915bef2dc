"""Every edit form, opened and saved unchanged in the Chinese UI, changes nothing (a date rendered as
2027/12/31 was posted blank by the browser's date input and erased the deadline)."""

from __future__ import annotations

import datetime
import importlib
import inspect
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.db import models
from django.urls import get_resolver, reverse

from blueledger.core.forms import DateInput, MonthInput, TextField, TimeInput
from blueledger.core.testing import form_values, kept_for_module, make_department, make_shandong, make_user, page_client
from blueledger.dispatch.models import RegistryBinding
from blueledger.dispatch.services.bulletin import bulletin_settings_update
from blueledger.dispatch.services.registry import registry_binding_set
from blueledger.dispatch.services.rounds import round_settings_update
from blueledger.dispatch.tests.factories import make_round
from blueledger.fisheries import services as fisheries_services
from blueledger.fisheries.tests.factories import make_vessel
from blueledger.ledgers.choices import LedgerKind
from blueledger.ledgers.models import Ledger, LedgerQuantity
from blueledger.ledgers.services import ledger_publish
from blueledger.ledgers.tests.factories import make_ledger
from blueledger.projects.tests.factories import make_project, make_track
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2027, 12, 31)
PLAN = """青岛市海洋发展局2023年工作要点

一、聚焦大项目
(一)推进重点项目。力争新签约过50亿元项目2个。全年完成海洋项目投资5000.5万元。(牵头单位:市海洋发展局)
"""
# Each edit view: the URL name, and how the test finds the page that holds its form.
EDIT_VIEWS = {
    "orgs:region_edit", "orgs:department_edit", "users:user_edit", "projects:project_edit",
    "ledgers:quantity_edit", "ledgers:task_edit", "ledgers:ledger_edit", "dispatch:round_settings",
    "dispatch:registry_binding", "dispatch:bulletin_settings", "fisheries:vessel_edit",
    "fisheries:unregistered_vessel_edit",
}


def _fields(instance: models.Model) -> dict[str, Any]:
    instance.refresh_from_db()
    skipped = {"updated_at", "modified_at", "last_login"}
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields
            if field.attname not in skipped}


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """Built once for the module; each test re-reads the object it saves (`_fields`), and its writes are undone."""
    with kept_for_module(django_db_blocker):
        yield build_edit_world(make_shandong())


def build_edit_world(shandong: dict[str, Any]) -> dict[str, Any]:
    """An admin and one object for each edit form, with dates, decimals, text and choices filled."""
    qingdao = shandong["qingdao"]
    bureau = make_department(qingdao, "市海洋发展局", notes="负责海洋经济")
    admin = make_user(make_department(qingdao, "调度办"), Role.ADMIN, "admin")
    reporter = make_user(bureau, Role.REPORTER, "reporter")
    reporter.email, reporter.phone, reporter.display_name = "r@example.org", "0532-1", "张三"
    reporter.save()
    draft = make_ledger(shandong["weifang"])
    LedgerQuantity.objects.filter(ledger=draft).update(deadline=DEADLINE, value_max=None)
    draft.tasks.update(deadline=DEADLINE)
    Ledger.objects.filter(pk=draft.pk).update(issued_on=datetime.date(2025, 1, 20), kind=LedgerKind.MIXED)
    published = make_ledger(qingdao, text=PLAN)
    ledger_publish(actor=None, ledger=published)
    reporting_round = make_round(published, (datetime.date(2023, 6, 1), datetime.date(2023, 6, 30)))
    round_settings_update(
        actor=admin, reporting_round=reporting_round,
        hardness_weights={"binding": Decimal("1.5"), "strive": Decimal("1.25"), "try": Decimal("0.8"),
                          "none": Decimal(1)},
        tolerance_share=Decimal("0.0500"), severe_lag_points=Decimal("12.50"),
    )
    signed = published.quantities.get(metric__contains="新签约")
    registry_binding_set(actor=admin, quantity=signed, indicator="signed_leads",
                         filters={"district": "370211", "min_signed_yi": "50.5"})
    colophon = bulletin_settings_update(actor=admin, ledger=published, copy_to="市委办公室，市政府办公室",
                                        printed_by="青岛市海洋发展局办公室")
    track = make_track(qingdao)
    project = make_project(shandong["huangdao"], track, planned_start=datetime.date(2023, 3, 1),
                           planned_end=datetime.date(2025, 12, 1), annual_plan_wan=Decimal("20000.50"),
                           contact="李四", content="建设码头\n二期")
    quantity = draft.quantities.filter(deadline=DEADLINE).first()
    vessel = make_vessel(qingdao, power_kw=Decimal("220.50"), length_m=Decimal("36.00"), owner="王某",
                         beidou_terminal="BD-0001",
                         certificates={"fishing_licence": ("(鲁荣)船捕(2026)HY-000101号", DEADLINE),
                                       "inspection": ("检-1", datetime.date(2027, 1, 5))})
    unregistered = fisheries_services.unregistered_vessel_create(
        actor=None, region=qingdao, found_on=datetime.date(2026, 5, 2), place="红岛渔港",
        description="木质小船, 无船名\n挂桨机 1 台", disposal="已没收")
    return {
        "admin": admin,
        # name → (page to open, URL the form posts to, object that must not change)
        "forms": {
            "orgs:region_edit": (reverse("orgs:region_edit", args=[qingdao.code]), None, qingdao),
            "orgs:department_edit": (reverse("orgs:department_edit", args=[bureau.pk]), None, bureau),
            "users:user_edit": (reverse("users:user_edit", args=[reporter.pk]), None, reporter),
            "projects:project_edit": (reverse("projects:project_edit", args=[project.pk]), None, project),
            "ledgers:quantity_edit": (reverse("ledgers:quantity_edit", args=[quantity.pk]), None, quantity),
            "ledgers:task_edit": (reverse("ledgers:task_edit", args=[quantity.task.pk]), None, quantity.task),
            "ledgers:ledger_edit": (reverse("ledgers:ledger_edit", args=[draft.pk]), None, draft),
            "dispatch:round_settings": (reverse("dispatch:round_detail", args=[reporting_round.pk]),
                                        reverse("dispatch:round_settings", args=[reporting_round.pk]),
                                        reporting_round),
            "dispatch:registry_binding": (reverse("dispatch:registry_binding", args=[signed.pk]), None,
                                          RegistryBinding.objects.get(quantity=signed).query),
            "dispatch:bulletin_settings": (reverse("dispatch:bulletin_settings", args=[published.pk]), None,
                                           colophon),
            "fisheries:vessel_edit": (reverse("fisheries:vessel_edit", args=[vessel.pk]), None, vessel),
            "fisheries:unregistered_vessel_edit": (
                reverse("fisheries:unregistered_vessel_edit", args=[unregistered.pk]), None, unregistered),
        },
    }


def test_every_edit_view_is_covered() -> None:
    names = {f"{namespace}:{name}" for namespace, (_, resolver) in get_resolver().namespace_dict.items()
             for name in resolver.reverse_dict if isinstance(name, str)
             and (name.endswith("_edit") or name.endswith("_settings") or name.endswith("_binding"))}
    assert names == EDIT_VIEWS


@pytest.mark.parametrize("name", sorted(EDIT_VIEWS))
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_edit_form_saved_unchanged_changes_nothing(world: dict[str, Any], name: str, language: str) -> None:
    page, action, instance = world["forms"][name]
    client = page_client(world["admin"])
    client.cookies["django_language"] = language
    before = _fields(instance)
    response = client.get(page, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    values = form_values(response.content.decode(), action or "")
    if name == "dispatch:registry_binding":
        values["action"] = "save"

    saved = client.post(action or page, values, HTTP_ACCEPT_LANGUAGE=language)

    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert _fields(instance) == before


def test_a_deadline_renders_as_the_date_input_reads_it(world: dict[str, Any]) -> None:
    page, _, quantity = world["forms"]["ledgers:quantity_edit"]
    response = page_client(world["admin"]).get(page, HTTP_ACCEPT_LANGUAGE="zh-hans")
    values = form_values(response.content.decode())
    assert values[f"q{quantity.pk}-deadline"] == "2027-12-31"


def test_every_date_month_and_time_field_renders_in_its_inputs_syntax() -> None:
    checked = []
    for config in apps.get_app_configs():
        if not config.name.startswith("blueledger."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for form_name, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, forms.BaseForm):
                continue
            for field_name, field in form.base_fields.items():
                if isinstance(field, (forms.DateField, forms.TimeField, forms.DateTimeField)):
                    checked.append(f"{form_name}.{field_name}")
                    assert isinstance(field.widget, (DateInput, MonthInput, TimeInput)), (form_name, field_name)
                if isinstance(field.widget, forms.Textarea):
                    assert isinstance(field, TextField), (form_name, field_name)
                if isinstance(field, (forms.DecimalField, forms.IntegerField, forms.FloatField)):
                    assert not field.localize, (form_name, field_name)
    assert "QuantityForm.deadline" in checked and "ProjectForm.planned_start" in checked
