from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from blueledger.core.forms import DateField, TextField
from blueledger.core.permissions import region_prefix
from blueledger.core.uploads import LimitedFileField, document_limit_bytes, xlsx_limit_bytes
from blueledger.fisheries.choices import CertificateKind, Disposition, Gear, VesselStatus
from blueledger.fisheries.models import Certificate, UnregisteredVessel, Vessel
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
def _max_length(model: Any, field: str) -> int:
    return int(model._meta.get_field(field).max_length)


def _measure(label: str) -> forms.DecimalField:
    field = Vessel._meta.get_field("power_kw")
    return forms.DecimalField(label=label, required=False, max_digits=field.max_digits,  # type: ignore[attr-defined]
                              decimal_places=field.decimal_places, min_value=Decimal("0.01"))  # type: ignore[attr-defined]


def _certificate_number(label: str) -> forms.CharField:
    return forms.CharField(label=f"{label}编号", required=False, max_length=_max_length(Certificate, "number"))


def _regions(user: Any) -> Any:
    return Region.objects.filter(code__startswith=region_prefix(user) or "").order_by("code")


class VesselForm(forms.Form):
    """The registry card of one vessel and its three certificates (number and expiry, both or neither)."""

    name = forms.CharField(label="船名", max_length=_max_length(Vessel, "name"),
                           help_text="省简称 + 县(市、区)简称 + 渔/渔养/渔运等 + 5 位编号, 如 鲁荣渔58001")
    region = forms.ModelChoiceField(label="所属区市", queryset=Region.objects.none())
    registry_port = forms.CharField(label="船籍港", max_length=_max_length(Vessel, "registry_port"))
    home_port = forms.CharField(label="依港港口", max_length=_max_length(Vessel, "home_port"),
                                help_text="指定停泊港 (依港管船)")
    home_port_code = forms.CharField(label="依港锚地代码", max_length=_max_length(Vessel, "home_port_code"),
                                     required=False, help_text="如 WEIHAI (GFW 锚地标签)")
    mmsi = forms.CharField(label="MMSI", max_length=_max_length(Vessel, "mmsi"), required=False)
    beidou_terminal = forms.CharField(label="北斗终端号", max_length=_max_length(Vessel, "beidou_terminal"),
                                      required=False)
    gear = forms.ChoiceField(label="作业类型", choices=Gear.choices)
    power_kw = _measure("主机功率(kW)")
    length_m = _measure("船长(米)")
    gross_tonnage = _measure("总吨位")
    owner = forms.CharField(label="船东", max_length=_max_length(Vessel, "owner"), required=False)
    status = forms.ChoiceField(label="状态", choices=VesselStatus.choices)
    # one pair per CertificateKind: f"{kind}_number", f"{kind}_expires_on"
    fishing_licence_number = _certificate_number("捕捞许可证")
    fishing_licence_expires_on = DateField(label="捕捞许可证有效期至", required=False)
    inspection_number = _certificate_number("检验证书")
    inspection_expires_on = DateField(label="检验证书有效期至", required=False)
    registration_number = _certificate_number("登记证书")
    registration_expires_on = DateField(label="登记证书有效期至", required=False)
    reason = forms.CharField(label="修改原因", max_length=200, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = _regions(user)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for kind, label in CertificateKind.choices:
            number, expires = data.get(f"{kind}_number"), data.get(f"{kind}_expires_on")
            if number and expires is None and f"{kind}_expires_on" not in self.errors:
                self.add_error(f"{kind}_expires_on", f"填写了{label}编号, 请填写有效期。")
            if expires is not None and not number:
                self.add_error(f"{kind}_number", f"填写了{label}有效期, 请填写编号。")
        return data

    def vessel_values(self) -> dict[str, Any]:
        return {key: self.cleaned_data[key] for key in self.fields
                if key != "reason" and not key.endswith(("_number", "_expires_on"))}

    def certificates(self) -> dict[str, tuple[str, date] | None]:
        """Every kind: (number, expiry), or None when both are blank."""
        found: dict[str, tuple[str, date] | None] = {}
        for kind in CertificateKind.values:
            number, expires = self.cleaned_data[f"{kind}_number"], self.cleaned_data[f"{kind}_expires_on"]
            found[kind] = (number, expires) if number and expires else None
        return found


def vessel_initial(vessel: Vessel) -> dict[str, Any]:
    initial: dict[str, Any] = {field: getattr(vessel, field) for field in VesselForm.base_fields
                               if field != "reason" and not field.endswith(("_number", "_expires_on"))}
    for certificate in vessel.certificates.all():
        initial[f"{certificate.kind}_number"] = certificate.number
        initial[f"{certificate.kind}_expires_on"] = certificate.expires_on
    return initial


class UnregisteredVesselForm(forms.Form):
    region = forms.ModelChoiceField(label="区市", queryset=Region.objects.none())
    found_on = DateField(label="发现日期")
    place = forms.CharField(label="发现地点", max_length=_max_length(UnregisteredVessel, "place"))
    description = TextField(label="船舶情况", widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="船型、船长、动力、作业类型、船上人员等")
    disposal = TextField(label="处置情况", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reason = forms.CharField(label="修改原因", max_length=200, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = _regions(user)  # type: ignore[attr-defined]

    def record_values(self) -> dict[str, Any]:
        return {key: value for key, value in self.cleaned_data.items() if key != "reason"}
