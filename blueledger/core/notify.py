"""Senders of messages outside the site (SMS, 政务微信, 钉钉), chosen by BLUELEDGER_NOTIFY_SENDER.

A sender is any class with a `channel` name and `send(*, user, subject, body) -> str` that returns a short
note of what happened (a message id, "已输出到控制台") and raises `SendFailed` when the message did not go out.
The platform ships the console sender; a bureau plugs in its gateway's client as its own class.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class SendFailed(Exception):
    """The sender could not deliver; the message is the reason, in Chinese, for the reminder log."""


class Sender(Protocol):
    channel: str

    def send(self, *, user: Any, subject: str, body: str) -> str: ...


class ConsoleSender:
    """Prints the message (for trials and development): what an SMS gateway would have received."""

    channel = "console"

    def send(self, *, user: Any, subject: str, body: str) -> str:
        print(f"[催报 → {user} {user.phone or '无手机号'}] {subject}: {body}", file=sys.stdout)
        return "已输出到控制台"


@cache
def sender_class(path: str) -> type[Sender]:
    return import_string(path)  # type: ignore[no-any-return]


def configured_sender() -> Sender:
    """The sender named by BLUELEDGER_NOTIFY_SENDER (settings.NOTIFY_SENDER)."""
    return sender_class(str(settings.NOTIFY_SENDER))()
