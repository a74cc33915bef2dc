"""A wrong BLUELEDGER_* value stops start-up with one clear line naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from blueledger.lib import envvars

BLUELEDGER = [sys.executable, "-m", "blueledger.cli"]


def run_blueledger(tmp_path: Path, *args: str, timeout: float = 60,
                   **variables: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BLUELEDGER_")}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own process only
    environment.update({"BLUELEDGER_DATA_DIR": str(tmp_path / "var"), **variables})
    return subprocess.run(
        [*BLUELEDGER, *args], capture_output=True, text=True, env=environment, cwd=tmp_path, timeout=timeout
    )


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("BLUELEDGER_PORT", "八千", "应为整数"),
        ("BLUELEDGER_PORT", "70000", "应在 1 到 65535 之间"),
        ("BLUELEDGER_DEBUG", "maybe", "应为 true/false"),
        ("BLUELEDGER_DATABASE_URL", "mysql://db/blue", "不支持的数据库地址"),
        ("BLUELEDGER_SECRET_KEY", "short", "密钥太短"),
        ("BLUELEDGER_ALLOWED_HOSTS", "a.example,,b", "空项"),
    ],
)
def test_bad_value_stops_with_one_line_naming_the_variable(
    tmp_path: Path, variable: str, value: str, words: str
) -> None:
    result = run_blueledger(tmp_path, "check", **{variable: value})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert variable in lines[0] and words in lines[0]


def test_defaults_start_on_sqlite_and_keep_a_generated_secret_key(tmp_path: Path) -> None:
    first = run_blueledger(tmp_path, "check")
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "var" / "secret_key"
    key = key_file.read_text()
    assert len(key.strip()) >= 50
    assert run_blueledger(tmp_path, "check").returncode == 0
    assert key_file.read_text() == key


def test_data_dir_that_cannot_be_created_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = run_blueledger(tmp_path, "check", BLUELEDGER_DATA_DIR=str(blocker / "var"))
    assert result.returncode == 2
    assert result.stderr.startswith("配置错误") and "BLUELEDGER_DATA_DIR" in result.stderr


def test_readers_accept_good_values() -> None:
    environ = {"B": "yes", "I": " 8080 ", "L": "a.example, b.example", "D": "postgres://u:p@localhost/blue"}
    assert envvars.read_bool("B", False, environ) is True
    assert envvars.read_int("I", 1, minimum=1, maximum=65535, environ=environ) == 8080
    assert envvars.read_list("L", [], environ) == ["a.example", "b.example"]
    assert envvars.read_database_url("D", "sqlite:///x", environ) == "postgres://u:p@localhost/blue"
    assert envvars.read_bool("MISSING", True, environ) is True


def test_postgres_url_without_database_name_is_refused() -> None:
    with pytest.raises(envvars.ConfigurationError) as raised:
        envvars.read_database_url("BLUELEDGER_DATABASE_URL", "x", {"BLUELEDGER_DATABASE_URL": "postgres://localhost"})
    assert raised.value.variable == "BLUELEDGER_DATABASE_URL"


def test_help_lists_commands_in_chinese_and_english(tmp_path: Path) -> None:
    result = run_blueledger(tmp_path, "--help")
    assert result.returncode == 0
    for command, chinese, english in (
        ("run", "启动平台", "serve"),
        ("demo", "演示数据", "demo"),
        ("extract", "提取台账", "extract"),
    ):
        assert command in result.stdout and chinese in result.stdout and english in result.stdout
