from contextvars import ContextVar
from typing import Any

from django.contrib import admin
from django.contrib.admin import forms as admin_forms
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from blueledger.users.models import User
from blueledger.users.services import user_set_password

# The administrator on the current request: Django builds the admin's password form without the request.
_acting_admin: ContextVar[Any] = ContextVar("acting_admin")


class PasswordSetForm(AdminPasswordChangeForm):
    """The admin's form for a user's password (/admin/users/user/<id>/password/): saves through
    users.services.user_set_password, so it is in the history and deletes the user's API tokens."""

    def save(self, commit: bool = True) -> User:
        password = self.cleaned_data["password1"] if self.cleaned_data["set_usable_password"] else None
        return user_set_password(actor=_acting_admin.get(), user=self.user, password=password)


class OwnPasswordChangeForm(admin_forms.AdminPasswordChangeForm):
    """The admin's own-password form (/admin/password_change/): saves through users.services.user_set_password."""

    def save(self, commit: bool = True) -> User:
        return user_set_password(actor=self.user, user=self.user, password=self.cleaned_data["new_password1"])


admin.site.password_change_form = OwnPasswordChangeForm


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    list_display = ["username", "display_name", "role", "department", "is_active"]
    list_filter = ["role", "is_active"]
    change_password_form = PasswordSetForm
    fieldsets = (*DjangoUserAdmin.fieldsets, ("蓝色台账", {"fields": ("display_name", "role", "department", "phone")}))

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        token = _acting_admin.set(request.user)
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            _acting_admin.reset(token)
