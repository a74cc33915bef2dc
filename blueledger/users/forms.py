from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from blueledger.orgs.models import Department
from blueledger.users import throttle
from blueledger.users.choices import Role


class UserForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    display_name = forms.CharField(label="姓名", max_length=50, required=False)
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    department = forms.ModelChoiceField(label="所属单位", queryset=Department.objects.select_related("region"))
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, required=False)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)


class ThrottledAuthenticationForm(AuthenticationForm):
    """The login form; says so when the user name or address is locked after repeated failures."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if username and throttle.is_locked(username, self.request):
            raise forms.ValidationError(throttle.locked_message(), code="locked")
        return super().clean()
