"""Typed readers of BLUELEDGER_* environment variables.

Each reader raises ConfigurationError naming the variable, so that start-up stops with one clear line
instead of a traceback deep inside Django.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit


class ConfigurationError(Exception):
    """A BLUELEDGER_* variable holds a value blueledger cannot use."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"{variable}: {problem}")
        self.variable = variable
        self.problem = problem


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def read_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigurationError(name, f"应为 true/false (1/0, yes/no), 实为 {raw!r}")


def read_int(name: str, default: int, *, minimum: int, maximum: int, environ: Mapping[str, str] = os.environ) -> int:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigurationError(name, f"应为整数, 实为 {raw!r}") from None
    if not minimum <= value <= maximum:
        raise ConfigurationError(name, f"应在 {minimum} 到 {maximum} 之间, 实为 {value}")
    return value


def read_list(name: str, default: list[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    items = [item.strip() for item in raw.split(",")]
    if any(not item for item in items):
        raise ConfigurationError(name, f"逗号分隔的列表中有空项: {raw!r}")
    return items


def read_origins(name: str, environ: Mapping[str, str] = os.environ) -> list[str]:
    """Comma-separated origins (scheme://host[:port]), as Django's CSRF_TRUSTED_ORIGINS takes them."""
    origins = read_list(name, [], environ)
    for origin in origins:
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
            raise ConfigurationError(name, f"应为 https://主机名[:端口] 形式的来源, 实为 {origin!r}")
    return [origin.rstrip("/") for origin in origins]


def read_directory(name: str, default: Path, environ: Mapping[str, str] = os.environ) -> Path:
    """A directory blueledger may write to; created when missing."""
    raw = environ.get(name)
    path = Path(raw).expanduser() if raw and raw.strip() else default
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigurationError(name, f"无法创建目录 {path}: {error.strerror}") from None
    if not os.access(path, os.W_OK):
        raise ConfigurationError(name, f"目录 {path} 不可写")
    return path.resolve()


SUPPORTED_DATABASE_SCHEMES = ("sqlite", "postgres", "postgresql")


def read_database_url(name: str, default: str, environ: Mapping[str, str] = os.environ) -> str:
    raw = environ.get(name)
    url = raw.strip() if raw and raw.strip() else default
    scheme = urlsplit(url).scheme
    if scheme not in SUPPORTED_DATABASE_SCHEMES:
        raise ConfigurationError(
            name,
            f"不支持的数据库地址 {url!r}: 应以 sqlite:/// 或 postgres:// 开头",
        )
    if scheme.startswith("postgres") and not urlsplit(url).path.strip("/"):
        raise ConfigurationError(name, f"PostgreSQL 地址缺少数据库名: {url!r}")
    return url


def read_secret_key(name: str, key_file: Path, environ: Mapping[str, str] = os.environ) -> str:
    """The variable when set; else a key generated once into key_file, so sessions survive restarts."""
    raw = environ.get(name)
    if raw is not None and raw.strip():
        if len(raw.strip()) < 32:
            raise ConfigurationError(name, "密钥太短: 至少 32 个字符")
        return raw.strip()
    if key_file.exists():
        return key_file.read_text(encoding="ascii").strip()
    import secrets

    key = secrets.token_urlsafe(50)
    key_file.write_text(key + "\n", encoding="ascii")
    key_file.chmod(0o600)
    return key
