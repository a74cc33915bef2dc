from rest_framework import serializers

from blueledger.ledgers.models import Ledger, LedgerQuantity, LedgerTask, TaskResponsibility


class ResponsibilitySerializer(serializers.ModelSerializer):
    department_id = serializers.IntegerField(allow_null=True, read_only=True)
    department = serializers.CharField(source="department.short_name", default=None, allow_null=True, read_only=True)

    class Meta:
        model = TaskResponsibility
        fields = ["id", "written_name", "department_id", "department", "role", "span_start", "span_end"]


class QuantitySerializer(serializers.ModelSerializer):
    task_key = serializers.CharField(source="task.key", default=None, allow_null=True, read_only=True)

    class Meta:
        model = LedgerQuantity
        fields = ["id", "task_key", "role", "metric", "value", "value_max", "unit", "op", "hardness", "deadline",
                  "quote", "span_start", "span_end"]


class TaskSerializer(serializers.ModelSerializer):
    parent_key = serializers.CharField(source="parent.key", default=None, allow_null=True, read_only=True)
    responsibilities = ResponsibilitySerializer(many=True, read_only=True)

    class Meta:
        model = LedgerTask
        fields = ["id", "key", "title", "parent_key", "deadline", "span_start", "span_end", "responsibilities"]


class LedgerSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)
    source_filename = serializers.CharField(source="document.original_filename", read_only=True)
    tasks = TaskSerializer(many=True, read_only=True)
    quantities = QuantitySerializer(many=True, read_only=True)

    class Meta:
        model = Ledger
        fields = ["id", "region_code", "title", "issuer", "issued_on", "kind", "status", "published_at",
                  "source_filename", "tasks", "quantities"]
