from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "系统管理员"
    DISPATCHER = "dispatcher", "调度员"
    REPORTER = "reporter", "填报员"
    VIEWER = "viewer", "查看"
    LEADER = "leader", "领导"  # reads like 查看 and writes 批示 on tasks, reports and bulletins of its scope
