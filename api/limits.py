"""Request limits as one ASGI middleware: a cap on request bodies and on requests served at once.

Both refusals are JSON like every other error: 413 when a body is over `max_body` bytes (told by
Content-Length, or counted as a chunked body streams in), 503 with Retry-After when `max_concurrency`
requests are already in flight. A server that says "busy" stays responsive; one that queues
without bound does not.
"""
from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(Exception):
    """Raised from `receive` when a streamed body passes the cap."""


class RequestLimits:
    """Refuse bodies over `max_body` bytes (413) and requests beyond `max_concurrency` in flight (503)."""

    def __init__(self, app: ASGIApp, *, max_body: int, max_concurrency: int) -> None:
        self.app = app
        self.max_body = max_body
        self.max_concurrency = max_concurrency
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.max_concurrency:
            await _error(send, 503, "busy", "Too many requests at once; try again shortly.", {"retry-after": "1"})
            return
        length = _content_length(scope)
        if length is not None and length > self.max_body:
            await _error(send, 413, "body too large", f"Request bodies are limited to {self.max_body} bytes.")
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        self.in_flight += 1
        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _error(send, 413, "body too large", f"Request bodies are limited to {self.max_body} bytes.")
        finally:
            self.in_flight -= 1


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _error(send: Send, status: int, error: str, message: str, extra: dict[str, str] | None = None) -> None:
    body = json.dumps({"error": error, "message": message}).encode()
    headers: list[Any] = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(name.encode(), value.encode()) for name, value in (extra or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
