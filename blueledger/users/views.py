from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from blueledger.core.editing import changed_fields, form_page
from blueledger.core.history import history_entries
from blueledger.core.permissions import can_edit_reference_data, require
from blueledger.users import services
from blueledger.users.forms import UserForm
from blueledger.users.models import User
from blueledger.users.selectors import user_list as select_users

USER_CREATE_FIELDS = ("username", "password", "role", "department", "display_name", "email", "phone")


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    return render(request, "users/user_list.html", {"accounts": select_users(user=request.user)})


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(select_users(user=request.user), pk=pk)
    tab = request.GET.get("tab", "info")
    history = history_entries(account) if tab == "history" else []
    return render(request, "users/user_detail.html", {"account": account, "tab": tab, "history": history})


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    require(can_edit_reference_data(request.user))
    return form_page(
        request, UserForm(request.POST or None), template="users/user_form.html", context={"account": None},
        save=lambda data: services.user_create(
            actor=request.user, **{field: data[field] for field in USER_CREATE_FIELDS}
        ),
        success=lambda account: (
            f"已新建用户“{account.username}”。", reverse("users:user_detail", kwargs={"pk": account.pk})
        ),
    )


@login_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_edit_reference_data(request.user))
    account = get_object_or_404(User, pk=pk)
    initial = {field: getattr(account, field) for field in services.USER_EDITABLE_FIELDS}
    form = UserForm(request.POST or None, initial={**initial, "username": account.username})
    form.fields["username"].disabled = True

    def save(data: dict[str, Any]) -> None:
        changes = changed_fields(data, initial, services.USER_EDITABLE_FIELDS)
        services.user_update(actor=request.user, user=account, **changes)
        if data["password"]:
            services.user_set_password(actor=request.user, user=account, password=data["password"])

    return form_page(
        request, form, template="users/user_form.html", context={"account": account}, save=save,
        success=lambda _: ("已保存。", reverse("users:user_detail", kwargs={"pk": account.pk})),
    )


class LogoutView(auth_views.LogoutView):
    """Signs out and deletes the user's API tokens."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        services.api_tokens_revoke(user=request.user)
        return super().post(request, *args, **kwargs)


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """Everyone changes their own password (through users.services, so the change is in the history and the
    user's API tokens are deleted); the session stays signed in."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(actor=request.user, user=request.user,  # type: ignore[arg-type]
                                       password=form.cleaned_data["new_password1"])
        except ValidationError as error:
            form.add_error("new_password2", error)
        else:
            update_session_auth_hash(request, request.user)  # type: ignore[arg-type]
            messages.success(request, "密码已修改。")
            return redirect("password_change_done")
    return render(request, "registration/password_change_form.html", {"form": form},
                  status=400 if form.is_bound else 200)


@login_required
def password_change_done(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/password_change_done.html")
