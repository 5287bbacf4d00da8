"""The soak's request mix (scripts/soak_run.py): all kinds, or only the one asked for."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

SPEC = importlib.util.spec_from_file_location(
    "soak_run", Path(__file__).resolve().parents[2] / "scripts" / "soak_run.py")
assert SPEC is not None and SPEC.loader is not None
soak_run = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(soak_run)
ORGS = [f"org-{i}" for i in range(10)]


def test_the_mix_sends_every_kind():
    rng = random.Random(1)
    kinds = {soak_run.requests_mix(ORGS, rng)[0] for _ in range(500)}
    assert kinds == set(soak_run.KINDS)


def test_only_sends_that_kind_as_the_mix_would():
    rng = random.Random(2)
    sent = [soak_run.requests_mix(ORGS, rng, "recommend") for _ in range(50)]
    assert {kind for kind, *_ in sent} == {"recommend"}
    assert {(method, path) for _, method, path, _ in sent} == {("POST", "/api/recommendations")}
    assert all(body["k"] == 10 and body["mission"] in soak_run.MISSIONS for *_, body in sent)
