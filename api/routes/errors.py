"""The one error type routes raise: app.py turns it into a JSON ErrorOut with its 4xx status."""
from __future__ import annotations


class ApiError(Exception):
    """A request the API refuses, with the status, a short kind and a message that says how to fix it."""

    def __init__(
        self,
        status: int,
        error: str,
        message: str,
        *,
        examples: list[str] | None = None,
        suggestions: list[str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.examples = examples
        self.suggestions = suggestions
        self.headers = headers

    def body(self) -> dict:
        data: dict = {"error": self.error, "message": self.message}
        if self.examples is not None:
            data["examples"] = self.examples
        if self.suggestions is not None:
            data["suggestions"] = self.suggestions
        return data
