"""List pages on an existing database (e.g. the province-scale demo): median and p95 per page, and the
number of SQL queries, for a province-wide administrator. Goal: every list page under 150 ms.

    BLUELEDGER_DATA_DIR=/tmp/prov .venv/bin/blueledger migrate
    BLUELEDGER_DATA_DIR=/tmp/prov .venv/bin/blueledger demo --scale province --scale-factor 0.1
    BLUELEDGER_DATA_DIR=/tmp/prov .venv/bin/python benchmarks/list_pages.py [--requests 20] [--user admin]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from page_timing import page_times_ms

ROOT = Path(__file__).resolve().parent.parent
LIST_PAGES = ("/ledgers/", "/dispatch/", "/projects/registry/", "/projects/", "/orgs/departments/", "/users/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--user", default="admin")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blueledger.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from blueledger.users.models import User

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(User.objects.get(username=args.user))
    print(f"{'page':<22}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
    for url in LIST_PAGES:
        median, p95 = page_times_ms(client, [url], args.requests)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(f"{url:<22}{median:>10.1f}{p95:>10.1f}{len(queries):>9}")


if __name__ == "__main__":
    main()
