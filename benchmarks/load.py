"""Load on a running `blueledger serve`: latency at a few concurrency levels and requests/s at saturation.

Builds the demo data (`blueledger migrate` + `blueledger demo`) in a scratch BLUELEDGER_DATA_DIR, on SQLite by
default or on PostgreSQL when --database-url is given (that database is dropped and created again, then dropped
at the end: give a scratch name such as bl_load). Starts `blueledger serve` (gunicorn, its default workers) on
127.0.0.1 and a free port, signs in as the demo dispatcher, and drives load with threads from this machine
(stdlib http.client, one connection per request as gunicorn's sync workers close each one):

- the dashboard of a demo round (/dispatch/rounds/<pk>/dashboard/),
- a department's report page in that round (/dispatch/rounds/<pk>/departments/<pk>/),
- /accounts/login/ (GET) as the near-bare Django baseline (the product has no bare view: this one renders a
  small template with a CSRF token and no query).

For each page: p50/p95 latency and the error count (non-2xx answers, timeouts, refused connections) at 1, 4 and
20 concurrent users, then requests/s at 50 and 100 users, each level for --duration seconds; the load average
is printed beside each line, since the machine may be shared. The server is stopped and the scratch data (and
the PostgreSQL database) removed at the end, on Ctrl-C and on errors too.

    .venv/bin/python benchmarks/load.py [--duration 15]
    .venv/bin/python benchmarks/load.py --database-url postgres://bl:bl@127.0.0.1:5432/bl_load
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
USERNAME, PASSWORD = "dispatcher", "demo-dispatch-2026"  # blueledger/users/demo.py: 调度办 王调度 (青岛)
LATENCY_USERS = (1, 4, 20)
SATURATION_USERS = (50, 100)
REQUEST_TIMEOUT_S = 30.0


@dataclass
class Level:
    """What one concurrency level measured: latencies of answered requests, error count and wall time."""

    users: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    load_average: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + self.errors

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return float("nan")
        return ordered[max(0, round(fraction * len(ordered)) - 1)]


class Server:
    """`blueledger serve` in its own process group, stopped (group and all) on exit."""

    def __init__(self, env: dict[str, str], port: int) -> None:
        self.env, self.port = env, port
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "blueledger.cli", "serve", "--bind", f"{HOST}:{self.port}"],
            env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"blueledger serve exited with code {self.process.returncode}")
            try:
                status, _, _ = request(self.port, "GET", "/accounts/login/")
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("blueledger serve did not answer within 60 s")

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def request(port: int, method: str, path: str, *, cookie: str = "", body: str = "",
            timeout: float = REQUEST_TIMEOUT_S) -> tuple[int, dict[str, str], str]:
    """One request on a new connection; answers (status, headers with Set-Cookie joined, body text)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        headers = {"Cookie": cookie} if cookie else {}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body.encode() if body else None, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        answer_headers = {name.lower(): value for name, value in response.getheaders()}
        answer_headers["set-cookie"] = "\n".join(response.headers.get_all("Set-Cookie") or [])
        return response.status, answer_headers, text
    finally:
        connection.close()


def cookies_of(set_cookie: str) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for line in set_cookie.splitlines():
        jar.load(line)
    return {name: morsel.value for name, morsel in jar.items()}


def log_in(port: int) -> str:
    """Signs in as the demo dispatcher like a browser (CSRF cookie + form token); answers the Cookie header."""
    status, headers, page = request(port, "GET", "/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or token is None:
        raise RuntimeError(f"login page answered {status} without a CSRF token")
    jar = cookies_of(headers["set-cookie"])
    form = urllib.parse.urlencode({"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token[1]})
    status, headers, _ = request(port, "POST", "/accounts/login/", cookie=f"csrftoken={jar['csrftoken']}",
                                 body=form)
    jar.update(cookies_of(headers["set-cookie"]))
    if status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"login as {USERNAME} answered {status} without a session")
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def pages(port: int, cookie: str) -> list[tuple[str, str]]:
    """The dashboard of the first demo round the dispatcher sees, a department report in it, the baseline."""
    _, _, round_list = request(port, "GET", "/dispatch/", cookie=cookie)
    rounds = re.findall(r"/dispatch/rounds/(\d+)/", round_list)
    if not rounds:
        raise RuntimeError("the dispatcher sees no round on /dispatch/")
    dashboard = f"/dispatch/rounds/{rounds[0]}/dashboard/"
    _, _, detail = request(port, "GET", f"/dispatch/rounds/{rounds[0]}/", cookie=cookie)
    departments = re.findall(rf"/dispatch/rounds/{rounds[0]}/departments/(\d+)/\"", detail)
    if not departments:
        raise RuntimeError(f"round {rounds[0]} lists no department report")
    department = f"/dispatch/rounds/{rounds[0]}/departments/{departments[0]}/"
    chosen = [("round dashboard", dashboard), ("department report", department),
              ("login page (baseline)", "/accounts/login/")]
    for label, path in chosen:
        status, _, _ = request(port, "GET", path, cookie=cookie)
        if status != 200:
            raise RuntimeError(f"{label} {path} answered {status}")
    return chosen


def drive(port: int, path: str, cookie: str, users: int, duration: float) -> Level:
    """`users` threads request `path` back to back until `duration` seconds have passed."""
    level = Level(users)
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def user() -> None:
        latencies: list[float] = []
        errors = 0
        while time.monotonic() < deadline:
            begin = time.perf_counter()
            try:
                status, _, _ = request(port, "GET", path, cookie=cookie)
            except OSError:
                status = 0
            if 200 <= status < 300:
                latencies.append((time.perf_counter() - begin) * 1000)
            else:
                errors += 1
        with lock:
            level.latencies_ms.extend(latencies)
            level.errors += errors

    threads = [threading.Thread(target=user, daemon=True) for _ in range(users)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + REQUEST_TIMEOUT_S + 5)
    level.seconds = time.monotonic() - started
    level.load_average = os.getloadavg()[0]
    return level


def measure(label: str, env: dict[str, str], duration: float) -> None:
    port = free_port()
    with Server(env, port):
        cookie = log_in(port)
        chosen = pages(port, cookie)
        workers = env.get("WEB_CONCURRENCY", "3 (default)")
        print(f"\n== {label}: blueledger serve on {HOST}:{port}, gunicorn workers {workers}, "
              f"{os.cpu_count()} CPUs, {duration:.0f} s per level ==")
        print(f"{'page':<22} {'users':>5} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} "
              f"{'req/s':>7} {'load1':>6}")
        for page_label, path in chosen:
            print(f"{page_label}: {path}", flush=True)
            for users in (*LATENCY_USERS, *SATURATION_USERS):
                level = drive(port, path, cookie, users, duration)
                answered = len(level.latencies_ms)
                print(f"{'':<22} {users:>5} {level.requests:>8} {level.errors:>6} {level.percentile(0.5):>8.0f} "
                      f"{level.percentile(0.95):>8.0f} {answered / level.seconds:>7.1f} "
                      f"{level.load_average:>6.2f}", flush=True)


def build(env: dict[str, str]) -> None:
    started = time.perf_counter()
    for command in (["migrate", "-v0"], ["demo"]):
        subprocess.run([sys.executable, "-m", "blueledger.cli", *command], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    print(f"demo data built in {time.perf_counter() - started:.0f} s", flush=True)


def postgres_admin(database_url: str, sql: str) -> None:
    """Runs `sql` (CREATE/DROP DATABASE) connected to the server's `postgres` database."""
    import psycopg

    parts = urllib.parse.urlsplit(database_url)
    with psycopg.connect(host=parts.hostname, port=parts.port or 5432, user=parts.username,
                         password=parts.password, dbname="postgres", autocommit=True) as connection:
        connection.execute(sql)  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--database-url", help="postgres://… of a scratch database (dropped, created, dropped)")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per concurrency level (default 15)")
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="bl_load_")
    env = {**os.environ, "BLUELEDGER_DATA_DIR": data_dir, "BLUELEDGER_DEBUG": "false"}
    env.pop("BLUELEDGER_DATABASE_URL", None)
    database_name = ""
    label = "SQLite"
    if args.database_url:
        database_name = urllib.parse.urlsplit(args.database_url).path.lstrip("/")
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", database_name):
            parser.error("--database-url must name a plain scratch database, e.g. …/bl_load")
        env["BLUELEDGER_DATABASE_URL"] = args.database_url
        label = "PostgreSQL"
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        if database_name:
            postgres_admin(args.database_url, f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')
            postgres_admin(args.database_url, f'CREATE DATABASE "{database_name}"')
        build(env)
        measure(label, env, args.duration)
    except KeyboardInterrupt:
        print("interrupted; stopping the server and removing the scratch data", file=sys.stderr)
        return 130
    finally:
        if database_name:
            postgres_admin(args.database_url, f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
