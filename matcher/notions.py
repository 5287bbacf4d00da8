"""Domain notions with one definition each, used by ranking, rules, coverage and the UI alike."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from graph_schema.model import Organisation, OrgKind

# Government levels that give regional support (DESIGN section 1: gemeente, provincie, regional
# economic boards); '' is a government whose level an import did not give. National ones
# (subtype rijk, e.g. a ministry) do not: they support nationally, not regionally.
REGIONAL_SUBTYPES = frozenset({"gemeente", "provincie", ""})


def gives_regional_support(org: Organisation) -> bool:
    """A regional economic board, or a gemeente, provincie or government of unknown level."""
    return org.kind is OrgKind.BOARD or (
        org.kind is OrgKind.GOVERNMENT and org.subtype.lower() in REGIONAL_SUBTYPES)


def organisation_provinces(located_in: sp.csr_matrix, municipality_province: np.ndarray,
                           operates_in: sp.csr_matrix) -> sp.csr_matrix:
    """Organisation x province, 1 where the organisation is in the province.

    It is when one of its gemeenten (LOCATED_IN, organisation x gemeente) lies in the
    province (`municipality_province`: province per gemeente, -1 unknown) or when it operates
    in the province (OPERATES_IN, organisation x province).
    """
    gemeenten = np.flatnonzero(municipality_province >= 0)
    part_of = sp.csr_matrix(
        (np.ones(len(gemeenten), dtype=np.float32), (gemeenten, municipality_province[gemeenten])),
        shape=(len(municipality_province), operates_in.shape[1]))
    found = sp.csr_matrix((located_in != 0).astype(np.float32) @ part_of
                          + (operates_in != 0).astype(np.float32))
    found.data[:] = 1.0
    return found
