from rest_framework import serializers

from blueledger.economy.models import EconomyFigure, FormRound, FormSubmission, ReportingForm, StatisticalUnit


class StatisticalUnitSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    ocean_industry = serializers.CharField(source="ocean_industry.name", default=None, allow_null=True, read_only=True)

    class Meta:
        model = StatisticalUnit
        fields = ["id", "uscc", "name", "region_code", "region_name", "industry_4754", "ocean_industry", "sea_share",
                  "size_class", "status", "source"]


class EconomyFigureSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", default=None, allow_null=True, read_only=True)
    region_name = serializers.CharField(read_only=True)
    industry = serializers.CharField(source="industry.name", default=None, allow_null=True, read_only=True)

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


class ReportingFormSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingForm
        fields = ["id", "name", "frequency", "fields", "jump_threshold_percent", "note"]


class FormRoundSerializer(serializers.ModelSerializer):
    form = serializers.CharField(source="form.name", read_only=True)
    region_code = serializers.CharField(source="region.code", read_only=True)
    period_code = serializers.CharField(read_only=True)

    class Meta:
        model = FormRound
        fields = ["id", "form", "region_code", "year", "period", "period_code", "due_date"]


class FormSubmissionSerializer(serializers.ModelSerializer):
    uscc = serializers.CharField(source="unit.uscc", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = FormSubmission
        fields = ["id", "uscc", "unit_name", "values", "explanation", "findings", "status", "returned_comment",
                  "submitted_at"]


class SubmissionWriteSerializer(serializers.Serializer):
    uscc = serializers.CharField(help_text="统一社会信用代码")
    values = serializers.DictField(child=serializers.CharField(allow_blank=True), help_text="指标标识 → 填报值")
    explanation = serializers.CharField(required=False, allow_blank=True, default="")


class IndexValueSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    composite = serializers.FloatField(allow_null=True, help_text="缺数据的年份为 null, 不计作 0")
    domains = serializers.DictField(child=serializers.FloatField(), help_text="领域名称 → 领域指数")
    contributions = serializers.DictField(child=serializers.FloatField(), help_text="指标名称 → 贡献 (点)")
    missing = serializers.ListField(child=serializers.CharField())
