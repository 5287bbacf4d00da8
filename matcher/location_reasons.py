"""Which of a school's locations count for a mission, and how the region reason names them.

A location other than the main one counts in proportion to its students up to
FULL_LOCATION_STUDENTS (a satellite of 219 students counts 0.22), times NOT_TAUGHT when none of
what is taught there (LOCATED_IN `themes`) is related to the mission's themes. So a small
location does not make a school regional for a theme it does not teach there, while a campus
of some size counts in full. Locations without student counts (mbo, companies) keep the plain
region fit of their gemeente.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from graph_schema.model import Relationship

NOT_TAUGHT = 0.25
FULL_LOCATION_STUDENTS = 1000


@dataclass(frozen=True)
class LocationModel:
    """Main locations of all organisations; students and taught themes where known."""

    main: np.ndarray  # org -> gemeente index of its main location, -1 when none
    entry_org: np.ndarray  # per location with a student count: org row (ascending)
    entry_gemeente: np.ndarray  # ... its gemeente index
    entry_size: np.ndarray  # ... weight by students, 1 for the main location
    entry_main: np.ndarray  # ... whether it is the main location
    entry_themes: sp.csr_matrix  # ... x themes: 1 where taught (empty row: not known)

    def weights(self, related: np.ndarray | None) -> np.ndarray:
        """Per location entry: size times NOT_TAUGHT where known to teach nothing related."""
        if related is None or len(self.entry_org) == 0:
            return self.entry_size
        known = np.diff(self.entry_themes.indptr) > 0
        teaches = np.asarray(self.entry_themes @ related.astype(np.float32)).ravel() > 0
        factor = np.where(known & ~teaches, NOT_TAUGHT, 1.0)
        return self.entry_size * np.where(self.entry_main, 1.0, factor)

    def fit(self, municipality_fit: np.ndarray, related: np.ndarray | None
            ) -> tuple[np.ndarray, np.ndarray]:
        """(org rows, their region fit): the best weighted location of each such org."""
        if len(self.entry_org) == 0:
            return self.entry_org, np.zeros(0)
        value = municipality_fit[self.entry_gemeente] * self.weights(related)
        rows, starts = np.unique(self.entry_org, return_index=True)
        return rows, np.maximum.reduceat(value, starts)

    def second(self, row: int, municipality_fit: np.ndarray, related: np.ndarray | None
               ) -> int | None:
        """The gemeente that gives an org its region fit when that is not its main location."""
        mine = np.flatnonzero(self.entry_org == row)
        if len(mine) == 0:
            return None
        value = municipality_fit[self.entry_gemeente[mine]] * self.weights(related)[mine]
        best = int(self.entry_gemeente[mine[int(np.argmax(value))]])
        main = int(self.main[row])
        if best == main or value.max() <= municipality_fit[main] or value.max() <= 0:
            return None
        return best


def related_themes(theme_weights: np.ndarray, theme_sim: np.ndarray) -> np.ndarray | None:
    """Themes related (taxonomy similarity > 0) to any mission theme; None without themes."""
    if not theme_weights.any():
        return None
    return np.asarray(theme_sim[:, theme_weights > 0].max(axis=1) > 0)


def build_locations(located: Sequence[Relationship], org_pos: Mapping[str, int],
                    municipality_pos: Mapping[str, int], theme_pos: Mapping[str, int]
                    ) -> LocationModel:
    """The location model of a snapshot's LOCATED_IN relationships."""
    main = np.full(len(org_pos), -1, dtype=np.int64)
    counted: list[tuple[int, int, int, bool, tuple[int, ...]]] = []
    for rel in located:
        org, gemeente = org_pos.get(rel.source), municipality_pos.get(rel.target)
        if org is None or gemeente is None:
            continue
        props = rel.props
        if props.get("main"):
            main[org] = gemeente
        if isinstance(props.get("students"), int):
            themes = tuple(theme_pos[t] for t in str(props.get("themes") or "").split("|")
                           if t in theme_pos)
            counted.append((org, gemeente, props["students"], bool(props.get("main")), themes))
    counted.sort()
    size = [1.0 if is_main else min(1.0, students / FULL_LOCATION_STUDENTS)
            for _, _, students, is_main, _ in counted]
    rows = [i for i, c in enumerate(counted) for _ in c[4]]
    cols = [t for c in counted for t in c[4]]
    themes = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                           shape=(len(counted), len(theme_pos)))
    return LocationModel(main, np.array([c[0] for c in counted], dtype=np.int64),
                         np.array([c[1] for c in counted], dtype=np.int64),
                         np.array(size, dtype=np.float64),
                         np.array([c[3] for c in counted], dtype=bool), themes)
