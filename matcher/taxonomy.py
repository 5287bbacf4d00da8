"""The theme taxonomy: similarity through BROADER links (narrower to broader)."""

from __future__ import annotations

import numpy as np

from matcher.sparse import bfs_distances

# Credit for a theme 0, 1 or 2 BROADER steps away (parent, child, sibling, grandparent).
SIMILARITY_BY_HOPS = (1.0, 0.5, 0.25)


def theme_similarity(n_themes: int, broader: list[tuple[int, int]]) -> np.ndarray:
    """Symmetric theme x theme similarity: 1 on the diagonal, decaying with taxonomy hops."""
    dist = bfs_distances(n_themes, broader, len(SIMILARITY_BY_HOPS) - 1)
    table = np.r_[np.asarray(SIMILARITY_BY_HOPS), 0.0]
    return np.where(dist >= 0, table[dist], 0.0).astype(np.float32)
