"""Time and peak memory of every hostile file (blueledger/lib/tests/hostile_files.py) through the Excel
scaffold and the document reader, each in a fresh Python process so that its peak resident memory
(VmHWM, Linux) is the file's own: the growth over the process's peak after imports and reading the file.

    .venv/bin/python benchmarks/hostile_files.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, sys, time
from blueledger.documents.reading import DocumentReadError, read_document
from blueledger.lib import xlsx
from pathlib import Path
data, name, kind = Path(sys.argv[1]).read_bytes(), sys.argv[2], sys.argv[3]
def high_water_kb():
    # VmHWM is this process's own peak; ru_maxrss would carry the parent's peak across fork and exec.
    line = next(l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmHWM:"))
    return int(line.split()[1])
baseline = high_water_kb()
started = time.perf_counter()
outcomes = []
try:
    xlsx.read_rows(xlsx.open_workbook(data, xlsx.XlsxLimits()), "部门单位", max_rows=10_000)
    outcomes.append("xlsx: read")
except xlsx.ImportRejected:
    outcomes.append("xlsx: refused")
try:
    read_document(data, name)
    outcomes.append("document: read")
except DocumentReadError:
    outcomes.append("document: refused")
seconds = time.perf_counter() - started
peak = high_water_kb()
print(json.dumps({"kind": kind, "bytes": len(data), "seconds": seconds,
                  "rss_growth_mb": (peak - baseline) / 1024, "outcomes": outcomes}))
"""


def main() -> None:
    from blueledger.lib.tests.hostile_files import corpus

    files = corpus()
    count = len(files)
    worst_seconds = worst_rss = 0.0
    print(f"{'file':58} {'size':>9} {'seconds':>8} {'RSS+ MB':>8}  outcome")
    folder = Path(tempfile.mkdtemp())
    for index, file in enumerate(files):
        path = folder / f"{index}.bin"
        path.write_bytes(file.data)
        output = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), file.filename, file.kind], capture_output=True, text=True,
            check=True,
        )
        row = json.loads(output.stdout.strip().splitlines()[-1])
        worst_seconds, worst_rss = max(worst_seconds, row["seconds"]), max(worst_rss, row["rss_growth_mb"])
        print(f"{row['kind'][:58]:58} {row['bytes']:>9,} {row['seconds']:>8.2f} {row['rss_growth_mb']:>8.1f}  "
              + ", ".join(row["outcomes"]))
    print(f"{count} files; slowest {worst_seconds:.2f} s; largest peak RSS growth {worst_rss:.1f} MB")


if __name__ == "__main__":
    main()
