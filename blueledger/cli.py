"""The `blueledger` command: a thin front on Django's management commands, plus `extract`, which needs no
database. A bad BLUELEDGER_* variable ends any command with one line naming it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("run", "在本机启动平台 (开发服务器, 端口 BLUELEDGER_PORT)", "serve on 127.0.0.1 for local use"),
    ("serve", "生产方式启动 (gunicorn + whitenoise)", "production server (gunicorn + whitenoise)"),
    ("worker", "后台任务进程: 导入与船位入库 (与 serve 同时运行)", "background worker for imports (beside serve)"),
    ("migrate", "创建或升级数据库表", "create or upgrade the database tables"),
    ("refdata", "载入参考数据 (行政区划)", "load reference data (regions)"),
    ("demo", "载入演示数据并打印演示账号 (仅供本机试用)", "load demo data and print the demo logins"),
    ("createuser", "新建用户", "create a user account"),
    ("extract", "从工作文件提取台账 (json / xlsx / md)", "extract a ledger from a work document"),
    ("bulletin", "生成调度通报 .docx (--ledger ID --round ID 或 --latest, --out 文件)", "write a round's bulletin"),
    ("projects", "重点项目: 调度表导入导出, 指标, 生成测试数据", "key projects: import, export, indicators, generate"),
    ("backup", "备份数据库和上传的文件 (blueledger backup 文件.tar.gz)", "back up the database and uploaded files"),
    ("restore", "从备份恢复 (替换现有数据)", "restore a backup, replacing the current data"),
    ("jobs", "后台任务: reap 结束中断或排队超期的任务 (worker 启动时也自动执行)", "background jobs: end stalled ones"),
    ("remind", "催报: 截止前提醒与逾期催报 (每天由 cron 运行)", "send due and overdue reminders (daily, from cron)"),
    ("economy", "海洋经济: 名录导入, 行业对照, 目标轨迹, 季度评估", "ocean economy: units, trajectory, report"),
    ("fisheries", "渔船监管: detect (无需数据库) / ingest / vessels import", "fisheries: detect, ingest, vessels"),
)

HELP = "\n".join(
    [
        "蓝色台账 blueledger — 海洋发展局工作台账平台",
        "",
        "用法 / usage: blueledger <命令 command> [选项 options]",
        "",
        "命令 / commands:",
        *(f"  {name:<11} {zh}\n  {'':<11} {en}" for name, zh, en in COMMANDS),
        "",
        "其他 Django 管理命令也可使用 / any other Django management command works too (blueledger help).",
        "配置只通过环境变量 BLUELEDGER_* (见 .env.example) / configuration: BLUELEDGER_* variables only.",
    ]
)


def _django_command(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blueledger.settings")
    from blueledger.lib.envvars import ConfigurationError

    try:
        import django

        django.setup()
    except ConfigurationError as error:
        print(f"配置错误 configuration error — {error.variable}: {error.problem}", file=sys.stderr)
        return 2
    from django.conf import settings
    from django.core.management import execute_from_command_line

    command, rest = argv[0], argv[1:]
    if command == "run":
        address = f"127.0.0.1:{settings.PORT}"
        print(f"蓝色台账已启动: http://{address}/  (Ctrl+C 停止)")
        _print_chart_font()
        # Uploads are imported by a worker in the background (core/jobs.py): one starts with the server.
        worker = subprocess.Popen([sys.executable, "-m", "blueledger.cli", "worker", "--verbosity", "0"])
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))  # stop the worker too (finally)
        try:
            execute_from_command_line(["blueledger", "runserver", address, "--noreload", *rest])
        finally:
            worker.terminate()  # the worker finishes the job it is running (up to 30 s), then stops
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
        return 0
    if command == "worker":
        # The jobs a stopped worker left 进行中 (or none took) are ended before this one takes any (core/jobs.py).
        from django.core.management import call_command

        quiet = "--verbosity" in rest and rest[rest.index("--verbosity") + 1 :][:1] == ["0"]
        call_command("jobs", "reap", by="后台任务进程启动时的检查", verbosity=0 if quiet else 1)
        # No autoreload: the worker then runs each job in its main thread, where the time budget can
        # interrupt a job stuck in one long call (core/jobs.py).
        execute_from_command_line(["blueledger", "db_worker", "--no-reload", *rest])
        return 0
    if command == "check":
        _print_chart_font()
    if command == "serve":
        execute_from_command_line(["blueledger", "collectstatic", "--noinput", "--verbosity", "0"])
        bind = rest[rest.index("--bind") + 1] if "--bind" in rest else f"127.0.0.1:{settings.PORT}"
        workers = os.environ.get("WEB_CONCURRENCY", "3")
        gunicorn = [sys.executable, "-m", "gunicorn", "blueledger.wsgi", "--bind", bind, "--workers", workers]
        os.execv(sys.executable, gunicorn)
    execute_from_command_line(["blueledger", *argv])
    return 0


def _print_chart_font() -> None:
    """One line at start-up saying whether the bulletin's charts have their CJK font."""
    from blueledger.dispatch.bulletin.fonts import ChartFontMissing, chart_font_family

    try:
        print(f"通报图表字体: {chart_font_family()}")
    except ChartFontMissing as missing:
        print(f"警告: {missing}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(HELP)
        return 0
    if args[0] == "extract":
        from blueledger.ledgers.extract_command import run_extract

        return run_extract(args[1:])
    if args[:2] == ["fisheries", "detect"]:
        from blueledger.fisheries.detect_command import run_detect

        return run_detect(args[2:])
    return _django_command(args)


if __name__ == "__main__":
    raise SystemExit(main())
