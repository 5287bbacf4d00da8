"""Every malformed import folder is refused by the CLI and by POST /api/import, naming file, line
and field, and the graph stays identical (a checksum over all nodes and relationships), on both
stores. The corpus is tests/data/bad/ (one folder per case, its expectation in expected.json)
plus the big cases of tests/hardening/generated.py, written at test time."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from graph_schema.memory_store import MemoryGraphStore
from graph_schema.store import GraphStore
from tests.hardening.generated import GENERATED
from web import cli, cli_common
from web.app import create_app
from web.auth import TokenFile
from web.config import Settings
from web.services import seeding

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "bad"
EXAMPLE = ROOT / "seed_data" / "example"
FILES = ("organisations", "coalitions", "memberships")
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) + sorted(GENERATED)



@pytest.fixture(scope="module", params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def loaded(request, tmp_path_factory):
    """A store holding the example import, an app over it and an editor token."""
    if request.param == "memory":
        store: GraphStore = MemoryGraphStore()
    else:
        store = request.getfixturevalue("neo4j_store")
        store.clear()
    seeding.import_folder(store, str(EXAMPLE))
    tokens = tmp_path_factory.mktemp("tokens") / "tokens.json"
    _, token = TokenFile(tokens).create("bad-files", "editor")
    client = create_app(Settings(tokens_file=str(tokens)), store=store).test_client()
    yield store, client, {"Authorization": f"Bearer {token}"}
    store.clear()


@pytest.fixture(scope="module")
def generated_root(tmp_path_factory):
    """The folder the big cases are written into (each once per test session)."""
    return tmp_path_factory.mktemp("generated-bad")


def case_folder(name: str, root: Path) -> Path:
    """The folder of a case: in the corpus, or generated now (once)."""
    if name not in GENERATED:
        return CORPUS / name
    folder = root / name
    if not folder.exists():
        folder.mkdir()
        GENERATED[name](folder)
    return folder


def expected(folder: Path) -> dict:
    """What the case must produce: file, line, field, a phrase of the message, the API status."""
    return json.loads((folder / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", CASES)
def test_the_cli_refuses_a_bad_folder_naming_file_line_and_field(
        name, loaded, generated_root, monkeypatch, capsys):
    store, _, _ = loaded
    folder = case_folder(name, generated_root)
    want = expected(folder)
    if isinstance(store, MemoryGraphStore):
        # memory:// would open a new empty store; hand the command this one instead.
        monkeypatch.setattr(cli_common, "open_store", lambda url: store)
    before = store.snapshot().digest()
    code = cli.main(["load", "--data", str(folder), "--store", store.url])
    message = capsys.readouterr().err
    assert code == cli.EXIT_BAD_INPUT, message
    where = want["file"] if want["line"] is None else f"{want['file']} line {want['line']}"
    assert where in message
    if want["field"]:
        assert f"field '{want['field']}'" in message
    assert want["says"] in message
    assert len(message) < 20_000  # a 10 MB value is not echoed back
    assert store.snapshot().digest() == before


@pytest.mark.parametrize("name", CASES)
def test_the_api_refuses_a_bad_upload_naming_file_line_and_field(name, loaded, generated_root):
    store, client, headers = loaded
    folder = case_folder(name, generated_root)
    want = expected(folder)
    files = {f: (io.BytesIO((folder / f"{f}.csv").read_bytes()), f"{f}.csv")
             for f in FILES if (folder / f"{f}.csv").exists()}
    before = store.snapshot().digest()
    response = client.post("/api/import", data=files, headers=headers)
    body = response.get_json()
    assert response.status_code == want.get("api_status", 422), body
    assert store.snapshot().digest() == before
    if response.status_code == 413:
        return
    first = body["errors"][0]
    if want["line"] is None:  # the folder lacks the file: the API names the missing form field
        assert first["field"] == want["file"].removesuffix(".csv")
        return
    assert (first["file"], first["line"], first["field"]) == (want["file"], want["line"],
                                                              want["field"])
    assert want["says"] in first["message"]
    assert len(response.data) < 20_000
