from rest_framework import serializers

from blueledger.orgs.models import Department, Region


class RegionSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", default=None, allow_null=True, read_only=True)

    class Meta:
        model = Region
        fields = ["code", "name", "short_name", "parent_code", "level", "is_statistical_only", "is_coastal", "aliases"]


class DepartmentSerializer(serializers.ModelSerializer):
    region_code = serializers.SlugRelatedField(source="region", slug_field="code", queryset=Region.objects.all())
    aliases = serializers.SlugRelatedField(many=True, slug_field="alias", read_only=True)

    class Meta:
        model = Department
        fields = ["id", "region_code", "name", "short_name", "kind", "is_active", "notes", "aliases"]


class DepartmentUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, required=False)
    short_name = serializers.CharField(max_length=50, required=False)
    kind = serializers.ChoiceField(choices=Department._meta.get_field("kind").choices, required=False)
    is_active = serializers.BooleanField(required=False)
    notes = serializers.CharField(max_length=200, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True)
