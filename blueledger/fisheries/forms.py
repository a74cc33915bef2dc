from __future__ import annotations

from decimal import Decimal

from django import forms

from blueledger.core.forms import TextField
from blueledger.core.uploads import LimitedFileField, xlsx_limit_bytes
from blueledger.fisheries.choices import Disposition
from blueledger.orgs.models import Department


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(label="核查单位", queryset=Department.objects.none())
    note = forms.CharField(label="说明", required=False, max_length=200)

    def __init__(self, *args: object, departments: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if departments is not None:
            self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class VerifyForm(forms.Form):
    verification = TextField(label="核查情况 (证据、照片说明、巡查记录)")


class DisposeForm(forms.Form):
    disposition = forms.ChoiceField(label="处理结果", choices=Disposition.choices)
    fine_yuan = forms.DecimalField(label="罚款(元)", required=False, min_value=Decimal("0.01"), decimal_places=2)
    transferred_to = forms.CharField(label="移送单位", required=False, max_length=100)


class VesselImportForm(forms.Form):
    file = LimitedFileField(label="渔船档案 Excel (.xlsx)", limit_bytes=xlsx_limit_bytes)
    dry_run = forms.BooleanField(label="只检查, 不写入", required=False)
