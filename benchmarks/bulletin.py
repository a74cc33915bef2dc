"""Render time of a province-scale bulletin: 200 tasks, 60 departments, 12 rounds of trend.

    .venv/bin/python benchmarks/bulletin.py [--out FILE.docx]

The data goes through the real engines (assess_target, roll_up, order_for_attention, score_unit,
rank_units) before `render_bulletin`; the figure is the median of 5 renders, after one warm-up render
that loads matplotlib's font cache. The issue's goal is under 3 s.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from blueledger.dispatch.bulletin import (
    BulletinData,
    ChartSeries,
    KeyFigure,
    LaggingRow,
    RankingRow,
    SectionProgress,
    TargetRow,
    TrendSeries,
    render_bulletin,
)
from blueledger.dispatch.progress import (
    BEHIND_STATUSES,
    Assessment,
    Reading,
    Status,
    TargetSpec,
    assess_target,
    describe_target,
    order_for_attention,
    roll_up,
)
from blueledger.dispatch.ranking import HardnessWeights, TargetResult, rank_units, score_unit

TASKS = 200
DEPARTMENTS = 60
ROUNDS = 12
SECTIONS = 8
REPEATS = 5
AS_OF = datetime.date(2025, 10, 31)
YEAR_START = datetime.date(2025, 1, 1)
WEIGHTS = HardnessWeights(binding=Decimal(3), strive=Decimal(2), try_=Decimal(1), none=Decimal(1))


def actual_text(assessment: Assessment) -> str:
    return "未报送" if assessment.actual is None else f"{assessment.actual}{assessment.spec.unit}"


def build_data(seed: int = 2025) -> BulletinData:
    """A bulletin of TASKS targets over DEPARTMENTS lead departments, computed by the engines."""
    chooser = random.Random(seed)
    departments = [f"市第{n:02d}局" for n in range(1, DEPARTMENTS + 1)]
    sections = [f"第{n}部分重点任务" for n in range(1, SECTIONS + 1)]
    rows: list[tuple[str, str, str, str, Assessment]] = []
    for n in range(TASKS):
        value = Decimal(chooser.randint(5, 120))
        spec = TargetSpec(
            value=value, value_max=None, unit="个", op=chooser.choice([">=", "=", ">="]),
            hardness=chooser.choice(["确保", "力争", None]), deadline=datetime.date(2025, 12, 31),
            period_start=YEAR_START,
        )
        done = (value * Decimal(chooser.randint(30, 120)) / 100).quantize(Decimal(1))
        reading = Reading(done, "个", AS_OF) if chooser.random() > 0.05 else None
        assessment = assess_target(
            spec, reading, as_of=AS_OF, tolerance_share=Decimal("0.05"), severe_lag_points=Decimal(20)
        )
        rows.append((f"t{n:03d}", sections[n % SECTIONS], departments[n % DEPARTMENTS], f"重点任务{n + 1}", assessment))

    by_section = roll_up({s: [a for _, sec, _, _, a in rows if sec == s] for s in sections})
    results: dict[str, list[TargetResult]] = defaultdict(list)
    for target_id, _, department, _, assessment in rows:
        results[department].append(TargetResult(target_id, assessment, (f"report-{target_id}",)))
    scores = [score_unit(department, results[department], WEIGHTS) for department in departments]
    previous = {department: chooser.randint(1, DEPARTMENTS) for department in departments}
    ranked = rank_units(scores, previous)
    by_department = roll_up({d: [r.assessment for r in results[d]] for d in departments})

    departments_by_completion = sorted(departments, key=lambda d: -(by_department[d].mean_completion or 0))
    behind = [a for a in order_for_attention(a for *_, a in rows) if a.status in BEHIND_STATUSES]
    detail = {id(a): (task, department) for _, _, department, task, a in rows}
    elapsed = rows[0][4].elapsed_share
    return BulletinData(
        title="全市海洋发展重点任务调度通报",
        issuer="市海洋发展局",
        round_label="2025年第10期（10月）",
        issued_on=datetime.date(2025, 11, 5),
        overview_paragraphs=(
            f"截至10月底，全市{TASKS}项重点任务目标中，已完成"
            f"{sum(1 for *_, a in rows if a.status is Status.COMPLETED)}项，滞后{len(behind)}项。",
        ),
        key_figures=(KeyFigure("目标总数", f"{TASKS}项"), KeyFigure("序时进度", f"{elapsed * 100:.1f}%")),
        sections=tuple(
            SectionProgress(
                title=section,
                paragraphs=(f"本部分共{by_section[section].total}项目标。",),
                targets=tuple(
                    TargetRow(task, describe_target(a.spec), actual_text(a), a.completion, a.status.value, department)
                    for _, sec, department, task, a in rows if sec == section
                ),
            )
            for section in sections
        ),
        lagging=tuple(
            LaggingRow(detail[id(a)][0], describe_target(a.spec), detail[id(a)][1], a.status.value, a.explanation)
            for a in behind
        ),
        ranking_paragraphs=("按各单位自身目标完成情况计分，确保类目标权重3，力争类2，其余1。",),
        ranking=tuple(RankingRow(r.rank, r.unit_key, r.score, r.change) for r in ranked),
        completion_by_section=ChartSeries(
            "各部分目标平均完成率", tuple(sections),
            tuple(by_section[s].mean_completion or Decimal(0) for s in sections), reference=elapsed,
        ),
        completion_by_department=ChartSeries(
            "各单位目标平均完成率", tuple(departments_by_completion),
            tuple(by_department[d].mean_completion or Decimal(0) for d in departments_by_completion),
            reference=elapsed,
        ),
        trend=TrendSeries(
            "各期平均完成率", tuple(f"{m}月" for m in range(1, ROUNDS + 1)),
            tuple(Decimal(m) / Decimal(ROUNDS + 2) for m in range(1, ROUNDS + 1)),
            tuple(Decimal(m) / Decimal(12) for m in range(1, ROUNDS + 1)),
        ),
        recipients="各区（市）海洋发展局，市直有关部门",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="also write the rendered .docx here")
    arguments = parser.parse_args()

    started = time.perf_counter()
    data = build_data()
    build_seconds = time.perf_counter() - started
    document = render_bulletin(data)  # warm-up: matplotlib's font cache and imports
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        document = render_bulletin(data)
        timings.append(time.perf_counter() - started)
    if arguments.out:
        arguments.out.write_bytes(document)
    print(f"bulletin: {TASKS} tasks, {DEPARTMENTS} departments, {ROUNDS} rounds, {len(data.lagging)} lagging rows")
    print(f"engines (assess, roll up, score, rank): {build_seconds:.3f} s")
    print(f"render_bulletin median of {REPEATS}: {statistics.median(timings):.3f} s "
          f"(min {min(timings):.3f}, max {max(timings):.3f}); {len(document) / 1024:.0f} KiB .docx; goal < 3 s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
