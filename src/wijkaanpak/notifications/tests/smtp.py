"""A real SMTP server for tests (aiosmtpd on 127.0.0.1) that keeps what it receives."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Received:
    recipients: list[str]
    message: EmailMessage

    @property
    def text(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        return str(part.get_content()) if part is not None else ""

    @property
    def html(self) -> str:
        part = self.message.get_body(preferencelist=("html",))
        return str(part.get_content()) if part is not None else ""


@dataclass
class Handler:
    received: list[Received] = field(default_factory=list)
    # Hold the n-th message (1-based) until `release` is set; then refuse it when `refuse_held`.
    hold: int | None = None
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    refuse_held: bool = True
    seen: int = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.seen += 1
        if self.hold is not None and self.seen == self.hold:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)
            if self.refuse_held:
                return "451 Try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append(Received(recipients=list(envelope.rcpt_tos), message=message))
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self, port: int | None = None) -> None:
        self.handler = Handler()
        self.port = port or free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self) -> SMTPServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.handler.release.set()
        self.controller.stop()

    @property
    def received(self) -> list[Received]:
        return self.handler.received
