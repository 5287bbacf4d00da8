"""The seed bundle: all real reference data plus the synthetic companies and pps'en."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from seed_data.bundle import Bundle
from seed_data.generic import read_generic
from seed_data.priorities import load_priorities, priorities_bundle
from seed_data.reference_data import load_reference
from seed_data.regions import load_regions
from seed_data.synthetic import DEFAULT_SEED, generate
from seed_data.themes import load_taxonomy


def build_seed_bundle(companies: int = 5_000, seed: int = DEFAULT_SEED,
                      data_dir: Path | None = None, ppses: int | None = None) -> Bundle:
    """Read the reference files (from `data_dir` if given) and add the seeded synthetic data.

    Raises BundleError naming file, line and field when a reference file is malformed.
    """
    reference = load_reference(data_dir)
    synthetic = generate(companies=companies, seed=seed, ppses=ppses, reference=reference)
    return reference.bundle().concat(synthetic)  # synthetic ids (syn:*) never clash


def framework_bundle(data_dir: Path | None = None) -> Bundle:
    """Themes, provinces, gemeenten and priorities: what any import links to."""
    regions = load_regions(data_dir)
    taxonomy = load_taxonomy(data_dir)
    priorities = load_priorities(data_dir, regions, taxonomy)
    return taxonomy.bundle().merge(regions.bundle(), priorities_bundle(priorities))


def build_import_bundle(folder: Path | str, known_org_ids: Collection[str] = (),
                        data_dir: Path | None = None) -> Bundle:
    """A folder in the generic format plus the framework it links to (loadable on its own).

    `known_org_ids` lets memberships name organisations that are already in the store.
    """
    regions = load_regions(data_dir)
    taxonomy = load_taxonomy(data_dir)
    imported = read_generic(folder, taxonomy, regions, known_org_ids)
    return framework_bundle(data_dir).merge(imported)
