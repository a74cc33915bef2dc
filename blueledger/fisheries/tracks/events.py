"""Events from cleaned tracks, all vectorised in polars: port visits (entry/exit hysteresis around anchorages),
gaps, moratorium breaches, 依港管船 (laid up away from the designated home port), foreign vessels in the bureau's
waters, and identity clashes found by cleaning. Every event carries the rule and its thresholds in `detail`."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime

import numpy as np
import polars as pl
import shapely

from blueledger.fisheries.tracks.anchorages import nearest_anchorage
from blueledger.fisheries.tracks.cleaning import CLASH_SCHEMA
from blueledger.fisheries.tracks.geodesy import KM_PER_NAUTICAL_MILE, haversine_km
from blueledger.fisheries.tracks.ports import PortPolygons, nearest_polygon
from blueledger.fisheries.tracks.positions import TIME
from blueledger.fisheries.tracks.rules import ClosureRule, DisablingRule, RuleSet
from blueledger.fisheries.tracks.shore import Shore, default_shore, shore_distance_km

EVENT_KINDS = (
    "port_visit",
    "gap",
    "encounter",
    "loitering",
    "moratorium_breach",
    "home_port",
    "foreign",
    "identity_clash",
)

EVENT_SCHEMA: dict[str, pl.DataType] = {
    "kind": pl.String(),
    "vessel": pl.String(),
    "start": TIME,
    "end": TIME,
    "lat": pl.Float64(),
    "lon": pl.Float64(),
    "rule": pl.String(),
    "detail": pl.String(),
}

VESSEL_SCHEMA: dict[str, pl.DataType] = {
    "vessel": pl.String(),
    "name": pl.String(),
    "gear": pl.String(),
    "province": pl.String(),
    "home_port": pl.String(),
}

PERMIT_SCHEMA: dict[str, pl.DataType] = {"vessel": pl.String(), "start": TIME, "end": TIME}


@dataclass(frozen=True)
class PortThresholds:
    """GFW's published port-visit rule (domain-facts §10)."""

    entry_distance_km: float = 3.0
    exit_distance_km: float = 4.0
    stop_speed_knots: float = 0.2
    port_gap_hours: float = 4.0


@dataclass(frozen=True)
class GapThresholds:
    gap_min_hours: float = 12.0


@dataclass(frozen=True)
class Thresholds:
    port: PortThresholds = field(default_factory=PortThresholds)
    gap: GapThresholds = field(default_factory=GapThresholds)


def _detail(*fields: pl.Expr, constants: dict[str, object]) -> pl.Expr:
    """A JSON object: the per-event fields, then the rule's thresholds (constant per event kind)."""
    encoded = pl.struct(*fields).struct.json_encode()
    suffix = json.dumps(constants, ensure_ascii=False, separators=(",", ":"))[1:]
    if suffix == "}":
        return encoded
    return encoded.str.strip_suffix("}") + pl.lit(",") + pl.lit(suffix)


def _event_frame(frame: pl.LazyFrame) -> pl.LazyFrame:
    return frame.select(*(pl.col(c).cast(t) for c, t in EVENT_SCHEMA.items()))


def with_port_state(
    positions: pl.DataFrame,
    anchorages: pl.DataFrame,
    thresholds: PortThresholds,
    *,
    port_polygons: PortPolygons | None = None,
) -> pl.LazyFrame:
    """positions + anchorage_km, anchorage_index, in_port (in within entry_distance_km, out beyond exit_distance_km).
    With port polygons, the distance is to the nearest anchorage point or polygon (0 inside one); a polygon's index
    follows the anchorages' (anchorages.height + its number), as `port_labels` lists them."""
    km = pl.col("anchorage_km")
    raw_state = (
        pl.when(km <= thresholds.entry_distance_km)
        .then(pl.lit(True))
        .when(km.is_null() | (km > thresholds.exit_distance_km))
        .then(pl.lit(False))
        .otherwise(pl.lit(None, pl.Boolean))
    )
    near = nearest_anchorage(positions, anchorages, within_km=thresholds.exit_distance_km)
    if port_polygons is not None and port_polygons.polygons:
        polygon = nearest_polygon(positions, port_polygons, within_km=thresholds.exit_distance_km)
        closer = pl.col("polygon_km").is_not_null() & ~(pl.col("anchorage_km") < pl.col("polygon_km")).fill_null(False)
        near = pl.concat([near, polygon], how="horizontal").select(
            pl.when(closer).then(pl.col("polygon_km")).otherwise(pl.col("anchorage_km")).alias("anchorage_km"),
            pl.when(closer)
            .then(pl.col("polygon_index") + anchorages.height)
            .otherwise(pl.col("anchorage_index"))
            .cast(pl.Int32)
            .alias("anchorage_index"),
        )
    return (
        positions.hstack(near.get_columns())
        .lazy()
        .with_columns(
            pl.when(pl.col("_new"))
            .then(raw_state.fill_null(False))
            .otherwise(raw_state)
            .forward_fill()
            .alias("in_port")
        )
    )


def _previous(column: str) -> pl.Expr:
    """The vessel's previous value (null on its first position); rows are sorted by vessel and time."""
    return pl.when(pl.col("_new")).then(None).otherwise(pl.col(column).shift(1))


def prepared(positions: pl.LazyFrame) -> pl.LazyFrame:
    """Sorted by vessel and time (sorting only when needed) with `_new` marking each vessel's first position."""
    return positions.with_columns((pl.col("vessel") != pl.col("vessel").shift(1)).fill_null(True).alias("_new"))


def port_labels(anchorages: pl.DataFrame, port_polygons: PortPolygons | None = None) -> pl.Series:
    """The name of each anchorage_index: anchorage labels, then the bureau's polygon names."""
    names = list(port_polygons.names) if port_polygons is not None else []
    return pl.concat([anchorages["label"], pl.Series("label", names, dtype=pl.String)])


def port_visits(
    state: pl.LazyFrame,
    anchorages: pl.DataFrame,
    thresholds: PortThresholds,
    *,
    port_polygons: PortPolygons | None = None,
) -> pl.LazyFrame:
    """A run of in-port positions is a visit when the vessel stopped (≤ stop_speed_knots) or fell silent in port
    for port_gap_hours."""
    labels = port_labels(anchorages, port_polygons)
    # Runs are numbered in row order, so the key is sorted: polars then groups by contiguous slices, not a hash.
    starts = ((pl.col("in_port") != pl.col("in_port").shift(1)) | pl.col("_new")).fill_null(True)
    run = pl.col("_run")
    visits = (
        state.select(
            starts.cum_sum().alias("_run"), "in_port", "vessel", "time", "lat", "lon", "anchorage_index",
            "anchorage_km", "speed_knots",
        )
        .filter(pl.col("in_port"))
        # Silences inside the visit only (the first position's silence began outside it); the in-port rows of a run
        # stay contiguous after the filter, so the previous row is the previous position.
        .with_columns(
            run.set_sorted(),
            pl.when(run != run.shift(1))
            .then(0.0)
            .otherwise((pl.col("time") - pl.col("time").shift(1)).dt.total_seconds() / 3600)
            .fill_null(0.0)
            .alias("_gap_hours"),
        )
        .group_by("_run")
        .agg(
            pl.col("vessel").first(),
            pl.col("time").first().alias("start"),
            pl.col("time").last().alias("end"),
            pl.col("lat").mean(),
            pl.col("lon").mean(),
            pl.col("anchorage_index").get(pl.col("anchorage_km").arg_min()),
            pl.len().alias("positions"),
            (pl.col("speed_knots") <= thresholds.stop_speed_knots).any().alias("stopped"),
            pl.col("_gap_hours").max().alias("max_gap_hours"),
        )
        .filter(pl.col("stopped") | (pl.col("max_gap_hours") >= thresholds.port_gap_hours))
        .with_columns(
            pl.col("anchorage_index")
            .replace_strict(
                pl.int_range(labels.len(), eager=True), labels, return_dtype=pl.String
            )
            .alias("anchorage")
        )
    )
    return visits.select(
        pl.lit("port_visit").alias("kind"),
        "vessel",
        "start",
        "end",
        "lat",
        "lon",
        pl.lit("port_visit").alias("rule"),
        _detail(
            pl.col("anchorage").alias("port"),
            pl.col("positions"),
            pl.col("stopped"),
            pl.col("max_gap_hours").round(2),
            constants=asdict(thresholds),
        ).alias("detail"),
    )


def gaps(
    state: pl.DataFrame | pl.LazyFrame,
    thresholds: GapThresholds,
    disabling: DisablingRule | None = None,
    shore: Shore | None = None,
) -> pl.LazyFrame:
    """Silence of at least gap_min_hours between two positions of one vessel. With a disabling rule, each gap says
    whether it is a suspected disabling (rule `suspected_disabling`, else `gap`), with the measured values beside
    the thresholds: shore distance of the last position before the silence, and the vessel's positions in the
    positions_before_hours up to it."""
    previous = {c: _previous(c) for c in ("time", "lat", "lon", "in_port")}
    hours = (pl.col("time") - previous["time"]).dt.total_seconds(fractional=True) / 3600
    found = (
        state.lazy()
        .with_row_index("_row")
        .with_columns(
            hours.alias("_hours"),
            previous["time"].alias("_t0"),
            previous["lat"].alias("_lat0"),
            previous["lon"].alias("_lon0"),
            previous["in_port"].alias("_port0"),
        )
        .filter(pl.col("_hours") >= thresholds.gap_min_hours)
        .with_columns(haversine_km(pl.col("_lat0"), pl.col("_lon0"), pl.col("lat"), pl.col("lon")).alias("_km"))
    )
    fields = [
        pl.col("_hours").round(2).alias("hours"),
        pl.col("_km").round(2).alias("distance_km"),
        pl.col("_port0").alias("began_in_port"),
    ]
    constants: dict[str, object] = dict(asdict(thresholds))
    rule = pl.lit("gap")
    if disabling is not None:
        frame = state if isinstance(state, pl.DataFrame) else state.collect()
        candidates = found.with_columns(pl.col("_row").cast(pl.Int64) - 1).collect()
        found = _with_disabling(candidates, frame, disabling, shore or default_shore()).lazy()
        fields += [
            pl.col("_suspected").alias("suspected_disabling"),
            pl.col("_shore_nm").round(1).alias("shore_distance_nm"),
            pl.col("_before").alias("positions_before"),
        ]
        constants["suspected_disabling_rule"] = {k: v for k, v in asdict(disabling).items() if k != "source"}
        rule = pl.when(pl.col("_suspected").fill_null(False)).then(pl.lit("suspected_disabling")).otherwise(rule)
    return found.select(
        pl.lit("gap").alias("kind"),
        "vessel",
        pl.col("_t0").alias("start"),
        pl.col("time").alias("end"),
        pl.col("_lat0").alias("lat"),
        pl.col("_lon0").alias("lon"),
        rule.alias("rule"),
        _detail(*fields, constants=constants).alias("detail"),
    )


def _with_disabling(candidates: pl.DataFrame, state: pl.DataFrame, rule: DisablingRule, shore: Shore) -> pl.DataFrame:
    """`_shore_nm` (null where the shore data cannot say), `_before` and `_suspected` (null when the shore distance
    is unknown and the other conditions hold) for the gaps in `candidates`, whose `_row` is the row in `state` of
    the last position before the silence."""
    if candidates.is_empty():
        return candidates.with_columns(
            pl.lit(None, pl.Float64).alias("_shore_nm"),
            pl.lit(0, pl.Int64).alias("_before"),
            pl.lit(None, pl.Boolean).alias("_suspected"),
        )
    rows = candidates["_row"].to_numpy()
    times = state["time"].dt.epoch("us").to_numpy()
    firsts = np.flatnonzero(state["_new"].to_numpy())
    window_us = int(rule.positions_before_hours * 3_600_000_000)
    before = np.empty(len(rows), dtype=np.int64)
    # One binary search per gap (gaps are few), inside the vessel's own rows, which are sorted by time.
    for k, row in enumerate(rows):
        first = int(firsts[np.searchsorted(firsts, row, side="right") - 1])
        before[k] = row - (first + int(np.searchsorted(times[first : row + 1], times[row] - window_us))) + 1
    shore_km = shore_distance_km(shore, candidates["_lat0"].to_numpy(), candidates["_lon0"].to_numpy())
    far = pl.col("_shore_nm") > rule.shore_distance_min_nm
    return candidates.with_columns(
        pl.Series("_shore_nm", shore_km / KM_PER_NAUTICAL_MILE, nan_to_null=True),
        pl.Series("_before", before),
    ).with_columns(
        pl.when(
            (pl.col("_hours") >= rule.gap_min_hours) & (pl.col("_before") >= rule.positions_before_min)
        )
        .then(far)
        .otherwise(pl.lit(False))
        .alias("_suspected")
    )


def _years(positions: pl.DataFrame | pl.LazyFrame, timezone: str) -> list[int]:
    frame = positions.lazy().select(pl.col("time").dt.convert_time_zone(timezone).dt.year().unique()).collect()
    return sorted(int(y) for y in frame.to_series().drop_nulls().to_list())


def _selector(rule: ClosureRule) -> pl.Expr:
    gear = pl.col("gear")
    selector = pl.col("lat").is_between(rule.lat_min, rule.lat_max, closed="left") & pl.col("lon").is_between(
        rule.lon_min, rule.lon_max
    )
    if rule.gear_only:
        selector &= gear.is_in(list(rule.gear_only))
    else:
        # Vessels with no known gear (AIS targets of any kind) are not judged; only 钓具 and the like are exempt.
        selector &= gear.is_not_null() & ~gear.is_in(list(rule.gear_exempt))
    if rule.province:
        selector &= pl.col("province").fill_null("") == rule.province
    return selector


def _in_window(rule: ClosureRule, years: list[int], timezone: str) -> pl.Expr:
    inside = pl.lit(False)
    for year in years:
        start, end = rule.window(year, timezone)
        inside |= (pl.col("time") >= start) & (pl.col("time") < end)
    return inside


def moratorium_breaches(
    state: pl.LazyFrame, rules: RuleSet, *, years: list[int], permits: pl.DataFrame | None = None
) -> pl.LazyFrame:
    """Moving out of port inside a closure that applies to the vessel's area, gear and province; a 专项捕捞 permit
    covering the time exempts where the rule allows it; a rule overridden for the vessel (山东定置) does not apply."""
    # One range check per year spans every rule's window (the rules check their own on the few rows left).
    any_window = pl.lit(False)
    for year in years:
        windows = [rule.window(year, rules.timezone) for rule in rules.rules]
        if windows:
            first, last = min(w[0] for w in windows), max(w[1] for w in windows)
            any_window |= (pl.col("time") >= first) & (pl.col("time") < last)
    # Only moving, out-of-port positions of a known gear inside some closure can breach; the rules run on those.
    frame = state.filter(
        (pl.col("speed_knots") >= rules.moving_min_speed_knots) & ~pl.col("in_port") & pl.col("gear").is_not_null()
        & any_window
    ).with_columns(pl.lit(True).alias("_moving"))
    if permits is not None and permits.height:
        covered = (
            frame.select("vessel", "time")
            .unique()
            .join(permits.lazy(), on="vessel", how="inner")
            .filter((pl.col("time") >= pl.col("start")) & (pl.col("time") < pl.col("end")))
            .select("vessel", "time", pl.lit(True).alias("_permit"))
            .unique()
        )
        frame = frame.join(covered, on=["vessel", "time"], how="left").with_columns(pl.col("_permit").fill_null(False))
    else:
        frame = frame.with_columns(pl.lit(False).alias("_permit"))
    overridden: dict[str, pl.Expr] = {}
    for rule in rules.rules:
        for target in rule.overrides:
            overridden[target] = overridden.get(target, pl.lit(False)) | _selector(rule)
    rule_id: pl.Expr = pl.lit(None, pl.String)
    for rule in reversed(rules.rules):
        applies = _selector(rule) & _in_window(rule, years, rules.timezone) & pl.col("_moving")
        if rule.permits_allowed:
            applies &= ~pl.col("_permit")
        if rule.id in overridden:
            applies &= ~overridden[rule.id]
        rule_id = pl.when(applies).then(pl.lit(rule.id)).otherwise(rule_id)
    split = pl.duration(seconds=int(rules.breach_split_hours * 3600))
    breaches = (
        frame.with_columns(rule_id.alias("_rule"))
        .filter(pl.col("_rule").is_not_null())
        .with_columns(
            (
                (pl.col("vessel") != pl.col("vessel").shift(1))
                | (pl.col("_rule") != pl.col("_rule").shift(1))
                | ((pl.col("time") - pl.col("time").shift(1)) > split)
            )
            .fill_null(True)
            .cum_sum()
            .alias("_event")
        )
        .group_by("_event")
        .agg(
            pl.col("vessel").first(),
            pl.col("_rule").first(),
            pl.col("time").min().alias("start"),
            pl.col("time").max().alias("end"),
            pl.col("lat").first(),
            pl.col("lon").first(),
            pl.col("gear").first(),
            pl.len().alias("positions"),
            pl.col("speed_knots").max().alias("max_speed_knots"),
        )
    )
    labels = {r.id: r.label for r in rules.rules}
    return breaches.select(
        pl.lit("moratorium_breach").alias("kind"),
        "vessel",
        "start",
        "end",
        "lat",
        "lon",
        pl.col("_rule").alias("rule"),
        _detail(
            pl.col("_rule").replace_strict(labels, return_dtype=pl.String).alias("label"),
            pl.col("gear"),
            pl.col("positions"),
            pl.col("max_speed_knots"),
            constants={
                "rules": rules.id,
                "moving_min_speed_knots": rules.moving_min_speed_knots,
                "breach_split_hours": rules.breach_split_hours,
            },
        ).alias("detail"),
    )


def home_port_events(visits: pl.LazyFrame, vessels: pl.DataFrame, rules: RuleSet, *, years: list[int]) -> pl.LazyFrame:
    """依港管船: a visit during a closure at a port other than the vessel's designated home port."""
    during = pl.lit(False)
    for rule in rules.rules:
        for year in years:
            start, end = rule.window(year, rules.timezone)
            during |= (
                pl.col("lat").is_between(rule.lat_min, rule.lat_max, closed="left")
                & (pl.col("start") < end)
                & (pl.col("end") >= start)
            )
    port = pl.col("detail").str.json_path_match("$.port")
    found = (
        visits.join(vessels.lazy().select("vessel", "home_port"), on="vessel", how="inner")
        .filter(pl.col("home_port").is_not_null() & during)
        .with_columns(port.alias("_port"))
        .filter(pl.col("_port").str.to_uppercase() != pl.col("home_port").str.to_uppercase())
    )
    return found.select(
        pl.lit("home_port").alias("kind"),
        "vessel",
        "start",
        "end",
        "lat",
        "lon",
        pl.lit("依港管船").alias("rule"),
        _detail(pl.col("_port").alias("port"), pl.col("home_port"), constants={"rules": rules.id}).alias("detail"),
    )


def foreign_vessels(state: pl.LazyFrame, rules: RuleSet) -> pl.LazyFrame:
    """An MMSI whose country code (MID) is not domestic, inside the bureau's waters; one event a vessel and day."""
    if rules.waters is None:
        return pl.LazyFrame(schema=EVENT_SCHEMA)
    mmsi = pl.col("vessel").str.split("#").list.first()
    candidates = state.filter(
        (mmsi.str.len_chars() == 9) & mmsi.str.contains(r"^\d{9}$") & ~mmsi.str.slice(0, 3).is_in(
            list(rules.domestic_mids)
        )
    ).collect()
    if candidates.is_empty():
        return pl.LazyFrame(schema=EVENT_SCHEMA)
    polygon = shapely.Polygon(rules.waters.polygon)
    inside = shapely.contains_xy(polygon, candidates["lon"].to_numpy(), candidates["lat"].to_numpy())
    found = candidates.filter(pl.Series(np.asarray(inside, dtype=bool)))
    day = pl.col("time").dt.convert_time_zone(rules.timezone).dt.date()
    return (
        found.lazy()
        .group_by("vessel", day.alias("_day"))
        .agg(
            pl.col("time").min().alias("start"),
            pl.col("time").max().alias("end"),
            pl.col("lat").first(),
            pl.col("lon").first(),
            pl.len().alias("positions"),
        )
        .select(
            pl.lit("foreign").alias("kind"),
            "vessel",
            "start",
            "end",
            "lat",
            "lon",
            pl.lit("foreign_vessel").alias("rule"),
            _detail(
                pl.col("vessel").str.slice(0, 3).alias("mid"),
                pl.col("positions"),
                constants={"waters": rules.waters.id, "domestic_mids": list(rules.domestic_mids)},
            ).alias("detail"),
        )
    )


def clash_events(clashes: pl.DataFrame) -> pl.LazyFrame:
    return (
        clashes.lazy()
        .cast(CLASH_SCHEMA)  # type: ignore[arg-type]
        .select(
            pl.lit("identity_clash").alias("kind"),
            pl.col("track").alias("vessel"),
            "start",
            "end",
            "lat",
            "lon",
            pl.lit("identity_clash").alias("rule"),
            _detail(pl.col("vessel").alias("mmsi"), pl.col("other_track"), pl.col("positions"), constants={}).alias(
                "detail"
            ),
        )
    )


@dataclass
class Detection:
    events: pl.DataFrame
    seconds: dict[str, float]


def with_registry(positions: pl.LazyFrame, vessels: pl.DataFrame | None) -> pl.LazyFrame:
    """Gear and province from the registry where it knows the vessel (a split track `<id>#2` is not the vessel)."""
    if vessels is None or vessels.is_empty():
        return positions.with_columns(pl.lit(None, pl.String).alias("province"))
    registry = vessels.lazy().select(
        "vessel", pl.col("gear").alias("_reg_gear"), "province"
    )
    return (
        positions.join(registry, on="vessel", how="left")
        .with_columns(pl.coalesce("_reg_gear", "gear").alias("gear"))
        .drop("_reg_gear")
    )


def detect(
    positions: pl.DataFrame,
    *,
    anchorages: pl.DataFrame,
    rules: RuleSet,
    clashes: pl.DataFrame | None = None,
    vessels: pl.DataFrame | None = None,
    permits: pl.DataFrame | None = None,
    years: list[int] | None = None,
    thresholds: Thresholds | None = None,
    kinds: tuple[str, ...] = EVENT_KINDS,
    shore: Shore | None = None,
    port_polygons: PortPolygons | None = None,
) -> Detection:
    """All events of cleaned positions, sorted by vessel, start and kind."""
    import time

    thresholds = thresholds or Thresholds()
    seconds: dict[str, float] = {}
    began = time.perf_counter()
    years = years or _years(positions, rules.timezone)
    if not positions["vessel"].is_sorted():  # clean() returns vessel- then time-sorted positions
        positions = positions.sort("vessel", "time")
    base = prepared(with_registry(positions.lazy(), vessels)).collect()
    state_frame = with_port_state(base, anchorages, thresholds.port, port_polygons=port_polygons).collect()
    state = state_frame.lazy()
    seconds["port_state"] = time.perf_counter() - began
    parts: list[pl.LazyFrame] = []
    visits = port_visits(state, anchorages, thresholds.port, port_polygons=port_polygons)
    if "port_visit" in kinds or "home_port" in kinds:
        visits = visits.collect().lazy()
        if "port_visit" in kinds:
            parts.append(visits)
    if "gap" in kinds:
        parts.append(gaps(state_frame, thresholds.gap, rules.disabling, shore))
    if "moratorium_breach" in kinds:
        parts.append(moratorium_breaches(state, rules, years=years, permits=permits))
    if "home_port" in kinds and vessels is not None and vessels.height:
        parts.append(home_port_events(visits, vessels, rules, years=years))
    if "foreign" in kinds:
        parts.append(foreign_vessels(state, rules))
    if "encounter" in kinds:
        from blueledger.fisheries.tracks.encounters import encounters

        parts.append(encounters(positions, anchorages).lazy())
    if "loitering" in kinds:
        from blueledger.fisheries.tracks.encounters import loitering

        parts.append(loitering(positions).lazy())
    if "identity_clash" in kinds and clashes is not None:
        parts.append(clash_events(clashes))
    events = (
        pl.concat(pl.collect_all([_event_frame(p) for p in parts])).sort("vessel", "start", "kind")
        if parts
        else pl.DataFrame(schema=EVENT_SCHEMA)
    )
    seconds["events"] = time.perf_counter() - began - seconds["port_state"]
    seconds["total"] = time.perf_counter() - began
    return Detection(events=events, seconds=seconds)


def events_as_dicts(events: pl.DataFrame) -> list[dict[str, object]]:
    """JSON-ready events: times in ISO 8601 UTC, detail as an object."""
    out: list[dict[str, object]] = []
    for row in events.iter_rows(named=True):
        start: datetime = row["start"]
        end: datetime = row["end"]
        out.append(
            {
                "kind": row["kind"],
                "vessel": row["vessel"],
                "start": start.isoformat().replace("+00:00", "Z"),
                "end": end.isoformat().replace("+00:00", "Z"),
                "lat": round(float(row["lat"]), 6),
                "lon": round(float(row["lon"]), 6),
                "rule": row["rule"],
                "detail": json.loads(row["detail"]),
            }
        )
    return out
