"""Accounts. Every user belongs to one department and has one role; what they may see is the region of
that department and everything below it (see blueledger.core.permissions)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords

from blueledger.users.choices import Role


class User(AbstractUser):
    display_name = models.CharField("姓名", max_length=50, blank=True)
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.VIEWER)
    department = models.ForeignKey(
        "orgs.Department", verbose_name="所属单位", on_delete=models.PROTECT, related_name="users", null=True
    )
    phone = models.CharField("联系电话", max_length=30, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering = ["username"]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser

    @property
    def is_dispatcher(self) -> bool:
        """调度员: runs ledgers and rounds of its scope (core.permissions reads this, not the Role choices)."""
        return self.role == Role.DISPATCHER

    @property
    def is_leader(self) -> bool:
        """领导: reads what a 查看 user reads and writes 批示 (core.permissions reads this, not the Role choices)."""
        return self.role == Role.LEADER

    @property
    def is_reporter(self) -> bool:
        """填报员: reports for its own department (core.permissions reads this, not the Role choices)."""
        return self.role == Role.REPORTER
