"""Under tests every request closes its database connection (conftest), so that the live server's thread
holds none when PostgreSQL drops the test database (settings.py keeps conn_max_age=60 for PostgreSQL)."""

from django.db import connection


def test_the_suite_closes_connections_after_each_request() -> None:
    assert connection.settings_dict["CONN_MAX_AGE"] == 0

