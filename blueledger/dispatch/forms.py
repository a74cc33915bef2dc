from __future__ import annotations

from typing import Any

from django import forms

from blueledger.core.forms import DateField, TextField
from blueledger.core.uploads import LimitedFileField, attachment_limit_bytes, document_limit_bytes, xlsx_limit_bytes
from blueledger.dispatch.choices import PeriodKind
from blueledger.ledgers.models import Ledger
from blueledger.orgs.models import Region
from blueledger.projects.choices import STARTED_FILTER_CHOICE, Indicator, ProjectKind, SizeClass


class RoundOpenForm(forms.Form):
    ledger = forms.ModelChoiceField(label="台账", queryset=Ledger.objects.none())
    period_kind = forms.ChoiceField(label="周期", choices=PeriodKind.choices, initial=PeriodKind.MONTH)
    period_start = DateField(label="期间起")
    period_end = DateField(label="期间止")
    due_date = DateField(label="报送截止")

    def __init__(self, *args: Any, ledgers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ledger"].queryset = ledgers  # type: ignore[attr-defined]


class RoundSettingsForm(forms.Form):
    binding = forms.DecimalField(label="确保类权重", min_value=0, max_digits=6, decimal_places=2)
    strive = forms.DecimalField(label="力争类权重", min_value=0, max_digits=6, decimal_places=2)
    try_ = forms.DecimalField(label="争取类权重", min_value=0, max_digits=6, decimal_places=2)
    none = forms.DecimalField(label="未注明权重", min_value=0, max_digits=6, decimal_places=2)
    tolerance_share = forms.DecimalField(label="左右目标容差 (0.05 即 ±5%)", min_value=0, max_value=1,
                                         max_digits=5, decimal_places=4)
    severe_lag_points = forms.DecimalField(label="严重滞后阈值 (百分点)", min_value=0, max_value=100,
                                           max_digits=6, decimal_places=2)
    correction_reason = forms.CharField(label="更正理由 (本轮已截止时必填)", max_length=200, required=False)


class ReopenForm(forms.Form):
    reason = forms.CharField(label="重新开放理由", max_length=200)


class UploadForm(forms.Form):
    file = LimitedFileField(label="填好的模板 (.xlsx)", allow_empty_file=True, limit_bytes=xlsx_limit_bytes)


class AttachmentForm(forms.Form):
    file = LimitedFileField(label="附件", limit_bytes=attachment_limit_bytes)


class CommentForm(forms.Form):
    comment = TextField(label="退回意见", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ObjectionForm(forms.Form):
    text = TextField(label="异议内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    answer = TextField(label="答复", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class SummaryUploadForm(forms.Form):
    plan = forms.ModelChoiceField(label="计划台账", queryset=Ledger.objects.none())
    file = LimitedFileField(
        label="工作总结 (txt、docx、html、pdf)", allow_empty_file=True, limit_bytes=document_limit_bytes
    )

    def __init__(self, *args: Any, ledgers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = ledgers  # type: ignore[attr-defined]


class RegistryBindingForm(forms.Form):
    """Which registry figure a target reads, and the filters of the query (empty means all)."""

    indicator = forms.ChoiceField(label="重点项目库指标", choices=Indicator.choices)
    district = forms.ChoiceField(label="区市", required=False)
    track = forms.ChoiceField(label="所属赛道", required=False)
    kind = forms.ChoiceField(label="项目类型", choices=[("", "全部"), *ProjectKind.choices], required=False)
    status = forms.ChoiceField(label="状态", choices=[("", "全部"), STARTED_FILTER_CHOICE], required=False)
    size = forms.ChoiceField(label="规模", choices=[("", "全部"), *SizeClass.choices], required=False)
    min_signed_yi = forms.DecimalField(label="签约额不低于 (亿元, 仅签约项目数)", required=False, min_value=0,
                                       max_digits=12, decimal_places=2)

    def __init__(self, *args: Any, districts: list[Region], tracks: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", "全部"), *((r.code, r.name) for r in districts)]  # type: ignore[attr-defined]
        self.fields["track"].choices = [("", "全部"), *((name, name) for name in tracks)]  # type: ignore[attr-defined]

    def filters(self) -> dict[str, str]:
        data = self.cleaned_data
        keys = ("district", "track", "min_signed_yi") if data["indicator"] == Indicator.SIGNED_LEADS else (
            "district", "track", "kind", "status", "size")
        return {key: str(data[key]) for key in keys if data.get(key) not in ("", None)}


class BulletinSettingsForm(forms.Form):
    copy_to = forms.CharField(label="抄送机关", max_length=300, required=False,
                              help_text="以逗号分隔, 如: 市委办公室, 市政府办公室; 留空为“各责任单位”")
    printed_by = forms.CharField(label="印发机关", max_length=100, required=False,
                                 help_text="如: 威海市海洋发展局办公室; 留空为发文机关的办公室")
    reason = forms.CharField(label="修改理由", max_length=200, required=False)
