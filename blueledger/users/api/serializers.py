from rest_framework import serializers

from blueledger.users.models import User


class UserSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", default=None, allow_null=True, read_only=True)
    region_code = serializers.CharField(source="department.region.code", default=None, allow_null=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "display_name", "role", "department", "department_name", "region_code", "is_active"]
        read_only_fields = fields
