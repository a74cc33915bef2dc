from __future__ import annotations

from django import forms

from blueledger.orgs.models import Department
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
