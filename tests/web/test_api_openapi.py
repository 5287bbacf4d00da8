"""The OpenAPI document: valid, complete, browsable, and fuzzed by schemathesis on both stores."""

from __future__ import annotations

import os
import re

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from openapi_spec_validator import validate
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

API_PATHS = {
    "/api/organisations", "/api/organisations/{org_id}", "/api/pps", "/api/pps/{pps_id}",
    "/api/themes", "/api/regions", "/api/network", "/api/coverage", "/api/import",
    "/api/recommendations", "/api/coalition/check", "/api/coalition/build",
    "/api/coalition/what-if", "/api/reports/coverage",
}
# Generated cases per operation and mode: bounded so that both stores finish in about a minute;
# `scripts/fuzz` raises them (PPSMATCH_FUZZ_EXAMPLES, PPSMATCH_FUZZ_SEQUENCES).
FUZZ_EXAMPLES = int(os.environ.get("PPSMATCH_FUZZ_EXAMPLES", "12"))
STATEFUL_SEQUENCES = int(os.environ.get("PPSMATCH_FUZZ_SEQUENCES", "10"))
# Links schemathesis infers from the document (list -> detail -> put/delete) at the least.
MIN_LINKS = 8
# A schema-valid request may still name a theme or province that is not in the graph: that is
# a 422 by design, so schemathesis must not count it as valid data rejected.
FUZZ_CONFIG = {"checks": {"positive_data_acceptance": {
    "expected-statuses": ["2xx", "401", "403", "404", "409", "422", "429"]}}}


def test_openapi_document_is_valid_and_lists_every_endpoint(client):
    spec = client.get("/api/openapi.json").get_json()
    validate(spec)
    assert spec["openapi"].startswith("3.")
    assert API_PATHS <= set(spec["paths"])
    put = spec["paths"]["/api/organisations/{org_id}"]["put"]
    assert put["security"] == [{"bearerAuth": []}]
    assert spec["components"]["schemas"]["Error"]["properties"].keys() == {
        "code", "message", "errors"}


def test_docs_page_renders_every_operation_without_inline_scripts(client):
    response = client.get("/api/docs")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    # The only script is the site's bundle, loaded from a file (the CSP forbids inline ones).
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S)
    assert scripts == [""]
    assert re.search(r'<script type="module" src="/static/dist/app-\w+\.js">', html)
    assert "API-documentatie" in html
    for path in API_PATHS:
        assert f"<code>{path}</code>" in html


def _fuzz(operation, mode, headers, examples):
    """Run one operation through schemathesis' generated cases, validating every answer."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(headers=headers)

    try:
        run()
    except Unsatisfiable:
        # Only in negative mode: an operation without parameters has nothing to make invalid.
        assert mode is GenerationMode.NEGATIVE


def test_api_conforms_to_its_document_and_never_answers_5xx(app, bearer):
    schema = schemathesis.openapi.from_wsgi(
        "/api/openapi.json", app, config=SchemathesisConfig.from_dict(FUZZ_CONFIG))
    headers = bearer("editor")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= len(API_PATHS)
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, mode, headers, FUZZ_EXAMPLES)


def test_call_sequences_along_the_documents_links_never_answer_5xx(app, bearer):
    schema = schemathesis.openapi.from_wsgi(
        "/api/openapi.json", app, config=SchemathesisConfig.from_dict(FUZZ_CONFIG))
    token = bearer("editor")["Authorization"]

    @schema.auth()
    class Editor:
        """The editor token, given the way schemathesis' ignored-auth check can take it away."""

        def get(self, case, context):
            return token

        def set(self, case, data, context):
            case.headers = {**(case.headers or {}), "Authorization": data}

    machine = schema.as_state_machine()
    links = [name for name in dir(machine) if "___" in name and not name.startswith("RANDOM")]
    assert len(links) >= MIN_LINKS, links
    machine.run(settings=settings(max_examples=STATEFUL_SEQUENCES, stateful_step_count=6,
                                 deadline=None, derandomize=True, database=None,
                                 suppress_health_check=list(HealthCheck)))
