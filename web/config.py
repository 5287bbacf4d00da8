"""Settings from the environment, with defaults that run the embedded store out of the box."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_STORE_URL = "memory://"
DEFAULT_COMPANIES = 5000
DEFAULT_SEED = 20261123
DEFAULT_MAX_CONTENT_LENGTH = 16 * 1024 * 1024
DEFAULT_TOKEN_FAILURES = 10
ENVIRONMENTS = ("development", "production")


@dataclass(frozen=True)
class Settings:
    """What the service needs to start: which store, and how to seed an empty embedded one."""

    store_url: str = DEFAULT_STORE_URL
    companies: int = DEFAULT_COMPANIES
    seed: int = DEFAULT_SEED
    # Service settings: where API tokens live ("" = the Flask instance folder), whether reads
    # need a token, the request size limit and the gunicorn process model.
    tokens_file: str = ""
    public_reads: bool = True
    max_content_length: int = DEFAULT_MAX_CONTENT_LENGTH
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    threads: int = 4
    # Failed tokens one client address may send per minute before it gets 429 (0: no limit);
    # and "production", which refuses to start with unsafe settings (web/production.py).
    token_failures: int = DEFAULT_TOKEN_FAILURES
    environment: str = "development"
    # Where each service run makes its folder of read model files ("" = the system's temp).
    model_dir: str = ""

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Read the PPSMATCH_* variables (store, seed, tokens, reads, limits, server)."""
        env = dict(os.environ if env is None else env)
        return cls(
            store_url=env.get("PPSMATCH_STORE", DEFAULT_STORE_URL),
            companies=_int(env, "PPSMATCH_COMPANIES", DEFAULT_COMPANIES),
            seed=_int(env, "PPSMATCH_SEED", DEFAULT_SEED),
            tokens_file=env.get("PPSMATCH_TOKENS_FILE", ""),
            public_reads=_bool(env, "PPSMATCH_PUBLIC_READS", True),
            max_content_length=_int(env, "PPSMATCH_MAX_CONTENT_LENGTH",
                                    DEFAULT_MAX_CONTENT_LENGTH),
            host=env.get("PPSMATCH_HOST") or "127.0.0.1",
            port=_int(env, "PPSMATCH_PORT", 8000),
            workers=max(1, _int(env, "PPSMATCH_WORKERS", 2)),
            threads=max(1, _int(env, "PPSMATCH_THREADS", 4)),
            token_failures=_int(env, "PPSMATCH_TOKEN_FAILURES", DEFAULT_TOKEN_FAILURES),
            environment=_environment(env),
            model_dir=env.get("PPSMATCH_MODEL_DIR", ""),
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


def _bool(env: dict[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"environment variable {name} must be true or false, got {raw!r}")


def _environment(env: dict[str, str]) -> str:
    raw = env.get("PPSMATCH_ENV", "").strip().lower() or "development"
    if raw not in ENVIRONMENTS:
        raise ValueError(f"environment variable PPSMATCH_ENV must be one of "
                         f"{', '.join(ENVIRONMENTS)}, got {raw!r}")
    return raw
