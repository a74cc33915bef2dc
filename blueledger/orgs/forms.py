from __future__ import annotations

from django import forms

from blueledger.core.uploads import LimitedFileField, xlsx_limit_bytes
from blueledger.orgs.choices import DepartmentKind
from blueledger.orgs.models import Region


class DepartmentForm(forms.Form):
    region = forms.ModelChoiceField(label="所属区划", queryset=Region.objects.all())
    name = forms.CharField(label="全称", max_length=100)
    short_name = forms.CharField(label="简称", max_length=50)
    kind = forms.ChoiceField(label="类别", choices=DepartmentKind.choices)
    is_active = forms.BooleanField(label="在用", required=False, initial=True)
    notes = forms.CharField(label="备注", max_length=200, required=False)
    reason = forms.CharField(label="修改原因", max_length=200, required=False)


class AliasForm(forms.Form):
    alias = forms.CharField(label="别名", max_length=100)


class DepartmentImportForm(forms.Form):
    file = LimitedFileField(label="Excel 文件 (.xlsx)", limit_bytes=xlsx_limit_bytes)


class RegionForm(forms.Form):
    short_name = forms.CharField(label="简称", max_length=20)
    is_coastal = forms.BooleanField(label="沿海", required=False)
    aliases = forms.CharField(label="别名", required=False, help_text="多个别名用顿号或逗号分隔")
    notes = forms.CharField(label="备注", max_length=200, required=False)
    reason = forms.CharField(label="修改原因", max_length=200, required=False)

    def clean_aliases(self) -> list[str]:
        raw = self.cleaned_data["aliases"].replace("、", ",").replace("，", ",")
        return [alias.strip() for alias in raw.split(",") if alias.strip()]
