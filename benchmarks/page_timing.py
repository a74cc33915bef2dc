"""Timing of page requests for the benchmark scripts: median and p95 in milliseconds."""

from __future__ import annotations

import statistics
import time
from typing import Any


def page_times_ms(client: Any, urls: list[str], requests: int) -> tuple[float, float]:
    """Requests `urls` in turn `requests` times after one warm-up pass; every answer must be 200."""
    for url in urls:
        assert client.get(url).status_code == 200, url
    timings = []
    for index in range(requests):
        begin = time.perf_counter()
        response = client.get(urls[index % len(urls)])
        timings.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200
    timings.sort()
    return statistics.median(timings), timings[max(0, round(0.95 * len(timings)) - 1)]
