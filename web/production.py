"""PPSMATCH_ENV=production: refuse to start with settings that are fine for a laptop only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from web.config import Settings

# Passwords of tutorials and of Neo4j's own first start; refused in production.
DEFAULT_PASSWORDS = frozenset({"neo4j", "password", "neo4jneo4j", "12345678", "changeme",
                               "secret", "ppsmatch", "test", "admin"})
MIN_PASSWORD_LENGTH = 12


class UnsafeConfiguration(ValueError):
    """The service was asked to run in production with an unsafe setting."""


def check(settings: Settings, env: dict[str, str] | None = None) -> None:
    """Raise UnsafeConfiguration listing every unsafe setting (nothing in development)."""
    if settings.environment != "production":
        return
    env = dict(os.environ if env is None else env)
    problems = _store_problems(settings.store_url, env.get("PPSMATCH_NEO4J_AUTH", "none"))
    problems += _token_file_problems(settings.tokens_file)
    if problems:
        raise UnsafeConfiguration("PPSMATCH_ENV=production refuses to start: "
                                  + "; ".join(problems))


def _store_problems(url: str, auth: str) -> list[str]:
    if url.startswith("memory:"):
        return []
    user, _, password = auth.strip().partition("/")
    if auth.strip().lower() in ("", "none") or not password:
        return ["the Neo4j store has no password (set PPSMATCH_NEO4J_AUTH=neo4j/<password>)"]
    if password.lower() in DEFAULT_PASSWORDS or password == user:
        return ["PPSMATCH_NEO4J_AUTH uses a default password"]
    if len(password) < MIN_PASSWORD_LENGTH:
        return [f"the Neo4j password is shorter than {MIN_PASSWORD_LENGTH} characters"]
    return []


def _token_file_problems(tokens_file: str) -> list[str]:
    """Writes are public when anyone may add a token: the file must be set and private."""
    if not tokens_file:
        return ["PPSMATCH_TOKENS_FILE is not set (the default lies inside the installed package)"]
    path = Path(tokens_file)
    problems = []
    for item in (path, path.parent):
        if item.exists() and item.stat().st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            problems.append(f"{item} is writable by other users: they could add tokens")
    if path.exists() and path.stat().st_mode & stat.S_IROTH:
        problems.append(f"{path} is readable by every user")
    return problems
