"""Schemathesis against /api/: requests generated from the OpenAPI schema for every documented operation, as
an administrator (the widest scope). No answer may be a 5xx, and every answer's status code, content type and
body must be the ones the schema documents (the schema is what integrators build against)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from blueledger.core.testing import api_client, make_department, make_user
from blueledger.users.choices import Role

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = get_wsgi_application()


@pytest.fixture
def token(shandong: dict[str, Any]) -> Iterator[str]:
    admin = make_user(make_department(shandong["province"], "省海洋局"), Role.ADMIN)
    # Requests go through the WSGI handler itself, whose end-of-request signal would close the test's database
    # connection (PostgreSQL); Django's test client detaches the same receiver.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield str(Token.objects.create(user=admin).key)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
# Ten cases per operation keep the suite fast; the database fixture is shared by an operation's cases.
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)


def test_error_answers_are_documented() -> None:
    """401/403 on every operation, 404 where an object is asked for, 415 where a body is sent: the schema says
    what a client must handle."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    department = document["paths"]["/api/departments/{id}/"]["get"]["responses"]
    assert {"200", "401", "403", "404"} <= set(department)
    assert department["404"]["content"]["application/json"]["schema"]["required"] == ["detail"]
    assert "404" not in document["paths"]["/api/departments/"]["get"]["responses"]
    assert "415" in document["paths"]["/api/departments/"]["post"]["responses"]
    assert "415" not in document["paths"]["/api/departments/"]["get"]["responses"]


def test_an_unmatched_api_url_answers_json(shandong: dict[str, Any]) -> None:
    client = api_client(make_user(make_department(shandong["province"], "省海洋局"), Role.ADMIN))
    response = client.get("/api/users/not-a-number/")
    assert (response.status_code, response["Content-Type"], response.json()) == (
        404, "application/json", {"detail": "未找到。"})
