from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from blueledger.core.forms import TextField
from blueledger.core.uploads import LimitedFileField, document_limit_bytes, xlsx_limit_bytes
from blueledger.fisheries.choices import Disposition
from blueledger.orgs.models import Department, Region


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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(LimitedFileField):
    """Several files in one field (Django's documented pattern), each checked against the size limit."""

    def __init__(self, *args: Any, max_files: int, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)
        self.max_files = max_files

    def clean(self, data: Any, initial: Any = None) -> Any:
        files = list(data) if isinstance(data, list | tuple) else [data]
        if len(files) > self.max_files:
            raise forms.ValidationError(f"一次最多上传 {self.max_files} 个文件, 实为 {len(files)} 个。")
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class PositionIngestForm(forms.Form):
    files = MultipleFileField(
        label="船位文件 (NMEA、北斗 CSV、NOAA CSV、GFW JSON 行)", limit_bytes=document_limit_bytes, max_files=20
    )
    region = forms.ModelChoiceField(label="未登记船舶的预警归属", queryset=Region.objects.none())
    year = forms.IntegerField(label="年份 (北斗 CSV 时间不带年份时)", required=False, min_value=2000, max_value=2100)

    def __init__(self, *args: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]
