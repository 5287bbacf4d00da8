"""Tokens: hashed storage, roles on writes, optional tokens on reads, the token commands."""

from __future__ import annotations

import json

import pytest

from graph_schema.memory_store import MemoryGraphStore
from tests.contract import sample
from web.app import create_app
from web.auth import TokenError, TokenFile
from web.cli import main
from web.config import Settings

BODY = {"name": "Nieuw B.V.", "kind": "company"}


def test_write_without_a_token_is_401_with_a_challenge(client):
    response = client.put("/api/organisations/kvk:9", json=BODY)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["errors"][0]["field"] == "Authorization"


def test_write_with_a_wrong_token_is_401(client, bearer):
    bearer("editor")
    headers = {"Authorization": "Bearer ppsm_00000000_not-the-secret"}
    assert client.put("/api/organisations/kvk:9", json=BODY, headers=headers).status_code == 401


def test_write_with_a_reader_token_is_403(client, bearer):
    response = client.delete("/api/organisations/kvk:1", headers=bearer("reader"))
    assert response.status_code == 403
    assert response.get_json()["code"] == "forbidden"
    assert client.get("/api/organisations/kvk:1").status_code == 200


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_write_with_an_editor_or_admin_token_succeeds(client, bearer, role):
    response = client.put("/api/organisations/kvk:9", json=BODY, headers=bearer(role))
    assert response.status_code == 200


def test_auth_is_checked_before_the_body(client):
    assert client.put("/api/organisations/kvk:9", data="{broken").status_code == 401


def test_private_reads_need_a_reader_token(tokens_file):
    store = MemoryGraphStore()
    sample.load_sample(store)
    settings = Settings(tokens_file=str(tokens_file), public_reads=False)
    client = create_app(settings, store=store).test_client()
    _, token = TokenFile(tokens_file).create("kaart", "reader")
    assert client.get("/api/themes").status_code == 401
    ok = client.get("/api/themes", headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200
    assert client.get("/healthz").status_code == 200


def test_tokens_are_stored_hashed_and_revocable(tokens_file):
    registry = TokenFile(tokens_file)
    record, token = registry.create("ci", "editor")
    assert registry.verify(token) == record
    stored = tokens_file.read_text()
    assert token.split("_", 2)[2] not in stored  # the secret (it may itself hold "_")
    assert record.hash in stored
    # A second process revokes it; the first sees the file change, despite its cache.
    TokenFile(tokens_file).revoke("ci")
    assert registry.verify(token) is None


def test_token_roles_and_names_are_checked(tokens_file):
    registry = TokenFile(tokens_file)
    with pytest.raises(TokenError):
        registry.create("x", "superuser")
    with pytest.raises(TokenError):
        registry.revoke("nobody")


def test_token_commands_create_list_and_revoke(tokens_file, capsys):
    assert main(["token", "--file", str(tokens_file), "create", "--name", "kaart",
                 "--role", "reader"]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("ppsm_")
    assert main(["token", "--file", str(tokens_file), "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(t["name"], t["role"]) for t in listed] == [("kaart", "reader")]
    assert token not in json.dumps(listed)
    assert main(["token", "--file", str(tokens_file), "revoke", "kaart"]) == 0
    assert TokenFile(tokens_file).list() == ()
    assert main(["token", "--file", str(tokens_file), "revoke", "kaart"]) == 2
