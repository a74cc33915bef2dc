from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from simple_history.admin import SimpleHistoryAdmin

from blueledger.users.models import User
from blueledger.users.services import api_tokens_revoke


class PasswordSetForm(AdminPasswordChangeForm):
    """The admin's password form: a new password deletes the user's API tokens too (as users.services does)."""

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=commit)
        api_tokens_revoke(user=user)
        return user


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    list_display = ["username", "display_name", "role", "department", "is_active"]
    list_filter = ["role", "is_active"]
    change_password_form = PasswordSetForm
    fieldsets = (*DjangoUserAdmin.fieldsets, ("蓝色台账", {"fields": ("display_name", "role", "department", "phone")}))
