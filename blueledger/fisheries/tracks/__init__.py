"""Track engine (Django-free): position readers, cleaning, and the events a fisheries bureau acts on.

Everything here takes and returns polars frames or dataclasses; no Django, no app imports. Thresholds carry their
unit in the name (`entry_distance_km`, `stop_speed_knots`, `gap_min_hours`)."""
