"""python -m blueledger.ledgers.extraction FILE — print the blueledger.extract/1 JSON of one text file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from blueledger.ledgers.extraction import extract


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m blueledger.ledgers.extraction FILE", file=sys.stderr)
        return 2
    path = Path(argv[0])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    ledger = extract(text, source=path.name)
    print(json.dumps(ledger.to_schema(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
