from django import forms


class UnitImportForm(forms.Form):
    file = forms.FileField(label="名录 Excel 文件 (.xlsx)")
    dry_run = forms.BooleanField(label="只检查, 不写入", required=False)


class CrosswalkImportForm(forms.Form):
    file = forms.FileField(label="行业对照 Excel 文件 (.xlsx)")


class SubmissionImportForm(forms.Form):
    file = forms.FileField(label="填报模板 Excel 文件 (.xlsx)")
