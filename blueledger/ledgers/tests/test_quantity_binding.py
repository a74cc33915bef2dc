"""One base for a target measured by another app's figure (issue 11, one way for each thing): economy's and
fisheries' TargetBinding are ledgers.QuantityBinding with their own indicator and history, the same fields,
the same reverse names and tables as before the base, and one refusal of what cannot be bound."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from blueledger.dispatch.tests.factories import make_published_ledger
from blueledger.economy.models import TargetBinding as EconomyBinding
from blueledger.fisheries.models import TargetBinding as FisheriesBinding
from blueledger.ledgers.choices import LedgerStatus, QuantityRole
from blueledger.ledgers.models import LedgerQuantity, QuantityBinding
from blueledger.ledgers.services import require_bindable_target


def test_both_bindings_are_one_base_with_their_reverse_names_and_tables_kept() -> None:
    shared = ["quantity", "region", "bound_at", "bound_by"]
    for model, app in ((EconomyBinding, "economy"), (FisheriesBinding, "fisheries")):
        assert issubclass(model, QuantityBinding)
        assert LedgerQuantity._meta.get_field(f"{app}_binding").related_model is model
        assert [f.name for f in model._meta.concrete_fields][1:5] == shared
        assert model._meta.ordering == ["region__code", "quantity"]
        assert (model._meta.db_table, model.history.model._meta.db_table) == (
            f"{app}_targetbinding", f"{app}_historicaltargetbinding")
    assert [f.name for f in EconomyBinding._meta.concrete_fields][5:] == ["indicator", "industry",
                                                                          "reference_indicator"]
    assert [f.name for f in FisheriesBinding._meta.concrete_fields][5:] == ["indicator"]


@pytest.mark.django_db
def test_only_a_target_of_a_published_ledger_is_bound(shandong: dict[str, Any]) -> None:
    ledger, _ = make_published_ledger(shandong["weifang"])
    target = LedgerQuantity.objects.filter(ledger=ledger, role=QuantityRole.TARGET).first()
    assert target is not None
    require_bindable_target(target, source="经济指标")  # refuses nothing
    target.role = QuantityRole.FACT
    with pytest.raises(ValidationError) as error:
        require_bindable_target(target, source="渔船监管")
    assert error.value.messages == ["只有目标可以从渔船监管取数。"]
    target.role, target.ledger.status = QuantityRole.TARGET, LedgerStatus.DRAFT
    with pytest.raises(ValidationError) as error:
        require_bindable_target(target, source="重点项目库")
    assert error.value.messages == ["台账发布后才能设置重点项目库取数。"]
