"""The README's deployment settings pass `blueledger check --deploy` with no warning, and behind the TLS proxy
a sign-in from the https origin passes the CSRF check (it failed with 403: no trusted origins, no proxy SSL
header)."""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

from blueledger.core.testing import TEST_PASSWORD, make_department, make_user
from blueledger.core.tests.test_configuration import run_blueledger
from blueledger.lib import envvars

README = Path(__file__).resolve().parents[3] / "README.md"


def deployment_variables(tmp_path: Path) -> dict[str, str]:
    """The `export BLUELEDGER_…` lines of README's "Deploying" section, with a fresh secret and a temporary
    data directory."""
    section = README.read_text(encoding="utf-8").split("## Deploying", 1)[1].split("\n## ", 1)[0]
    variables = dict(re.findall(r"^export (BLUELEDGER_\w+)=(\S+)", section, re.M))
    variables["BLUELEDGER_SECRET_KEY"] = secrets.token_urlsafe(50)
    variables["BLUELEDGER_DATA_DIR"] = str(tmp_path / "srv")
    return variables


def test_the_documented_deployment_passes_check_deploy(tmp_path: Path) -> None:
    variables = deployment_variables(tmp_path)
    assert {"BLUELEDGER_HTTPS", "BLUELEDGER_BEHIND_TLS_PROXY", "BLUELEDGER_CSRF_TRUSTED_ORIGINS"} <= set(variables)

    result = run_blueledger(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **variables)

    assert (result.returncode, result.stdout.strip().splitlines()[-1], result.stderr.strip()) == (
        0, "System check identified no issues (0 silenced).", ""), result.stderr


def test_the_documented_deployment_sets_the_security_headers(tmp_path: Path) -> None:
    code = ("from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
            "s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_AGE, s.X_FRAME_OPTIONS, "
            "s.CSRF_TRUSTED_ORIGINS, 'ContentSecurityPolicyMiddleware' in str(s.MIDDLEWARE))")
    result = run_blueledger(tmp_path, "shell", "--no-imports", "-c", code, **deployment_variables(tmp_path))
    assert result.stdout.strip() == (
        "True True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https') 28800 DENY ['https://ledger.bureau.example'] True"
    )


@pytest.mark.parametrize("raw", ["ledger.bureau.example", "https://", "https://a.example/path"])
def test_a_trusted_origin_needs_a_scheme_and_a_host(raw: str) -> None:
    with pytest.raises(envvars.ConfigurationError, match="应为 https://主机名"):
        envvars.read_origins("BLUELEDGER_CSRF_TRUSTED_ORIGINS", {"BLUELEDGER_CSRF_TRUSTED_ORIGINS": raw})


@override_settings(ALLOWED_HOSTS=["ledger.bureau.example"], SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
                   SECURE_SSL_REDIRECT=True, CSRF_TRUSTED_ORIGINS=["https://ledger.bureau.example"])
def test_a_sign_in_through_the_tls_proxy_passes_the_csrf_check(shandong: dict[str, Any]) -> None:
    make_user(make_department(shandong["qingdao"], "市海洋发展局"), username="zhao")
    client = Client(enforce_csrf_checks=True, HTTP_HOST="ledger.bureau.example")
    proxied: dict[str, Any] = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_ORIGIN": "https://ledger.bureau.example"}
    page = client.get("/accounts/login/", **proxied)
    assert page["X-Frame-Options"] == "DENY"
    assert "script-src 'self';" in page["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in page
    token = client.cookies["csrftoken"].value
    form = {"username": "zhao", "password": TEST_PASSWORD, "csrfmiddlewaretoken": token}

    response = client.post("/accounts/login/", form, **proxied)

    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.get("/accounts/login/").status_code == 301  # plain http is redirected to https
