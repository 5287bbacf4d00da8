"""Domain notions with one definition each, used by ranking, rules, coverage and the UI alike."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from graph_schema.model import Organisation, OrgKind, Theme

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


# Theme weight an organisation gets from the themes of the pps'en it is a member of.
PPS_THEME_WEIGHT = 0.8
# Theme weight a company gets from its SBI section when a theme lists that section.
SBI_THEME_WEIGHT = 0.3


def sbi_theme_fit(orgs: Sequence[Organisation], themes: Sequence[Theme]) -> sp.csr_matrix:
    """Organisation x theme, SBI_THEME_WEIGHT where a theme lists the organisation's SBI section."""
    by_section: dict[str, list[int]] = defaultdict(list)
    for t, theme in enumerate(themes):
        for section in theme.sbi_sections:
            by_section[section].append(t)
    pairs = [(i, t) for i, o in enumerate(orgs) if o.sbi_section for t in by_section[o.sbi_section]]
    rows = [p[0] for p in pairs]
    cols = [p[1] for p in pairs]
    data = np.full(len(pairs), SBI_THEME_WEIGHT, dtype=np.float32)
    return sp.csr_matrix((data, (rows, cols)), shape=(len(orgs), len(themes)))


def own_theme_weights(works_on: sp.csr_matrix, orgs: Sequence[Organisation],
                      themes: Sequence[Theme]) -> sp.csr_matrix:
    """Organisation x theme: its WORKS_ON weight, or its SBI section's fit when higher."""
    return sp.csr_matrix(works_on.maximum(sbi_theme_fit(orgs, themes)))


def theme_weights(own: sp.csr_matrix, membership: sp.csr_matrix,
                  pps_themes: sp.csr_matrix) -> sp.csr_matrix:
    """Own theme weights (WORKS_ON, SBI) raised by the themes of the pps'en it is a member of.

    An organisation works on a theme exactly where this is > 0 (see `works_on_themes`).
    """
    via_pps = (membership @ pps_themes).astype(bool).astype(np.float32)
    return sp.csr_matrix(own.maximum(PPS_THEME_WEIGHT * via_pps))


def theme_ancestors(n_themes: int, broader: Sequence[tuple[int, int]]) -> sp.csr_matrix:
    """Theme x theme, 1 where the column is the row theme or a broader theme above it."""
    parents: dict[int, set[int]] = defaultdict(set)
    for child, parent in broader:
        parents[child].add(parent)
    rows: list[int] = []
    cols: list[int] = []
    for theme in range(n_themes):
        seen, todo = {theme}, [theme]
        while todo:  # the seen-set also guards against cycles in imported taxonomies
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        rows += [theme] * len(seen)
        cols += sorted(seen)
    data = np.ones(len(rows), dtype=np.float32)
    return sp.csr_matrix((data, (rows, cols)), shape=(n_themes, n_themes))


def works_on_themes(weights: sp.csr_matrix, ancestors: sp.csr_matrix) -> sp.csr_matrix:
    """Rows x theme, 1 where the row works on the theme.

    It does when its `theme_weights` (own WORKS_ON, SBI fit, themes of its pps'en) are > 0 for
    the theme or for a narrower one; the same rule serves pps'en with their FOCUSES_ON rows.
    """
    found = sp.csr_matrix((weights != 0).astype(np.float32) @ ancestors)
    found.data[:] = 1.0
    return found
