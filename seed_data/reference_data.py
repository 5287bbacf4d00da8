"""All real reference data, read and checked once; the input of the seed and of the generator."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph_schema.model import Relationship
from seed_data.bundle import Bundle, BundleError, ProblemCollector
from seed_data.economy import Economy, load_economy
from seed_data.governments import RegionalOrganisation, governments_bundle, load_governments
from seed_data.mbo import load_mbo
from seed_data.named_orgs import NamedOrganisations, kinds_of, load_named, organisation_names
from seed_data.named_pps import add_named_pps
from seed_data.pps import load_real_pps
from seed_data.priorities import load_priorities, priorities_bundle, priorities_by_province
from seed_data.regions import Regions, load_regions
from seed_data.schools import SchoolRecord, load_hbo, load_programmes, load_wo, records_bundle
from seed_data.themes import Taxonomy, load_taxonomy


@dataclass(frozen=True)
class ReferenceData:
    """Regions, themes, schools, governments, priorities, real pps'en and the economy tables."""

    regions: Regions
    taxonomy: Taxonomy
    hbo: tuple[SchoolRecord, ...]
    mbo: tuple[SchoolRecord, ...]
    wo: tuple[SchoolRecord, ...]
    governments: tuple[RegionalOrganisation, ...]
    priorities: tuple[Relationship, ...]
    named: NamedOrganisations
    real_pps: Bundle
    economy: Economy
    notes: tuple[str, ...]

    def priority_themes(self) -> dict[str, tuple[str, ...]]:
        """Province code -> its priority theme ids."""
        return priorities_by_province(self.priorities)

    def bundle(self) -> Bundle:
        """Every real node and relationship."""
        return self.taxonomy.bundle().merge(
            self.regions.bundle(),
            records_bundle([*self.hbo, *self.wo, *self.mbo]),
            governments_bundle(list(self.governments), self.regions),
            priorities_bundle(self.priorities),
            self.named.bundle(self.regions),
            self.real_pps,
            Bundle(notes=self.notes),
        )


def load_reference(data_dir: Path | None = None) -> ReferenceData:
    """Read every reference file; problems of independent files are reported together."""
    regions = load_regions(data_dir)
    taxonomy = load_taxonomy(data_dir)
    problems = ProblemCollector()
    parts = {}
    loaders = {
        "programmes": lambda: load_programmes(data_dir, regions),
        "mbo": lambda: load_mbo(data_dir, regions, taxonomy),
        "governments": lambda: load_governments(data_dir, regions),
        "priorities": lambda: load_priorities(data_dir, regions, taxonomy),
        "economy": lambda: load_economy(data_dir, regions),
        "named": lambda: load_named(data_dir, regions, taxonomy),
    }
    for name, loader in loaders.items():
        try:
            parts[name] = loader()
        except BundleError as exc:
            problems.extend(exc)
    problems.raise_if_any()
    hbo, hbo_notes = load_hbo(data_dir, regions, taxonomy, parts["programmes"])
    wo = load_wo(data_dir, regions, taxonomy, parts["programmes"])
    mbo, notes = parts["mbo"]
    governments = parts["governments"]
    named = parts["named"]
    orgs = [r.org for r in (*hbo, *wo, *mbo, *governments, *named.records)]
    names, kinds = organisation_names(data_dir, orgs), kinds_of(orgs)
    real_pps = add_named_pps(load_real_pps(data_dir, regions, taxonomy, names, kinds), data_dir,
                             regions, taxonomy, names, kinds)
    return ReferenceData(regions, taxonomy, tuple(hbo), tuple(mbo), tuple(wo), tuple(governments),
                         parts["priorities"], named, real_pps, parts["economy"],
                         (*notes, *hbo_notes))
