from rest_framework import serializers

from blueledger.projects.models import MonthlyReport, Project


class ProjectSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    track = serializers.CharField(source="track.name", read_only=True)
    responsible_department = serializers.CharField(source="responsible_department.name", default=None,
                                                   allow_null=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "name",
            "content",
            "region_code",
            "region_name",
            "track",
            "kind",
            "status",
            "total_investment_wan",
            "plan_year",
            "annual_plan_wan",
            "planned_start",
            "planned_end",
            "is_listed",
            "responsible_department",
            "contact",
            "contact_phone",
        ]


class MonthlyReportSerializer(serializers.ModelSerializer):
    period = serializers.DateField(input_formats=["%Y-%m", "%Y-%m-%d"], format="%Y-%m")

    class Meta:
        model = MonthlyReport
        fields = ["period", "year_to_date_completed_wan", "progress", "problems", "coordination"]
