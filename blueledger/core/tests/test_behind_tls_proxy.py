"""The documented deployment behind a local reverse proxy: a proxy in front of the live server passes the
Host header on and sets X-Forwarded-Proto itself, as nginx does for the TLS proxy of README's "Deploying".
Signing in through it passes the CSRF origin check and gives secure cookies; the same sign-in past the proxy
(no X-Forwarded-Proto, as before SECURE_PROXY_SSL_HEADER was set) is refused with 403, as every POST was.
(HSTS and the https redirect are read when the server starts, so test_deploy_check covers them.)"""

from __future__ import annotations

import http.client
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.test import override_settings

from blueledger.core.testing import TEST_PASSWORD, make_department, make_user

HOST = "ledger.bureau.example"
ORIGIN = f"https://{HOST}"
DEPLOYMENT = {
    "ALLOWED_HOSTS": [HOST], "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
}


def _proxy_handler(upstream: str) -> type[BaseHTTPRequestHandler]:
    target = urlsplit(upstream)

    class Proxy(BaseHTTPRequestHandler):
        def _forward(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k: v for k, v in self.headers.items() if k.lower() != "x-forwarded-proto"}
            headers["X-Forwarded-Proto"] = "https"  # the proxy's own word, never the client's
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
            connection.request(self.command, self.path, body=body or None, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
            self.send_response(answer.status)
            for name, value in answer.getheaders():
                if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _forward

        def log_message(self, *args: Any) -> None:
            pass

    return Proxy


@pytest.fixture
def proxy(live_server: Any) -> Iterator[tuple[str, int]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _proxy_handler(live_server.url))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[0], server.server_address[1]
    server.shutdown()
    server.server_close()


def _request(address: tuple[str, int], method: str, path: str, *, cookies: dict[str, str],
             form: dict[str, str] | None = None, **headers: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(*address, timeout=30)
    sent = {"Host": HOST, "Origin": ORIGIN, "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), **headers}
    if form is not None:
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=urlencode(form) if form is not None else None, headers=sent)
    answer = connection.getresponse()
    answer.read()
    for header in answer.headers.get_all("Set-Cookie") or []:
        name, value = header.split(";", 1)[0].split("=", 1)
        cookies[name] = value
    return answer


@pytest.mark.django_db(transaction=True)
@override_settings(**DEPLOYMENT)
def test_signing_in_through_the_tls_proxy(proxy: tuple[str, int], live_server: Any, shandong: dict[str, Any]) -> None:
    make_user(make_department(shandong["qingdao"], "市海洋发展局"), username="zhao")
    cookies: dict[str, str] = {}
    page = _request(proxy, "GET", "/accounts/login/", cookies=cookies, **{"X-Forwarded-Proto": "http"})
    assert page.status == 200
    assert re.search(r"csrftoken=[^;]+;.*Secure", page.headers["Set-Cookie"])

    answer = _request(proxy, "POST", "/accounts/login/", cookies=cookies,
                      form={"username": "zhao", "password": TEST_PASSWORD, "csrfmiddlewaretoken": cookies["csrftoken"]})

    assert (answer.status, answer.headers["Location"]) == (302, "/")
    assert any(re.match(r"sessionid=[^;]+;.*Secure", c) for c in answer.headers.get_all("Set-Cookie"))
    assert _request(proxy, "GET", "/", cookies=cookies).status == 200
    upstream = urlsplit(live_server.url)
    fresh: dict[str, str] = {}
    _request((upstream.hostname, upstream.port), "GET", "/accounts/login/", cookies=fresh)
    past_the_proxy = _request((upstream.hostname, upstream.port), "POST", "/accounts/login/", cookies=fresh,
                              form={"username": "zhao", "password": TEST_PASSWORD,
                                    "csrfmiddlewaretoken": fresh["csrftoken"]})
    assert past_the_proxy.status == 403
