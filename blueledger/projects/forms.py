from __future__ import annotations

from typing import Any

from django import forms

from blueledger.core.forms import DateField, MonthField, TextField
from blueledger.core.permissions import region_prefix, scoped
from blueledger.core.uploads import LimitedFileField, xlsx_limit_bytes
from blueledger.lib.gbt2260 import city_scope
from blueledger.orgs.models import Department, Region
from blueledger.projects.choices import LeadStage, ProjectKind, ProjectStatus
from blueledger.projects.models import Track


def _amount_field(label: str, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=14, decimal_places=2, min_value=0, required=required)


class ProjectForm(forms.Form):
    name = forms.CharField(label="项目名称", max_length=200)
    region = forms.ModelChoiceField(label="区市", queryset=Region.objects.none())
    track = forms.ModelChoiceField(label="所属赛道", queryset=Track.objects.none())
    kind = forms.ChoiceField(label="项目类型", choices=ProjectKind.choices)
    status = forms.ChoiceField(label="状态", choices=ProjectStatus.choices)
    content = TextField(label="建设内容", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    total_investment_wan = _amount_field("总投资(万元)")
    plan_year = forms.IntegerField(label="计划年度", min_value=2000, max_value=2100)
    annual_plan_wan = _amount_field("年度计划投资(万元)", required=False)
    planned_start = MonthField(label="计划开工", required=False)
    planned_end = MonthField(label="计划竣工", required=False)
    is_listed = forms.BooleanField(label="是否入统", required=False)
    responsible_department = forms.ModelChoiceField(
        label="责任单位", queryset=Department.objects.none(), required=False
    )
    contact = forms.CharField(label="联系人", max_length=50, required=False)
    contact_phone = forms.CharField(label="联系电话", max_length=30, required=False)
    reason = forms.CharField(label="修改原因", max_length=200, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        prefix = region_prefix(user) or ""
        self.fields["region"].queryset = Region.objects.filter(code__startswith=prefix).exclude(level="province")  # type: ignore[attr-defined]
        tracks = Track.objects.filter(region__code__startswith=city_scope(prefix)).select_related("region")
        self.fields["track"].queryset = tracks  # type: ignore[attr-defined]
        self.fields["responsible_department"].queryset = scoped(Department.objects.all(), user, "region")  # type: ignore[attr-defined]


class ReportForm(forms.Form):
    period = MonthField(label="报告期")
    year_to_date_completed_wan = _amount_field("1–N月累计完成投资(万元)")
    progress = forms.CharField(label="形象进度", max_length=300, required=False)
    problems = TextField(label="存在问题", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    coordination = TextField(label="需协调事项", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The form refuses negatives itself; the service gives the Chinese message for the rest.
        self.fields["year_to_date_completed_wan"].error_messages["min_value"] = "累计完成投资不能为负数。"


class DispatchImportForm(forms.Form):
    file = LimitedFileField(label="调度表 Excel 文件 (.xlsx)", limit_bytes=xlsx_limit_bytes)
    period = MonthField(label="报告期", required=False, help_text="表中没有“报告期”列时必填")


class LeadForm(forms.Form):
    name = forms.CharField(label="项目名称", max_length=200)
    region = forms.ModelChoiceField(label="区市", queryset=Region.objects.none())
    track = forms.ModelChoiceField(label="所属赛道", queryset=Track.objects.none())
    investor = forms.CharField(label="投资方", max_length=200, required=False)
    source = forms.CharField(label="来源", max_length=100, required=False, help_text="如 推介大会")
    responsible_person = forms.CharField(label="责任人", max_length=50, required=False)
    planned_investment_wan = _amount_field("计划投资(万元)", required=False)
    entered_on = DateField(label="开始洽谈日期")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        prefix = region_prefix(user) or ""
        self.fields["region"].queryset = Region.objects.filter(code__startswith=prefix).exclude(level="province")  # type: ignore[attr-defined]
        self.fields["track"].queryset = Track.objects.filter(region__code__startswith=city_scope(prefix))  # type: ignore[attr-defined]


class StageChangeForm(forms.Form):
    stage = forms.ChoiceField(label="新阶段", choices=[c for c in LeadStage.choices if c[0] != LeadStage.NEGOTIATING])
    changed_on = DateField(label="日期")
    signed_amount_wan = _amount_field("签约金额(万元)", required=False)
    drop_reason = forms.CharField(label="终止原因", max_length=300, required=False)
    note = forms.CharField(label="说明", max_length=300, required=False)


class ConvertForm(forms.Form):
    plan_year = forms.IntegerField(label="计划年度", min_value=2000, max_value=2100)
    annual_plan_wan = _amount_field("年度计划投资(万元)", required=False)
