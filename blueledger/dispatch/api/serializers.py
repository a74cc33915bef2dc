from __future__ import annotations

from rest_framework import serializers

from blueledger.dispatch.models import Report, ReportingRound, ReportSlot


class ReportingRoundSerializer(serializers.ModelSerializer):
    ledger_title = serializers.CharField(source="ledger.title", read_only=True)

    class Meta:
        model = ReportingRound
        fields = ["id", "ledger", "ledger_title", "title", "period_kind", "period_start", "period_end", "due_date",
                  "status", "hardness_weights", "tolerance_share", "severe_lag_points"]


class ReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = Report
        fields = ["id", "version", "value", "unit", "progress", "problems", "next_steps", "status", "submitted_at",
                  "returned_comment", "task_state"]


class ReportSlotSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)
    # null for a qualitative task's slot (no target: `task` names it)
    metric = serializers.CharField(source="quantity.metric", read_only=True, allow_null=True)
    target_value = serializers.DecimalField(source="quantity.value", max_digits=20, decimal_places=6, read_only=True,
                                            allow_null=True)
    unit = serializers.CharField(source="quantity.unit", read_only=True, allow_null=True)
    reports = ReportSerializer(many=True, read_only=True)

    class Meta:
        model = ReportSlot
        fields = ["id", "round", "department", "department_name", "quantity", "metric", "target_value", "unit",
                  "is_lead", "prefilled_value", "prefilled_from", "reports", "task"]
