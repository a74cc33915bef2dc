from django.db import models


class RegionLevel(models.TextChoices):
    PROVINCE = "province", "省"
    CITY = "city", "市"
    COUNTY = "county", "区县"


class DepartmentKind(models.TextChoices):
    BUREAU = "bureau", "政府工作部门"
    PARTY = "party", "党委部门"
    GOVERNMENT = "government", "政府及管委会"
    OTHER = "other", "其他单位"
