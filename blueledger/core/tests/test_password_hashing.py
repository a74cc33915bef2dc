"""The suite hashes passwords fast (conftest), and production must not: the settings module keeps PBKDF2."""

from django.conf import global_settings

import blueledger.settings as production_settings


def test_production_settings_hash_passwords_with_pbkdf2() -> None:
    hashers = getattr(production_settings, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)
    assert hashers[0] == "django.contrib.auth.hashers.PBKDF2PasswordHasher"
