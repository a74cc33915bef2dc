from rest_framework import serializers

from blueledger.economy.models import EconomyFigure, StatisticalUnit


class StatisticalUnitSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    ocean_industry = serializers.CharField(source="ocean_industry.name", default=None, read_only=True)

    class Meta:
        model = StatisticalUnit
        fields = ["id", "uscc", "name", "region_code", "region_name", "industry_4754", "ocean_industry", "sea_share",
                  "size_class", "status", "source"]


class EconomyFigureSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", default=None, read_only=True)
    region_name = serializers.CharField(read_only=True)
    industry = serializers.CharField(source="industry.name", default=None, read_only=True)

    class Meta:
        model = EconomyFigure
        fields = ["id", "indicator", "region_code", "region_name", "industry", "year", "quarter", "value", "unit",
                  "price_basis", "origin", "source", "method", "note"]


class TrajectorySerializer(serializers.Serializer):
    indicator = serializers.CharField()
    region = serializers.CharField()
    metric = serializers.CharField()
    target = serializers.FloatField()
    unit = serializers.CharField()
    deadline = serializers.CharField(allow_null=True)
    latest_value = serializers.FloatField(allow_null=True)
    latest_period = serializers.CharField(allow_null=True)
    required_annual_growth = serializers.FloatField(allow_null=True, help_text="小数, 0.055 即 5.5%")
    on_track = serializers.BooleanField(allow_null=True)
