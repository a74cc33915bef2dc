"""Units through the services: check character, duplicates by code and by folded name, scope, history."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from blueledger.core.testing import make_department, make_user
from blueledger.economy.models import StatisticalUnit
from blueledger.economy.services import unit_update
from blueledger.economy.tests.factories import load_classification, make_unit, make_uscc
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db


def test_wrong_check_character_is_refused(shandong: dict) -> None:
    code = make_uscc("370211")
    wrong = code[:17] + ("1" if code[17] == "0" else "0")
    with pytest.raises(ValidationError) as error:
        make_unit(shandong["huangdao"], uscc=wrong)
    assert error.value.messages == [
        f"统一社会信用代码“{wrong}”校验码错误: 第 18 位应为“{code[17]}”, 实为“{wrong[17]}”。"
    ]
    assert not StatisticalUnit.objects.exists()


def test_duplicates_by_code_and_by_folded_name(shandong: dict) -> None:
    unit = make_unit(shandong["huangdao"], name="青岛蓝海（集团）有限责任公司")
    with pytest.raises(ValidationError) as error:
        make_unit(shandong["laoshan"], uscc=unit.uscc, name="别的公司")
    assert error.value.messages == [f"统一社会信用代码“{unit.uscc}”已在名录库中。"]
    with pytest.raises(ValidationError) as error:
        make_unit(shandong["laoshan"], name="青岛蓝海(集团)有限公司")
    assert error.value.messages == [f"单位名称与已有单位“青岛蓝海（集团）有限责任公司”({unit.uscc}) 重复。"]
    assert StatisticalUnit.objects.count() == 1


def test_update_keeps_history_with_actor_and_reason(shandong: dict) -> None:
    load_classification()
    unit = make_unit(shandong["huangdao"])
    dispatcher = make_user(make_department(shandong["qingdao"]), Role.DISPATCHER)
    unit_update(actor=dispatcher, unit=unit, sea_share=Decimal("0.3"), reason="核实涉海比例")
    record = unit.history.first()
    assert (record.history_type, record.history_user, record.history_change_reason) == ("~", dispatcher, "核实涉海比例")
    assert record.sea_share == Decimal("0.3000")


def test_dispatcher_of_another_city_may_not_change_the_unit(shandong: dict) -> None:
    unit = make_unit(shandong["huangdao"])
    other = make_user(make_department(shandong["weifang"]), Role.DISPATCHER)
    with pytest.raises(PermissionDenied):
        unit_update(actor=other, unit=unit, name="改名")
    unit.refresh_from_db()
    assert unit.name.startswith("测试海洋单位")
    assert unit.history.count() == 1
