from __future__ import annotations

from typing import Any

from django import forms

from blueledger.core.forms import DateField
from blueledger.core.uploads import LimitedFileField, document_limit_bytes
from blueledger.ledgers.choices import ComparisonOp, Hardness, LedgerKind, QuantityRole, ResponsibilityRole
from blueledger.ledgers.models import Ledger, LedgerTask
from blueledger.orgs.models import Department, Region

# A task in a choice list: its number and the start of its title, so that the list stays one line wide.
TASK_CHOICE_CHARS = 60


class UploadForm(forms.Form):
    # Empty files reach the reader, whose message names the file and says what to do.
    file = LimitedFileField(
        label="文件 (txt、docx、html、pdf)", allow_empty_file=True, limit_bytes=document_limit_bytes
    )
    region = forms.ModelChoiceField(label="所属区划", queryset=Region.objects.none())
    # Offered only after an upload was refused as the text of a document already imported.
    accept_same_text = forms.BooleanField(label="仍然导入 (文字与已有文件相同)", required=False)

    def __init__(self, *args: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]


class QuantityForm(forms.Form):
    task = forms.ModelChoiceField(label="任务", queryset=LedgerTask.objects.none(), required=False,
                                  empty_label="(不属于任何任务)")
    role = forms.ChoiceField(label="类别", choices=QuantityRole.choices)
    metric = forms.CharField(label="指标", max_length=200)
    op = forms.ChoiceField(label="比较", choices=ComparisonOp.choices)
    value = forms.DecimalField(label="数值", max_digits=20, decimal_places=6)
    value_max = forms.DecimalField(label="上限值", max_digits=20, decimal_places=6, required=False)
    unit = forms.CharField(label="单位", max_length=20, required=False)
    hardness = forms.ChoiceField(label="力度", choices=[("", "—"), *Hardness.choices], required=False)
    deadline = DateField(label="完成时限", required=False)

    def __init__(self, *args: Any, ledger: Ledger, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = ledger.tasks.all()  # type: ignore[attr-defined]
        self.fields["task"].label_from_instance = lambda task: f"{task.key} {task.title}"[:TASK_CHOICE_CHARS]  # type: ignore[attr-defined]


class LedgerForm(forms.Form):
    title = forms.CharField(label="标题", max_length=300)
    kind = forms.ChoiceField(label="文件类型", choices=LedgerKind.choices)
    issued_on = DateField(label="成文日期", required=False)
    reason = forms.CharField(label="修改原因", max_length=200, required=False)


class TaskForm(forms.Form):
    title = forms.CharField(label="任务", max_length=500)
    deadline = DateField(label="完成时限", required=False)
    reason = forms.CharField(label="修改原因", max_length=200, required=False)


class _DepartmentChoiceForm(forms.Form):
    """A form whose `department` field offers the departments the view passes (the ledger's choices)."""

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class ResolveForm(_DepartmentChoiceForm):
    written_name = forms.CharField(max_length=100, widget=forms.HiddenInput)
    department = forms.ModelChoiceField(label="对应部门", queryset=Department.objects.none())
    remember_alias = forms.BooleanField(label="记住为别名", required=False)


class ResponsibilityForm(_DepartmentChoiceForm):
    department = forms.ModelChoiceField(label="部门单位", queryset=Department.objects.none())
    role = forms.ChoiceField(label="职责", choices=ResponsibilityRole.choices, initial=ResponsibilityRole.LEAD)


class AssignUnassignedForm(_DepartmentChoiceForm):
    department = forms.ModelChoiceField(label="牵头单位", queryset=Department.objects.none())


class ClosureForm(forms.Form):
    note = forms.CharField(label="办结说明", max_length=500)


class StrikeOffForm(forms.Form):
    note = forms.CharField(label="销号说明", max_length=500, required=False)


class ExtensionForm(forms.Form):
    deadline = DateField(label="申请延至")
    reason = forms.CharField(label="申请理由", max_length=500)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="审批", choices=[("approve", "批准"), ("refuse", "不批准")])
    comment = forms.CharField(label="审批意见", max_length=500, required=False)
