"""在港率 by home port at a moment of the moratorium, on the generated fleet."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from blueledger.fisheries.generate import fleet, ports, positions
from blueledger.fisheries.tracks.anchorages import load_anchorages
from blueledger.fisheries.tracks.events import PortThresholds, prepared, with_port_state
from blueledger.fisheries.tracks.occupancy import occupancy_by_port, vessel_states


def test_in_port_rate_by_home_port_on_the_first_closure_evening() -> None:
    anchorages = load_anchorages()
    generated = fleet(ports(anchorages))
    frame = positions(generated).filter(pl.col("vessel") != "440000001")
    state = with_port_state(prepared(frame.lazy()).collect(), anchorages, PortThresholds()).collect()
    registry = pl.DataFrame({"vessel": [v.terminal for v in generated], "home_port": [v.home.name for v in generated]})
    at = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)  # 20:00 Beijing, 8 hours into the closure
    states = vessel_states(state, registry, at=at)
    assert states.filter(pl.col("status") != "in_port").select("vessel", "status").rows() == [
        ("DEMO-58003", "at_sea")
    ]
    table = occupancy_by_port(states)
    assert table.rows() == [
        ("日照", 3, 3, 0, 0, 1.0),
        ("烟台", 4, 4, 0, 0, 1.0),
        ("石岛", 8, 7, 1, 0, 0.875),
        ("青岛", 5, 5, 0, 0, 1.0),
    ]
    before = vessel_states(state, registry, at=datetime(2026, 4, 30, 6, 0, tzinfo=UTC))  # its 14-hour silence
    assert before.filter(pl.col("vessel") == "DEMO-30002")["status"].to_list() == ["offline"]
