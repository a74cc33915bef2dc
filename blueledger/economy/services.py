"""Writes of ocean-economy monitoring. Each runs in one transaction, checks the actor's right, validates
before writing and names its actor and reason for the history."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from blueledger.core.fields import fit_to_field
from blueledger.core.history import attribute_change, history_bulk_create
from blueledger.core.permissions import can_edit_reference_data, require
from blueledger.core.reminders import ReminderKind, RemindersRun, reminder_deliver, reminder_when
from blueledger.economy.choices import (
    GROWTH_OF,
    INDICATOR_UNITS,
    MONTHLY_SERIES_UNITS,
    NOWCAST_MOVES,
    RELATIVE_UNIT,
    AssigneeKind,
    ClusterTier,
    FigureOrigin,
    FormFrequency,
    Indicator,
    IndustryKind,
    MonthlySeriesKind,
    NowcastStatus,
    PriceBasis,
    SubmissionStatus,
    UnitStatus,
)
from blueledger.economy.directory import gbt4754_code_problem, unit_name_normalise
from blueledger.economy.form_checks import FieldSpec, Finding, number_parse, submission_check
from blueledger.economy.models import (
    ClusterIndicatorValue,
    CompositeIndex,
    EconomyFigure,
    FormAssignment,
    FormReminderLog,
    FormRound,
    FormSubmission,
    IndexDomain,
    IndexIndicator,
    IndustrialCluster,
    IndustryCrosswalk,
    MonthlyValue,
    NowcastRelease,
    OceanIndustry,
    ReportingForm,
    StatisticalUnit,
    TargetBinding,
    UnitReport,
)
from blueledger.economy.nowcast import MonthlySeries, NowcastError, nowcast_compute
from blueledger.economy.permissions import can_manage_economy
from blueledger.economy.series import UnitValueAdded, value_added_aggregate
from blueledger.ledgers.models import LedgerQuantity
from blueledger.ledgers.services import require_bindable_target
from blueledger.lib.uscc import uscc_normalise, uscc_problem
from blueledger.orgs.models import Department, Region
from blueledger.users.choices import Role
from blueledger.users.models import User

DATA_DIR = Path(__file__).resolve().parent / "data"
INDUSTRY_FILE = DATA_DIR / "gbt20794.csv"
CROSSWALK_FILE = DATA_DIR / "gbt4754_crosswalk.csv"
UNIT_FIELDS = ("name", "region", "industry_4754", "ocean_industry", "sea_share", "size_class", "status", "source")


def _reference_allowed(actor: Any) -> bool:
    return actor is None or can_edit_reference_data(actor)


@transaction.atomic
def classification_load_reference(
    *, actor: Any, industry_path: Path = INDUSTRY_FILE, crosswalk_path: Path = CROSSWALK_FILE
) -> tuple[int, int]:
    """Creates or updates the GB/T 20794 categories and industries and the shipped GB/T 4754 crosswalk from
    the reference files; returns (created, updated). Equal rows are left alone, so it is safe to rerun;
    crosswalk rows a bureau added are kept."""
    require(_reference_allowed(actor))
    reason = f"载入海洋产业分类参考数据 {industry_path.name}"
    existing = {industry.key: industry for industry in OceanIndustry.objects.all()}
    created = updated = 0
    with industry_path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for position, row in enumerate(rows, start=1):
        values: dict[str, Any] = {
            "code": row["code"],
            "name": row["name"],
            "kind": row["kind"],
            "parent": existing.get(row["parent_key"]) if row["parent_key"] else None,
            "layer": row["layer"],
            "group": row["group"],
            "confirmed": row["confirmed"] == "true",
            "layer_confirmed": row["layer_confirmed"] == "true",
            "source": row["source"],
            "note": row["note"],
            "position": position,
        }
        industry = existing.get(row["key"])
        if industry is None:
            industry = OceanIndustry(key=row["key"], **values)
            created += 1
        elif any(getattr(industry, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(industry, field, value)
            updated += 1
        else:
            continue
        attribute_change(industry, actor=actor, reason=reason)
        industry.save()
        existing[industry.key] = industry
    with crosswalk_path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            _, changed = crosswalk_save(
                actor=actor,
                gbt4754_code=row["gbt4754_code"],
                gbt4754_name=row["gbt4754_name"],
                industry=existing[row["industry_key"]],
                confirmed=row["confirmed"] == "true",
                source=row["source"],
                note=row["note"],
                reason=f"载入行业分类对照参考数据 {crosswalk_path.name}",
            )
            created += changed == "created"
            updated += changed == "updated"
    return created, updated


@transaction.atomic
def crosswalk_save(
    *,
    actor: Any,
    gbt4754_code: str,
    gbt4754_name: str,
    industry: OceanIndustry,
    confirmed: bool,
    source: str = "",
    note: str = "",
    reason: str = "",
) -> tuple[IndustryCrosswalk, str]:
    """Adds or updates one GB/T 4754 → GB/T 20794 row; returns it and 'created', 'updated' or 'unchanged'."""
    require(_reference_allowed(actor) or can_manage_economy(actor))
    problem = gbt4754_code_problem(gbt4754_code)
    if problem:
        raise ValidationError(f"国民经济行业代码“{gbt4754_code}”{problem}。")
    row = IndustryCrosswalk.objects.filter(gbt4754_code=gbt4754_code, industry=industry).first()
    values = {"gbt4754_name": gbt4754_name, "confirmed": confirmed, "source": source, "note": note}
    if row is None:
        row = IndustryCrosswalk(gbt4754_code=gbt4754_code, industry=industry, **values)
        outcome = "created"
    elif any(getattr(row, field) != value for field, value in values.items()):
        for field, value in values.items():
            setattr(row, field, value)
        outcome = "updated"
    else:
        return row, "unchanged"
    attribute_change(row, actor=actor, reason=reason or "编辑行业分类对照")
    row.save()
    return row, outcome


def unit_problems(unit: StatisticalUnit) -> list[str]:
    """Why `unit` may not be saved as it stands (empty: it may)."""
    problems = []
    uscc_error = uscc_problem(unit.uscc)
    if uscc_error:
        problems.append(f"统一社会信用代码“{unit.uscc}”{uscc_error}。")
    if not unit.name.strip():
        problems.append("单位名称不能为空。")
    if unit.industry_4754:
        code_error = gbt4754_code_problem(unit.industry_4754)
        if code_error:
            problems.append(f"国民经济行业代码“{unit.industry_4754}”{code_error}。")
    if unit.sea_share is not None and not Decimal(0) <= unit.sea_share <= Decimal(1):
        problems.append("涉海比例应在 0–100% 之间。")
    return problems


def _check_unit(unit: StatisticalUnit) -> None:
    problems = unit_problems(unit)
    duplicates = StatisticalUnit.objects.exclude(pk=unit.pk)
    if duplicates.filter(uscc=unit.uscc).exists():
        problems.append(f"统一社会信用代码“{unit.uscc}”已在名录库中。")
    same_name = duplicates.filter(normalised_name=unit.normalised_name).first()
    if same_name is not None:
        problems.append(f"单位名称与已有单位“{same_name.name}”({same_name.uscc}) 重复。")
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def unit_create(
    *, actor: Any, uscc: str, name: str, region: Region, reason: str = "", **values: Any
) -> StatisticalUnit:
    require(can_manage_economy(actor, region.code))
    unit = StatisticalUnit(uscc=uscc_normalise(uscc), name=" ".join(name.split()), region=region, **values)
    unit.normalised_name = unit_name_normalise(unit.name)
    _check_unit(unit)
    attribute_change(unit, actor=actor, reason=reason or "新建统计单位")
    unit.save()
    return unit


@transaction.atomic
def unit_update(*, actor: Any, unit: StatisticalUnit, reason: str = "", **changes: Any) -> StatisticalUnit:
    """Changes the given fields (of UNIT_FIELDS); the USCC identifies the unit and does not change."""
    unit = StatisticalUnit.objects.select_for_update().get(pk=unit.pk)
    require(can_manage_economy(actor, unit.region.code))
    unknown = set(changes) - set(UNIT_FIELDS)
    if unknown:
        raise ValidationError(f"不能修改的字段: {'、'.join(sorted(unknown))}")
    for field, value in changes.items():
        setattr(unit, field, value)
    unit.name = " ".join(unit.name.split())
    unit.normalised_name = unit_name_normalise(unit.name)
    require(can_manage_economy(actor, unit.region.code))
    _check_unit(unit)
    attribute_change(unit, actor=actor, reason=reason or "修改统计单位")
    unit.save()
    return unit


@transaction.atomic
def units_write(
    *, actor: Any, created: Sequence[StatisticalUnit], updated: Sequence[StatisticalUnit], reason: str
) -> None:
    """Writes units an import has already checked in full (imports.units_import), in bulk, each with its
    history row. Callers pass `updated` units carrying their changed values."""
    require(can_manage_economy(actor))
    for unit in (*created, *updated):
        unit.normalised_name = unit_name_normalise(unit.name)
    if created:
        StatisticalUnit.objects.bulk_create(list(created), batch_size=2000)
        history_bulk_create(created, actor=actor, reason=reason)
    if updated:
        bulk_update_with_history(
            list(updated), StatisticalUnit, [*UNIT_FIELDS, "normalised_name"], batch_size=2000,
            default_user=actor, default_change_reason=reason,
        )


@transaction.atomic
def unit_report_save(
    *, actor: Any, unit: StatisticalUnit, year: int, quarter: int, value_added_wan: Decimal,
    revenue_wan: Decimal | None = None, reason: str = "",
) -> UnitReport:
    """Saves a unit's figures for a year (quarter 0) or quarter; an equal report writes nothing."""
    require(can_manage_economy(actor, unit.region.code))
    if quarter not in (0, 1, 2, 3, 4):
        raise ValidationError(f"季度应为 0 (全年) 或 1–4, 实为 {quarter}。")
    report = UnitReport.objects.filter(unit=unit, year=year, quarter=quarter).first()
    if report is not None and (report.value_added_wan, report.revenue_wan) == (value_added_wan, revenue_wan):
        return report
    report = report or UnitReport(unit=unit, year=year, quarter=quarter)
    report.value_added_wan, report.revenue_wan = value_added_wan, revenue_wan
    attribute_change(report, actor=actor, reason=reason or "单位报送")
    report.save()
    return report


@dataclass(frozen=True, slots=True)
class FigureEntry:
    indicator: str
    region: Region | None  # None: 全国
    year: int
    value: Decimal
    source: str = ""
    quarter: int = 0
    industry: OceanIndustry | None = None
    unit: str | None = None
    price_basis: str = PriceBasis.CURRENT
    note: str = ""


def _figure_write(*, actor: Any, entry: FigureEntry, origin: str, method: str, reason: str) -> EconomyFigure:
    unit = entry.unit if entry.unit is not None else INDICATOR_UNITS[Indicator(entry.indicator)]
    figure = EconomyFigure.objects.filter(
        indicator=entry.indicator, region=entry.region, industry=entry.industry, year=entry.year,
        quarter=entry.quarter, origin=origin,
    ).first()
    values = {"value": entry.value, "unit": unit, "price_basis": entry.price_basis, "source": entry.source,
              "method": method, "note": entry.note}
    if figure is None:
        figure = EconomyFigure(indicator=entry.indicator, region=entry.region, industry=entry.industry,
                               year=entry.year, quarter=entry.quarter, origin=origin, **values)
    elif all(getattr(figure, field) == value for field, value in values.items()):
        return figure
    else:
        for field, value in values.items():
            setattr(figure, field, value)
    figure.full_clean(validate_unique=False, validate_constraints=False)
    attribute_change(figure, actor=actor, reason=reason)
    figure.save()
    return figure


@transaction.atomic
def figure_publish_save(*, actor: Any, entry: FigureEntry) -> EconomyFigure:
    """Saves a published figure with its source (出处 required); an equal one writes nothing."""
    require(can_manage_economy(actor, entry.region.code if entry.region else ""))
    if not entry.source.strip():
        raise ValidationError("公开发布的数据须注明出处。")
    if entry.quarter not in (0, 1, 2, 3, 4):
        raise ValidationError(f"季度应为 0 (全年) 或 1–4, 实为 {entry.quarter}。")
    return _figure_write(actor=actor, entry=entry, origin=FigureOrigin.PUBLISHED, method="", reason="录入公开数据")


@transaction.atomic
def figure_generated_save(*, actor: Any, entry: FigureEntry) -> EconomyFigure:
    """Saves a figure made up by `blueledger demo`, labelled 演示生成 wherever it is shown or exported."""
    require(can_manage_economy(actor, entry.region.code if entry.region else ""))
    return _figure_write(actor=actor, entry=entry, origin=FigureOrigin.GENERATED, method="演示生成 (非真实数据)",
                         reason="演示数据")


@transaction.atomic
def value_added_compute(*, actor: Any, year: int, quarter: int = 0, region_length: int = 4) -> int:
    """Computes value added by ocean industry and region (city by default) for a period from the units'
    reports, and saves each cell as a computed figure with its method. Returns how many cells."""
    require(can_manage_economy(actor))
    rows = UnitReport.objects.filter(year=year, quarter=quarter, unit__ocean_industry__isnull=False).values_list(
        "unit__ocean_industry__key", "unit__region__code", "value_added_wan", "unit__sea_share"
    )
    cells, method = value_added_aggregate(
        (UnitValueAdded(key, code, value, share) for key, code, value, share in rows), region_length=region_length
    )
    industries = {industry.key: industry for industry in OceanIndustry.objects.all()}
    regions = {region.code: region for region in Region.objects.filter(code__in={cell.region_code for cell in cells})}
    written = 0
    for cell in cells:
        region = regions.get(cell.region_code)
        if region is None:
            continue  # a district code whose city is not in the reference data
        entry = FigureEntry(indicator=Indicator.VALUE_ADDED, region=region, year=year, quarter=quarter,
                            value=cell.value_yi.quantize(Decimal("0.0001")), industry=industries[cell.industry_key])
        _figure_write(actor=actor, entry=entry, origin=FigureOrigin.COMPUTED,
                      method=f"{method}; {cell.units} 家单位", reason="由单位报送计算")
        written += 1
    return written


@transaction.atomic
def target_bind(
    *, actor: Any, quantity: LedgerQuantity, indicator: str, region: Region, industry: OceanIndustry | None = None,
    reference_indicator: str = "",
) -> TargetBinding:
    """Measures a published ledger target by an economy figure of `region`; the units must agree. With
    `reference_indicator` the target is relative (增幅高于…N个百分点): both indicators must have a growth rate
    and the target's unit must be 个百分点."""
    ledger = quantity.ledger
    require(can_manage_economy(actor, ledger.region.code))
    require_bindable_target(quantity, source="经济指标")
    if reference_indicator:
        without_growth = [Indicator(i).label for i in (indicator, reference_indicator) if i not in GROWTH_OF]
        if without_growth:
            raise ValidationError(f"相对目标只能比较有增速的指标, “{'、'.join(without_growth)}”没有增速。")
        if quantity.unit != RELATIVE_UNIT:
            raise ValidationError(
                f"相对目标“{quantity.metric}”的单位应为“{RELATIVE_UNIT}”, 实为“{quantity.unit or '无'}”。"
            )
    expected_unit = RELATIVE_UNIT if reference_indicator else INDICATOR_UNITS[Indicator(indicator)]
    if quantity.unit != expected_unit:
        raise ValidationError(
            f"“{quantity.metric}”的单位“{quantity.unit or '无'}”与指标“{Indicator(indicator).label}”的单位"
            f"“{expected_unit}”不一致。"
        )
    if industry is not None and industry.kind not in (IndustryKind.INDUSTRY, IndustryKind.CATEGORY):
        raise ValidationError("未知的海洋产业。")
    binding = TargetBinding.objects.filter(quantity=quantity).first() or TargetBinding(quantity=quantity)
    binding.indicator, binding.region, binding.industry, binding.bound_by = indicator, region, industry, actor
    binding.reference_indicator = reference_indicator
    what = Indicator(indicator).label + (f"增速 − {Indicator(reference_indicator).label}增速" if reference_indicator
                                         else "")
    attribute_change(binding, actor=actor, reason=f"从经济指标取数: {region.name} {what}")
    binding.save()
    return binding


@dataclass(frozen=True, slots=True)
class IndicatorDefinition:
    name: str
    unit: str = ""
    weight: Decimal = Decimal(1)
    positive: bool = True
    figure_indicator: str = ""


@dataclass(frozen=True, slots=True)
class DomainDefinition:
    name: str
    weight: Decimal = Decimal(1)
    indicators: tuple[IndicatorDefinition, ...] = ()


OCEAN_DEVELOPMENT_INDEX = "中国海洋发展指数 (结构模板)"
OCEAN_DEVELOPMENT_DOMAINS = ("经济民生", "科技创新", "生态环境", "资源利用", "开放水平", "综合管理")


@transaction.atomic
def composite_index_define(
    *, actor: Any, name: str, base_year: int, domains: Sequence[DomainDefinition], note: str = ""
) -> CompositeIndex:
    """Creates the index, or replaces the domains and indicators of the index of that name (their
    observations go with them), in one transaction; each row written has its history."""
    require(can_manage_economy(actor))
    if not domains:
        raise ValidationError("综合指数至少需要一个领域。")
    names = [domain.name for domain in domains]
    if len(set(names)) != len(names):
        raise ValidationError("领域名称不能重复。")
    for domain in domains:
        if domain.weight < 0 or any(indicator.weight < 0 for indicator in domain.indicators):
            raise ValidationError(f"领域“{domain.name}”或其指标的权重不能为负数。")
    index = CompositeIndex.objects.filter(name=name).first() or CompositeIndex(name=name)
    index.base_year, index.note = base_year, note
    attribute_change(index, actor=actor, reason="定义综合指数")
    index.save()
    for old in index.domains.all():
        attribute_change(old, actor=actor, reason="重新定义综合指数")
        old.delete()
    for position, definition in enumerate(domains):
        domain = IndexDomain(index=index, name=definition.name, weight=definition.weight, position=position)
        attribute_change(domain, actor=actor, reason="定义综合指数")
        domain.save()
        for indicator_position, item in enumerate(definition.indicators):
            indicator = IndexIndicator(
                domain=domain, name=item.name, unit=item.unit, weight=item.weight, positive=item.positive,
                figure_indicator=item.figure_indicator, position=indicator_position,
            )
            attribute_change(indicator, actor=actor, reason="定义综合指数")
            indicator.save()
    return index


def composite_template_load(*, actor: Any) -> bool:
    """The 中国海洋发展指数 structure (6 domains, 2015 = 100; domain-facts §9) as a template a bureau edits;
    created once, never overwritten. Its weights and indicators are not published: equal weights, none."""
    if CompositeIndex.objects.filter(name=OCEAN_DEVELOPMENT_INDEX).exists():
        return False
    composite_index_define(
        actor=actor, name=OCEAN_DEVELOPMENT_INDEX, base_year=2015,
        domains=[DomainDefinition(name) for name in OCEAN_DEVELOPMENT_DOMAINS],
        note="6 个领域与基期 (2015=100) 见 2025 年版公开报道 (国家海洋信息中心、中国海洋发展研究会); "
             "领域权重与指标未公开, 模板按等权、不含指标, 由本局补充。",
    )
    return True


# --- reporting forms (报表制度) ---------------------------------------------------------------------------

FIELD_KINDS = ("number", "text")
PERIODS_OF = {FormFrequency.MONTH: range(1, 13), FormFrequency.QUARTER: range(1, 5), FormFrequency.YEAR: range(0, 1)}


def form_field_specs(form: ReportingForm) -> list[FieldSpec]:
    return [
        FieldSpec(key=f["key"], label=f["label"], unit=f.get("unit", ""), kind=f.get("kind", "number"),
                  required=f.get("required", True), part_of=f.get("part_of", ""))
        for f in form.fields
    ]


@transaction.atomic
def form_define(
    *, actor: Any, name: str, frequency: str, fields: Sequence[Mapping[str, Any]],
    jump_threshold_percent: Decimal = Decimal(30), note: str = "",
) -> ReportingForm:
    """Creates or redefines a form; the field list is checked (unique keys, known kinds, totals that exist)."""
    require(can_manage_economy(actor))
    keys = [str(field.get("key", "")) for field in fields]
    problems = []
    if not fields:
        problems.append("报表至少需要一个指标。")
    if len(set(keys)) != len(keys) or "" in keys:
        problems.append("指标标识不能为空或重复。")
    for field in fields:
        if field.get("kind", "number") not in FIELD_KINDS:
            problems.append(f"指标“{field.get('label')}”的类型应为 number 或 text。")
        if field.get("part_of") and field["part_of"] not in keys:
            problems.append(f"指标“{field.get('label')}”所属的合计“{field['part_of']}”不存在。")
    if frequency not in FormFrequency.values:
        problems.append(f"未知的报送频率“{frequency}”。")
    if problems:
        raise ValidationError(problems)
    form = ReportingForm.objects.filter(name=name).first() or ReportingForm(name=name)
    form.frequency, form.fields = frequency, [dict(field) for field in fields]
    form.jump_threshold_percent, form.note = jump_threshold_percent, note
    attribute_change(form, actor=actor, reason="定义报表")
    form.save()
    return form


@transaction.atomic
def form_round_open(
    *, actor: Any, form: ReportingForm, region: Region, year: int, period: int, due_date: Any,
    units: Sequence[StatisticalUnit],
) -> FormRound:
    require(can_manage_economy(actor, region.code))
    if period not in PERIODS_OF[FormFrequency(form.frequency)]:
        raise ValidationError(f"{form.get_frequency_display()}的期别不能是 {period}。")
    if FormRound.objects.filter(form=form, region=region, year=year, period=period).exists():
        raise ValidationError("该报表在这一期已经发起。")
    outside = [unit.name for unit in units if not unit.region.code.startswith(region.scope_prefix)]
    if outside:
        raise ValidationError(f"不在{region.name}范围内的单位: {'、'.join(outside)}")
    form_round = FormRound(form=form, region=region, year=year, period=period, due_date=due_date)
    attribute_change(form_round, actor=actor, reason="发起报表期次")
    form_round.save()
    form_round.units.set(units)
    return form_round


def _previous_round(form_round: FormRound) -> FormRound | None:
    year, period = form_round.year, form_round.period
    frequency = form_round.form.frequency
    if frequency == FormFrequency.YEAR:
        year -= 1
    elif period == 1:
        year, period = year - 1, 12 if frequency == FormFrequency.MONTH else 4
    else:
        period -= 1
    return FormRound.objects.filter(form=form_round.form, region=form_round.region, year=year, period=period).first()


def submission_previous_values(form_round: FormRound) -> dict[int, dict[str, Decimal]]:
    """The numbers each unit reported in the previous period (环比), by unit id."""
    previous = _previous_round(form_round)
    if previous is None:
        return {}
    result: dict[int, dict[str, Decimal]] = {}
    for unit_id, values in previous.submissions.values_list("unit_id", "values"):
        numbers = {}
        for key, text in values.items():
            try:
                numbers[key] = number_parse(str(text))
            except ValueError:
                continue
        result[unit_id] = numbers
    return result


def submission_findings(
    form_round: FormRound, unit: StatisticalUnit, written: Mapping[str, str], explanation: str,
    previous: Mapping[int, Mapping[str, Decimal]],
) -> tuple[dict[str, Any], list[Finding]]:
    values, findings = submission_check(
        form_field_specs(form_round.form), written, previous=previous.get(unit.pk),
        jump_threshold_percent=form_round.form.jump_threshold_percent, explanation=explanation,
    )
    return {key: format(value, "f") if isinstance(value, Decimal) else value for key, value in values.items()}, findings


def submission_write(
    *, actor: Any, form_round: FormRound, unit: StatisticalUnit, values: dict[str, Any], explanation: str,
    findings: list[Finding], reason: str,
) -> FormSubmission:
    """Writes a submission already checked in full (submission_save, imports.submissions_import)."""
    require(can_manage_economy(actor, unit.region.code))
    submission = FormSubmission.objects.filter(round=form_round, unit=unit).first() or FormSubmission(
        round=form_round, unit=unit
    )
    submission.values, submission.explanation = values, explanation
    submission.findings = [f"{finding.field}: {finding.message}" for finding in findings]
    submission.status, submission.returned_comment = SubmissionStatus.SUBMITTED, ""
    submission.submitted_at, submission.submitted_by = timezone.now(), actor
    attribute_change(submission, actor=actor, reason=reason)
    submission.save()
    return submission


@transaction.atomic
def submission_save(
    *, actor: Any, form_round: FormRound, unit: StatisticalUnit, written: Mapping[str, str], explanation: str = "",
    reason: str = "网页填报",
) -> FormSubmission:
    """Checks and saves a unit's submission; any blocking finding refuses it with every message."""
    require(can_manage_economy(actor, unit.region.code))
    if not form_round.units.filter(pk=unit.pk).exists():
        raise ValidationError(f"{unit.name}不在本期报送单位之列。")
    values, findings = submission_findings(form_round, unit, written, explanation,
                                           submission_previous_values(form_round))
    blocking = [f"{finding.field}: {finding.message}" for finding in findings if finding.blocking]
    if blocking:
        raise ValidationError(blocking)
    return submission_write(actor=actor, form_round=form_round, unit=unit, values=values, explanation=explanation,
                             findings=findings, reason=reason)


@transaction.atomic
def submission_return(*, actor: Any, submission: FormSubmission, comment: str) -> FormSubmission:
    """Returns a submitted one for correction; a submission already returned or accepted is refused."""
    require(can_manage_economy(actor, submission.unit.region.code))
    if not comment.strip():
        raise ValidationError("退回时请填写退回意见。")
    updated = FormSubmission.objects.filter(pk=submission.pk, status=SubmissionStatus.SUBMITTED).update(
        status=SubmissionStatus.RETURNED,
        returned_comment=fit_to_field(FormSubmission, "returned_comment", comment.strip()),
    )
    if updated != 1:
        raise ValidationError("该填报已被退回或审核, 请刷新后再操作。")
    submission = FormSubmission.objects.get(pk=submission.pk)
    # update() writes no history row: record the state the row now has.
    attribute_change(submission, actor=actor, reason=f"退回: {comment.strip()}")
    submission.save()
    return submission


# --- industrial clusters (海洋特色产业集聚区) ------------------------------------------------------------


@transaction.atomic
def cluster_save(
    *, actor: Any, name: str, tier: str, region: Region, lead_industry: OceanIndustry | None = None,
    recognised_year: int | None = None, members: Sequence[StatisticalUnit] = (), reason: str = "",
) -> IndustrialCluster:
    """Creates or updates the cluster of that name; members must lie in the cluster's region."""
    require(can_manage_economy(actor, region.code))
    if tier not in ClusterTier.values:
        raise ValidationError(f"未知的集聚区级别“{tier}”。")
    outside = [unit.name for unit in members if not unit.region.code.startswith(region.scope_prefix)]
    if outside:
        raise ValidationError(f"不在{region.name}范围内的成员单位: {'、'.join(outside)}")
    cluster = IndustrialCluster.objects.filter(name=name).first() or IndustrialCluster(name=name)
    cluster.tier, cluster.region, cluster.lead_industry = tier, region, lead_industry
    cluster.recognised_year = recognised_year
    attribute_change(cluster, actor=actor, reason=reason or "登记产业集聚区")
    cluster.save()
    cluster.members.set(members)
    return cluster


@transaction.atomic
def cluster_value_save(
    *, actor: Any, cluster: IndustrialCluster, indicator: IndexIndicator, year: int, value: Decimal
) -> ClusterIndicatorValue:
    require(can_manage_economy(actor, cluster.region.code))
    row = ClusterIndicatorValue.objects.filter(cluster=cluster, indicator=indicator, year=year).first()
    if row is not None and row.value == value:
        return row
    row = row or ClusterIndicatorValue(cluster=cluster, indicator=indicator, year=year)
    row.value = value
    attribute_change(row, actor=actor, reason="录入集聚区评价指标值")
    row.save()
    return row


# --- nowcast (即时预测) -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonthlyEntry:
    """One month of a series, as monthly_values_save takes it."""
    series: str
    year: int
    month: int
    value: Decimal


@transaction.atomic
def monthly_value_save(
    *, actor: Any, region: Region, series: str, year: int, month: int, value: Decimal, source: str = "",
    generated: bool = False, reason: str = "",
) -> MonthlyValue:
    """Saves one month of a series the bureau holds; an equal value writes nothing."""
    [row] = monthly_values_save(actor=actor, region=region, entries=[MonthlyEntry(series, year, month, value)],
                                source=source, generated=generated, reason=reason)
    return row


@transaction.atomic
def monthly_values_save(
    *, actor: Any, region: Region, entries: Sequence[MonthlyEntry], source: str = "", generated: bool = False,
    reason: str = "",
) -> list[MonthlyValue]:
    """Saves months of series the bureau holds for `region`, each as monthly_value_save saves one: every entry
    is checked before any is written, an equal value writes nothing, new months go in at once (bulk, each with
    its history row), changed ones are saved with theirs. Returns each entry's row, in the entries' order."""
    require(can_manage_economy(actor, region.code))
    seen: set[tuple[str, int, int]] = set()
    for entry in entries:
        if entry.series not in MonthlySeriesKind.values:
            raise ValidationError(f"未知的月度指标“{entry.series}”。")
        if not 1 <= entry.month <= 12:
            raise ValidationError(f"月份应为 1–12, 实为 {entry.month}。")
        if entry.value < 0:
            raise ValidationError("月度指标值不能为负数。")
        key = (entry.series, entry.year, entry.month)
        if key in seen:
            raise ValidationError(
                f"月度指标“{MonthlySeriesKind(entry.series).label}” {entry.year}-{entry.month:02d} 重复。")
        seen.add(key)
    existing = {
        (row.series, row.year, row.month): row
        for row in MonthlyValue.objects.filter(region=region, series__in={entry.series for entry in entries},
                                               year__in={entry.year for entry in entries})
    }
    rows, created, changed = [], [], []
    for entry in entries:
        row = existing.get((entry.series, entry.year, entry.month))
        if row is None:
            row = MonthlyValue(region=region, series=entry.series, year=entry.year, month=entry.month)
            created.append(row)
        elif (row.value, row.source, row.generated) != (entry.value, source, generated):
            changed.append(row)
        else:  # equal: nothing to write
            rows.append(row)
            continue
        row.value, row.source, row.generated = entry.value, source, generated
        row.unit = MONTHLY_SERIES_UNITS[MonthlySeriesKind(entry.series)]
        rows.append(row)
    MonthlyValue.objects.bulk_create(created)
    history_bulk_create(created, actor=actor, reason=reason or "录入月度指标")
    for row in changed:
        attribute_change(row, actor=actor, reason=reason or "录入月度指标")
        row.save()
    return rows


def _quarterly_ocean_gdp(region: Region) -> dict[tuple[int, int], Decimal]:
    figures = EconomyFigure.objects.filter(indicator=Indicator.OCEAN_GDP, region=region, industry=None,
                                           quarter__gt=0).order_by("year", "quarter", "-origin")
    result: dict[tuple[int, int], Decimal] = {}
    for figure in figures:  # published sorts first under -origin: it wins
        result.setdefault((figure.year, figure.quarter), figure.value)
    return result


def _monthly_series(region: Region, through: tuple[int, int]) -> list[MonthlySeries]:
    values: dict[str, dict[tuple[int, int], Decimal]] = {}
    for series, year, month, value in MonthlyValue.objects.filter(region=region).values_list(
            "series", "year", "month", "value"):
        if (year, month) <= through:
            values.setdefault(series, {})[(year, month)] = value
    return [
        MonthlySeries(kind.value, kind.label, MONTHLY_SERIES_UNITS[kind], values[kind.value])
        for kind in MonthlySeriesKind if kind.value in values
    ]


@transaction.atomic
def nowcast_run(
    *, actor: Any, region: Region, year: int, quarter: int, data_through: datetime.date | None = None,
    note: str = "",
) -> NowcastRelease:
    """Estimates the region's ocean GDP of `year` Q`quarter` from the monthly series held up to the month of
    `data_through` (default: all) and keeps it as the next vintage, a 草稿, with its revision from the one
    before. Too little data is refused with the reason and nothing is written."""
    require(can_manage_economy(actor, region.code))
    if quarter not in (1, 2, 3, 4):
        raise ValidationError(f"季度应为 1–4, 实为 {quarter}。")
    Region.objects.select_for_update().get(pk=region.pk)  # one vintage number at a time per region
    latest_month = MonthlyValue.objects.filter(region=region).order_by("-year", "-month").first()
    if data_through is None:
        if latest_month is None:
            raise ValidationError("该区划没有月度指标数据, 无法估计。")
        data_through = datetime.date(latest_month.year, latest_month.month, 1)
    through = (data_through.year, data_through.month)
    try:
        result = nowcast_compute(_quarterly_ocean_gdp(region), _monthly_series(region, through), (year, quarter))
    except NowcastError as error:
        raise ValidationError(str(error)) from None
    previous = NowcastRelease.objects.filter(region=region, year=year, quarter=quarter).order_by("-vintage").first()
    month_end = (datetime.date(through[0] + through[1] // 12, through[1] % 12 + 1, 1) - datetime.timedelta(days=1))
    release = NowcastRelease(
        region=region, year=year, quarter=quarter, vintage=previous.vintage + 1 if previous else 1,
        data_through=month_end, estimate=result.estimate, lower=result.lower, upper=result.upper,
        band_level=result.band_level, growth_percent=result.growth_percent,
        revision=result.estimate - previous.estimate if previous else None,
        model={
            "coefficients": [[name, format(value, "f")] for name, value in result.coefficients],
            "r_squared": format(result.r_squared, "f"),
            "quarters_used": result.quarters_used,
            "months_used": dict(result.months_used),
            "base": format(result.base, "f"),
        },
        method=result.method, note=note[:300], created_at=timezone.now(), created_by=actor,
    )
    attribute_change(release, actor=actor, reason=f"生成即时预测第{release.vintage}版")
    release.save()
    return release


@transaction.atomic
def nowcast_move(*, actor: Any, release: NowcastRelease, status: str, note: str = "") -> NowcastRelease:
    """Moves a vintage 草稿 → 与统计部门核对 → 发布 (or back from 核对 to 草稿), on the row as it is now: a move
    from a state the vintage has already left is refused, so nothing unreconciled goes out."""
    require(can_manage_economy(actor, release.region.code))
    locked = NowcastRelease.objects.select_for_update().select_related("region").get(pk=release.pk)
    if (locked.status, status) not in NOWCAST_MOVES:
        raise ValidationError(
            f"第{locked.vintage}版当前为“{locked.get_status_display()}”, 不能改为“{NowcastStatus(status).label}”。"
            if status in NowcastStatus.values else f"未知的状态“{status}”。"
        )
    if status == NowcastStatus.DRAFT and not note.strip():
        raise ValidationError("退回草稿时请写明核对意见。")
    locked.status = status
    if note.strip():
        locked.note = note.strip()[:300]
    attribute_change(locked, actor=actor, reason=f"{NowcastStatus(status).label}" + (f": {note.strip()[:100]}"
                                                                                     if note.strip() else ""))
    locked.save()
    return locked


# --- assignment, review and 催报 of form rounds ------------------------------------------------------------


@transaction.atomic
def form_round_assign(
    *, actor: Any, form_round: FormRound, units: Sequence[StatisticalUnit] = (), districts: Sequence[Region] = (),
    departments: Sequence[Department] = (),
) -> list[FormAssignment]:
    """Assigns the round to units (added to the round), districts (every operating unit of the district is
    added; its offices report them) or departments (they report the round's units of their region). Every
    assignee must lie in the round's region; one outside refuses the whole call and nothing is written."""
    require(can_manage_economy(actor, form_round.region.code))
    prefix = form_round.region.scope_prefix
    outside = [unit.name for unit in units if not unit.region.code.startswith(prefix)]
    outside += [region.name for region in districts if not region.code.startswith(prefix)]
    outside += [department.name for department in departments if not department.region.code.startswith(prefix)]
    if outside:
        raise ValidationError(f"不在{form_round.region.name}范围内: {'、'.join(outside)}")
    if not (units or districts or departments):
        raise ValidationError("请选择要分配的单位、区县或部门。")
    existing = {(a.kind, a.unit_id, a.district_id, a.department_id) for a in form_round.assignments.all()}
    created = []
    added: list[StatisticalUnit] = list(units)
    for region in districts:
        added += list(StatisticalUnit.objects.filter(region__code__startswith=region.scope_prefix,
                                                     status=UnitStatus.OPERATING))
    wanted = [FormAssignment(round=form_round, kind=AssigneeKind.UNIT, unit=unit) for unit in units]
    wanted += [FormAssignment(round=form_round, kind=AssigneeKind.DISTRICT, district=region) for region in districts]
    wanted += [FormAssignment(round=form_round, kind=AssigneeKind.DEPARTMENT, department=department)
               for department in departments]
    for assignment in wanted:
        key = (assignment.kind, assignment.unit_id, assignment.district_id, assignment.department_id)
        if key in existing:
            continue
        existing.add(key)
        attribute_change(assignment, actor=actor, reason=f"分配报表: {assignment.get_kind_display()}")
        assignment.save()
        created.append(assignment)
    if added:
        form_round.units.add(*added)
    return created


def _reporting_departments(form_round: FormRound) -> dict[int, tuple[Department, set[int]]]:
    """Department id → (department, the round's unit ids it reports): the departments of an assigned
    district or of an assigned unit's region, and assigned departments for the units of their region."""
    units = list(form_round.units.select_related("region"))
    covered: dict[int, tuple[Department, set[int]]] = {}

    def cover(department: Department, unit_ids: set[int]) -> None:
        covered.setdefault(department.pk, (department, set()))[1].update(unit_ids)

    for assignment in form_round.assignments.select_related("unit__region", "district", "department__region"):
        if assignment.kind == AssigneeKind.DEPARTMENT:
            prefix = assignment.department.region.scope_prefix
            cover(assignment.department, {u.pk for u in units if u.region.code.startswith(prefix)})
            continue
        region = assignment.district if assignment.kind == AssigneeKind.DISTRICT else assignment.unit.region
        ids = ({u.pk for u in units if u.region.code.startswith(region.scope_prefix)}
               if assignment.kind == AssigneeKind.DISTRICT else {assignment.unit_id})
        for department in Department.objects.filter(region=region, is_active=True):
            cover(department, ids)
    return covered


@transaction.atomic
def form_reminder_send(
    *, actor: Any, form_round: FormRound, kind: str, today: datetime.date | None = None,
) -> list[FormReminderLog]:
    """催报 of a form round through core.reminders: every department reporting units that have not submitted
    is reminded (a site notification to each of its 调度员, e-mail and the configured sender where they have
    an address) with how many units are missing; every attempt is logged. At most one reminder of a kind per
    department, round and day: a department already reminded is skipped."""
    require(can_manage_economy(actor, form_round.region.code))
    if kind not in ReminderKind.values:
        raise ValidationError(f"未知的催报类型“{kind}”。")
    today = today or timezone.localdate()
    # The round's row is the lock: the office and cron cannot both remind the same department today.
    locked = FormRound.objects.select_for_update().select_related("form", "region").get(pk=form_round.pk)
    submitted = set(locked.submissions.values_list("unit_id", flat=True))
    already = set(FormReminderLog.objects.filter(round=locked, kind=kind, day=today).values_list("department_id",
                                                                                                flat=True))
    url = reverse("economy:form_round_detail", args=[locked.pk])
    logs: list[FormReminderLog] = []
    for department, unit_ids in _reporting_departments(locked).values():
        missing = len(unit_ids - submitted)
        if missing == 0 or department.pk in already:
            continue
        title = f"{ReminderKind(kind).label}: {locked.form.name} {locked.period_label}"
        body = (f"{department}负责的统计单位中尚有 {missing} 家未报送“{locked.form.name}”{locked.period_label}, "
                f"报送截止 {locked.due_date:%Y年%-m月%-d日} ({reminder_when(locked.due_date, today)})。请尽快填报。")
        recipients = list(User.objects.filter(department=department, role=Role.DISPATCHER, is_active=True)
                          .order_by("pk"))
        base = {"round": locked, "department": department, "kind": kind, "day": today, "missing": missing,
                "sent_at": timezone.now(), "sent_by": actor}
        logs += [FormReminderLog(**delivery.fields(), **base) for delivery in reminder_deliver(
            recipients=recipients, title=title, body=body, url=url, no_recipient="该部门没有调度员账号")]
    FormReminderLog.objects.bulk_create(logs)
    return logs


def form_reminders_run(*, today: datetime.date | None = None) -> RemindersRun:
    """The scheduled reminders of form rounds (`blueledger remind`): a 截止前提醒 within
    BLUELEDGER_REMIND_DAYS_BEFORE days of the deadline and a 逾期催报 each day after it, for every round with
    units not yet submitted. Running it twice a day sends nothing twice."""
    today = today or timezone.localdate()
    rounds = FormRound.objects.filter(
        due_date__lte=today + datetime.timedelta(days=int(settings.REMIND_DAYS_BEFORE)),
        assignments__isnull=False,
    ).distinct()
    reminded = already = written = 0
    for form_round in rounds:
        kind = ReminderKind.OVERDUE if form_round.due_date < today else ReminderKind.BEFORE_DUE
        before = FormReminderLog.objects.filter(round=form_round, kind=kind, day=today).values("department").distinct()
        already += before.count()
        logs = form_reminder_send(actor=None, form_round=form_round, kind=kind, today=today)
        reminded += len({log.department_id for log in logs})
        written += len(logs)
    return RemindersRun(reminded=reminded, already=already, logs=written)


@transaction.atomic
def submission_accept(*, actor: Any, submission: FormSubmission) -> FormSubmission:
    """审核通过: a submitted one becomes accepted; one already returned or accepted is refused."""
    require(can_manage_economy(actor, submission.unit.region.code))
    updated = FormSubmission.objects.filter(pk=submission.pk, status=SubmissionStatus.SUBMITTED).update(
        status=SubmissionStatus.ACCEPTED)
    if updated != 1:
        raise ValidationError("该填报已被退回或审核, 请刷新后再操作。")
    submission = FormSubmission.objects.get(pk=submission.pk)
    attribute_change(submission, actor=actor, reason="审核通过")
    submission.save()
    return submission
