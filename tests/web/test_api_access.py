"""Every write endpoint refuses missing, malformed, wrong, revoked and expired tokens and the
wrong role, and writes nothing; failed tokens from one address are rate limited (429)."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from graph_schema.memory_store import MemoryGraphStore
from tests.contract import sample
from web.api import access
from web.api.throttle import FailureLimiter
from web.app import create_app
from web.auth import TokenFile
from web.config import Settings

EXAMPLE = Path(__file__).resolve().parents[2] / "seed_data" / "example"
ORG = {"name": "Nieuw B.V.", "kind": "company"}
PPS = {"name": "Nieuwe pps", "type": "regionale pps"}
METHODS = ("get", "put", "post", "delete", "patch")
# One valid request per write operation of the OpenAPI document: only the token may fail it.
WRITES = {
    ("put", "/api/organisations/{org_id}"): lambda c, h: c.put("/api/organisations/kvk:9", json=ORG,
                                                           headers=h),
    ("delete", "/api/organisations/{org_id}"): lambda c, h: c.delete("/api/organisations/kvk:1",
                                                                 headers=h),
    ("put", "/api/pps/{pps_id}"): lambda c, h: c.put("/api/pps/pps:9", json=PPS, headers=h),
    ("post", "/api/import"): lambda c, h: c.post("/api/import", headers=h, data={
        "organisations": (io.BytesIO((EXAMPLE / "organisations.csv").read_bytes()),
                          "organisations.csv")}),
}



def bad_tokens(tokens_file: Path) -> dict[str, dict[str, str]]:
    """Authorization headers that must all be refused, by what is wrong with them."""
    registry = TokenFile(tokens_file)
    good = registry.create("good-editor", "editor")[1]
    _, revoked = registry.create("revoked-editor", "editor")
    registry.revoke("revoked-editor")
    _, expired = registry.create("expired-editor", "editor", valid_for=timedelta(seconds=-1))
    token_id = good.split("_")[1]
    return {
        "missing": {},
        "empty": {"Authorization": ""},
        "no scheme": {"Authorization": good},
        "basic scheme": {"Authorization": f"Basic {good}"},
        "bearer without token": {"Authorization": "Bearer "},
        "malformed": {"Authorization": "Bearer ppsm_notatoken"},
        "not ascii": {"Authorization": "Bearer ppsm_\u00e9\u00e9_\u202e"},
        "huge": {"Authorization": "Bearer ppsm_" + "a" * 8000},
        "unknown id": {"Authorization": "Bearer ppsm_00000000_" + good.split("_", 2)[2]},
        "wrong secret": {"Authorization": f"Bearer ppsm_{token_id}_not-the-secret"},
        "good secret with a suffix": {"Authorization": f"Bearer {good}x"},
        "revoked": {"Authorization": f"Bearer {revoked}"},
        "expired": {"Authorization": f"Bearer {expired}"},
    }


@pytest.fixture
def guarded(sample_store, tokens_file):
    """A client of the app over the sample graph (no rate limit), and the bad tokens."""
    settings = Settings(tokens_file=str(tokens_file), token_failures=0)
    return create_app(settings, store=sample_store).test_client(), bad_tokens(tokens_file)


def test_the_table_covers_every_write_operation_of_the_document(client):
    spec = client.get("/api/openapi.json").get_json()
    secured = {(method, path) for path, item in spec["paths"].items()
               for method, op in item.items() if method in METHODS and op.get("security")}
    writes = {(method, path) for path, item in spec["paths"].items()
              for method in item if method in ("put", "patch", "delete")}
    assert writes <= secured
    assert secured == set(WRITES)


@pytest.mark.parametrize("operation", sorted(WRITES))
def test_every_write_refuses_every_bad_token_and_writes_nothing(guarded, sample_store,
                                                                operation):
    client, tokens = guarded
    before = sample_store.snapshot().digest()
    for what, headers in tokens.items():
        response = WRITES[operation](client, headers)
        assert response.status_code == 401, (what, response.get_json())
        assert response.get_json()["code"] == "unauthorized"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert sample_store.snapshot().digest() == before


@pytest.mark.parametrize("operation", sorted(WRITES))
def test_every_write_refuses_a_reader_token(client, sample_store, bearer, operation):
    before = sample_store.snapshot().digest()
    response = WRITES[operation](client, bearer("reader"))
    assert response.status_code == 403
    assert sample_store.snapshot().digest() == before


def test_an_expired_token_stops_working_and_a_fresh_one_works(tokens_file):
    registry = TokenFile(tokens_file)
    record, fresh = registry.create("day", "editor", valid_for=timedelta(days=1))
    assert registry.verify(fresh) == record
    assert record.expires is not None and not record.expired()
    ends = datetime.fromisoformat(record.expires)
    assert record.expired(now=ends) and not record.expired(now=ends - timedelta(seconds=1))


def limited_client(tokens_file, limit: int, clock) -> object:
    """An app over the sample graph whose limiter allows `limit` failures a minute."""
    store = MemoryGraphStore()
    sample.load_sample(store)
    app = create_app(Settings(tokens_file=str(tokens_file)), store=store)
    app.extensions[access.LIMITER] = FailureLimiter(limit, 60.0, clock)
    return app.test_client()


def test_too_many_failed_tokens_from_one_address_get_429_until_the_window_passes(tokens_file):
    now = [1000.0]
    client = limited_client(tokens_file, 3, lambda: now[0])
    _, good = TokenFile(tokens_file).create("editor", "editor")
    wrong = {"Authorization": "Bearer ppsm_00000000_guess"}
    for _ in range(3):
        assert client.put("/api/organisations/kvk:9", json=ORG, headers=wrong).status_code == 401
    blocked = client.put("/api/organisations/kvk:9", json=ORG,
                         headers={"Authorization": f"Bearer {good}"})
    assert blocked.status_code == 429
    assert blocked.get_json()["code"] == "too_many_requests"
    assert 1 <= int(blocked.headers["Retry-After"]) <= 60
    other = client.put("/api/organisations/kvk:9", json=ORG, environ_base={
        "REMOTE_ADDR": "10.0.0.2"}, headers={"Authorization": f"Bearer {good}"})
    assert other.status_code == 200  # another address is not punished
    now[0] += 61
    ok = client.put("/api/organisations/kvk:9", json=ORG,
                    headers={"Authorization": f"Bearer {good}"})
    assert ok.status_code == 200


def test_requests_without_any_token_do_not_count_as_guesses(tokens_file):
    client = limited_client(tokens_file, 2, lambda: 0.0)
    for _ in range(5):
        assert client.put("/api/organisations/kvk:9", json=ORG).status_code == 401
    _, good = TokenFile(tokens_file).create("editor", "editor")
    response = client.put("/api/organisations/kvk:9", json=ORG,
                          headers={"Authorization": f"Bearer {good}"})
    assert response.status_code == 200
