"""PPSMATCH_ENV=production refuses to start with a default or missing password or open tokens."""

from __future__ import annotations

import os

import pytest

from graph_schema.memory_store import MemoryGraphStore
from web import cli, production
from web.app import create_app
from web.config import Settings

STRONG = "neo4j/a-long-unguessable-one"


@pytest.fixture
def private_tokens(tmp_path):
    """A tokens file only its owner may read and write, in a private folder."""
    folder = tmp_path / "private"
    folder.mkdir(mode=0o700)
    path = folder / "tokens.json"
    path.write_text('{"tokens": []}')
    path.chmod(0o600)
    return str(path)


def prod(tokens_file: str, store_url: str = "bolt://127.0.0.1:7687") -> Settings:
    return Settings(store_url=store_url, tokens_file=tokens_file, environment="production")


@pytest.mark.parametrize(("auth", "says"), [
    ("none", "no password"),
    ("", "no password"),
    ("neo4j/neo4j", "default password"),
    ("neo4j/password", "default password"),
    ("neo4j/short", "shorter than 12"),
])
def test_production_refuses_a_neo4j_store_without_a_real_password(private_tokens, auth, says):
    with pytest.raises(production.UnsafeConfiguration, match=says):
        production.check(prod(private_tokens), {"PPSMATCH_NEO4J_AUTH": auth})


def test_production_refuses_a_default_or_shared_tokens_file(private_tokens):
    env = {"PPSMATCH_NEO4J_AUTH": STRONG}
    with pytest.raises(production.UnsafeConfiguration, match="PPSMATCH_TOKENS_FILE is not set"):
        production.check(prod(""), env)
    os.chmod(private_tokens, 0o666)
    with pytest.raises(production.UnsafeConfiguration, match="writable by other users"):
        production.check(prod(private_tokens), env)


def test_production_starts_with_a_strong_password_and_a_private_tokens_file(private_tokens):
    production.check(prod(private_tokens), {"PPSMATCH_NEO4J_AUTH": STRONG})
    production.check(prod(private_tokens, "memory://"), {})


def test_development_allows_what_production_refuses():
    production.check(Settings(store_url="bolt://127.0.0.1:7687"), {"PPSMATCH_NEO4J_AUTH": "none"})


def test_the_app_and_the_serve_command_refuse_to_start(private_tokens, monkeypatch, capsys):
    os.chmod(private_tokens, 0o644)
    with pytest.raises(production.UnsafeConfiguration, match="readable by every user"):
        create_app(prod(private_tokens, "memory://"), store=MemoryGraphStore())
    monkeypatch.setenv("PPSMATCH_ENV", "production")
    monkeypatch.setenv("PPSMATCH_TOKENS_FILE", private_tokens)
    monkeypatch.setenv("PPSMATCH_NEO4J_AUTH", "neo4j/neo4j")
    code = cli.main(["serve", "--store", "bolt://127.0.0.1:1", "--port", "8104"])
    assert code == cli.EXIT_BAD_INPUT
    assert "refuses to start" in capsys.readouterr().err


def test_an_unknown_environment_name_is_an_error():
    with pytest.raises(ValueError, match="PPSMATCH_ENV"):
        Settings.from_env({"PPSMATCH_ENV": "prod"})
