"""The seed bundle: all real reference data plus the synthetic companies and pps'en."""

from __future__ import annotations

from pathlib import Path

from seed_data.bundle import Bundle
from seed_data.reference_data import load_reference
from seed_data.synthetic import DEFAULT_SEED, generate


def build_seed_bundle(companies: int = 5_000, seed: int = DEFAULT_SEED,
                      data_dir: Path | None = None, ppses: int | None = None) -> Bundle:
    """Read the reference files (from `data_dir` if given) and add the seeded synthetic data.

    Raises BundleError naming file, line and field when a reference file is malformed.
    """
    reference = load_reference(data_dir)
    synthetic = generate(companies=companies, seed=seed, ppses=ppses, reference=reference)
    return reference.bundle().merge(synthetic)
