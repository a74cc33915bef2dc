from __future__ import annotations

from typing import Any

from django import forms

from blueledger.dispatch.choices import PeriodKind
from blueledger.ledgers.models import Ledger


class RoundOpenForm(forms.Form):
    ledger = forms.ModelChoiceField(label="台账", queryset=Ledger.objects.none())
    period_kind = forms.ChoiceField(label="周期", choices=PeriodKind.choices, initial=PeriodKind.MONTH)
    period_start = forms.DateField(label="期间起", widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label="期间止", widget=forms.DateInput(attrs={"type": "date"}))
    due_date = forms.DateField(label="报送截止", widget=forms.DateInput(attrs={"type": "date"}))

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


class UploadForm(forms.Form):
    file = forms.FileField(label="填好的模板 (.xlsx)", allow_empty_file=True)


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件")


class CommentForm(forms.Form):
    comment = forms.CharField(label="退回意见", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ObjectionForm(forms.Form):
    text = forms.CharField(label="异议内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label="答复", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class SummaryUploadForm(forms.Form):
    plan = forms.ModelChoiceField(label="计划台账", queryset=Ledger.objects.none())
    file = forms.FileField(label="工作总结 (txt、docx、html、pdf)", allow_empty_file=True)

    def __init__(self, *args: Any, ledgers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = ledgers  # type: ignore[attr-defined]
