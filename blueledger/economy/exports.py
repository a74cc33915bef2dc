"""The unit directory as Excel, in the import's columns, so an export edited and uploaded again round-trips."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO

from openpyxl import Workbook

from blueledger.economy.imports import UNIT_COLUMNS, submission_headers
from blueledger.economy.models import FormRound, StatisticalUnit
from blueledger.lib.numbers import plain_decimal
from blueledger.lib.xlsx import append_row


def units_workbook(units: Iterable[StatisticalUnit]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("统计单位名录")
    sheet.append([header for _, header, _ in UNIT_COLUMNS])
    for unit in units:
        share = "" if unit.sea_share is None else f"{plain_decimal(unit.sea_share * 100)}%"
        append_row(sheet, [
            unit.uscc, unit.name, unit.region.code, unit.industry_4754,
            unit.ocean_industry.name if unit.ocean_industry else "", share,
            unit.get_size_class_display(), unit.get_status_display(), unit.get_source_display(),
        ])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def submission_template(form_round: FormRound) -> bytes:
    """The round's Excel template, filled once with what the platform knows: every assigned unit with its
    code, name and period, and the values it has already submitted."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(form_round.form.name[:31])
    sheet.append(submission_headers(form_round.form))
    submitted = {s.unit_id: s for s in form_round.submissions.all()}
    for unit in form_round.units.order_by("uscc"):
        submission = submitted.get(unit.pk)
        values = submission.values if submission else {}
        append_row(sheet, [
            unit.uscc, unit.name, form_round.period_code,
            *(values.get(field["key"], "") for field in form_round.form.fields),
            submission.explanation if submission else "",
        ])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
