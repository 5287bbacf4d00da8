"""The deterministic generator: synthetic companies and pps'en on top of the real reference data."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from graph_schema.model import Label
from seed_data.bundle import Bundle
from seed_data.coalitions import generate_pps, pps_count
from seed_data.companies import generate_companies
from seed_data.reference_data import ReferenceData, load_reference

DEFAULT_SEED = 20261123
SCALES = {"5k": 5_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def generate(companies: int = 5_000, seed: int = DEFAULT_SEED, data_dir: Path | None = None,
             ppses: int | None = None, reference: ReferenceData | None = None) -> Bundle:
    """Synthetic companies and pps'en (every record `synthetic`); same seed, same bundle.

    `ppses` overrides the number of synthetic pps'en (default: about 400 in all, real ones
    included, at 5,000 companies, growing in proportion). Pass `reference` to reuse data
    already read.
    """
    if companies < 0:
        raise ValueError("companies must not be negative")
    ref = reference if reference is not None else load_reference(data_dir)
    rng = np.random.default_rng(seed)
    with _no_cyclic_gc():
        table, company_bundle = generate_companies(companies, rng, ref.economy, ref.regions,
                                                   ref.taxonomy)
        real = len(ref.real_pps.nodes_of(Label.PPS))
        count = ppses if ppses is not None else pps_count(companies, real)
        # ids are syn:co:* and syn:pps:*, so the two parts cannot overlap
        return company_bundle.concat(generate_pps(max(0, count), rng, ref, table))


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of small acyclic objects are built.

    The generator allocates only immutable records without reference cycles; the collector
    would otherwise rescan the growing heap again and again (a large share of the time at
    a million companies).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
