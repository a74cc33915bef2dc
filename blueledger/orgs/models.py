"""Regions (GB/T 2260) and departments with the names documents use for them."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from blueledger.lib.gbt2260 import descendants_prefix
from blueledger.orgs.choices import DepartmentKind, RegionLevel


class Region(models.Model):
    """An administrative region. Its GB/T 2260 code is hierarchical by prefix (37 → 3702 → 370211),
    which is what scopes users to a region and everything below it."""

    code = models.CharField("区划代码", max_length=6, unique=True)
    name = models.CharField("名称", max_length=50)
    short_name = models.CharField("简称", max_length=20)
    parent = models.ForeignKey(
        "self", verbose_name="上级区划", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    level = models.CharField("层级", max_length=10, choices=RegionLevel.choices)
    is_statistical_only = models.BooleanField(
        "仅统计用代码", default=False, help_text="开发区等统计用区划代码, 不是 GB/T 2260 行政区划"
    )
    is_coastal = models.BooleanField("沿海", default=True)
    aliases = models.JSONField("别名", default=list, blank=True)
    notes = models.CharField("备注", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_prefix(self) -> str:
        """The code prefix shared by this region and every region below it."""
        return descendants_prefix(self.code)


class Department(models.Model):
    """A department or body of a region (市发改委, 区海洋发展局, 各县市区人民政府)."""

    region = models.ForeignKey(Region, verbose_name="所属区划", on_delete=models.PROTECT, related_name="departments")
    name = models.CharField("全称", max_length=100)
    short_name = models.CharField("简称", max_length=50)
    kind = models.CharField("类别", max_length=20, choices=DepartmentKind.choices, default=DepartmentKind.BUREAU)
    is_active = models.BooleanField("在用", default=True)
    notes = models.CharField("备注", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "部门单位"
        verbose_name_plural = "部门单位"
        ordering = ["region__code", "short_name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="department_name_unique_in_region"),
            models.UniqueConstraint(fields=["region", "short_name"], name="department_short_name_unique_in_region"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class DepartmentAlias(models.Model):
    """Another name a document uses for a department (发改委 = 市发展和改革委员会)."""

    region = models.ForeignKey(Region, verbose_name="所属区划", on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name="部门单位", on_delete=models.CASCADE, related_name="aliases"
    )
    alias = models.CharField("别名", max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "部门别名"
        verbose_name_plural = "部门别名"
        ordering = ["alias"]
        constraints = [models.UniqueConstraint(fields=["region", "alias"], name="department_alias_unique_in_region")]

    def __str__(self) -> str:
        return self.alias
