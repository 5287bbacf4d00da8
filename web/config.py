"""Settings from the environment, with defaults that run the embedded store out of the box."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_STORE_URL = "memory://"
DEFAULT_COMPANIES = 5000
DEFAULT_SEED = 20261123


@dataclass(frozen=True)
class Settings:
    """What the service needs to start: which store, and how to seed an empty embedded one."""

    store_url: str = DEFAULT_STORE_URL
    companies: int = DEFAULT_COMPANIES
    seed: int = DEFAULT_SEED

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Read PPSMATCH_STORE, PPSMATCH_COMPANIES and PPSMATCH_SEED."""
        env = dict(os.environ if env is None else env)
        return cls(
            store_url=env.get("PPSMATCH_STORE", DEFAULT_STORE_URL),
            companies=_int(env, "PPSMATCH_COMPANIES", DEFAULT_COMPANIES),
            seed=_int(env, "PPSMATCH_SEED", DEFAULT_SEED),
        )


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(
            f"environment variable {name} must be a whole number, got {raw!r}") from None
    if value < 0:
        raise ValueError(f"environment variable {name} must not be negative, got {value}")
    return value
