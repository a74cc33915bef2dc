"""The organisations part of `blueledger demo`: the departments the seed documents name."""

from collections.abc import Callable

from blueledger.orgs.services import departments_load_file

DEMO_ORDER = 10


def demo_load(*, write: Callable[[str], None], province_scale: float | None) -> None:
    write(f"部门单位: 新建 {departments_load_file(actor=None)}")
