from django import forms

from blueledger.core.uploads import LimitedFileField, xlsx_limit_bytes


class UnitImportForm(forms.Form):
    file = LimitedFileField(label="名录 Excel 文件 (.xlsx)", limit_bytes=xlsx_limit_bytes)
    dry_run = forms.BooleanField(label="只检查, 不写入", required=False)


class CrosswalkImportForm(forms.Form):
    file = LimitedFileField(label="行业对照 Excel 文件 (.xlsx)", limit_bytes=xlsx_limit_bytes)


class SubmissionImportForm(forms.Form):
    file = LimitedFileField(label="填报模板 Excel 文件 (.xlsx)", limit_bytes=xlsx_limit_bytes)
