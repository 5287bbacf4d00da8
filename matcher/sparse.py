"""Small vectorised helpers over CSR matrices and graphs given as index arrays."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize


def unit_rows(matrix: sp.spmatrix) -> sp.csr_matrix:
    """Rows scaled to unit l2 length; scikit-learn refuses no rows (e.g. a graph without pps)."""
    if matrix.shape[0] == 0:
        return sp.csr_matrix(matrix, dtype=np.float32)
    return sp.csr_matrix(normalize(matrix))


def row_max(matrix: sp.csr_matrix, values: np.ndarray) -> np.ndarray:
    """For each row, the max of `values` over the row's column indices (0 for empty rows)."""
    out = np.zeros(matrix.shape[0], dtype=np.float64)
    if matrix.nnz == 0:
        return out
    vals = values[matrix.indices]
    filled = np.diff(matrix.indptr) > 0
    # reduceat over the starts of non-empty rows: empty rows between them have zero length.
    out[filled] = np.maximum.reduceat(vals, matrix.indptr[:-1][filled])
    return out


def bfs_distances(n: int, edges: Iterable[tuple[int, int]], max_depth: int) -> np.ndarray:
    """All-pairs hop distances in an undirected graph; -1 where farther than `max_depth`."""
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    dist = np.full((n, n), -1, dtype=np.int64)
    for start in range(n):
        dist[start, start] = 0
        queue = deque([start])
        while queue:
            node = queue.popleft()
            if dist[start, node] >= max_depth:
                continue
            for nxt in neighbours[node]:
                if dist[start, nxt] < 0:
                    dist[start, nxt] = dist[start, node] + 1
                    queue.append(nxt)
    return dist


def expand_max(direct: sp.csr_matrix, similarity: sp.csr_matrix) -> sp.csr_matrix:
    """out[i, j] = max_k direct[i, k] * similarity[k, j], computed exactly on the nonzeros."""
    coo = direct.tocoo()
    counts = np.diff(similarity.indptr)[coo.col]
    total = int(counts.sum())
    shape = (direct.shape[0], similarity.shape[1])
    if total == 0:
        return sp.csr_matrix(shape, dtype=np.float32)
    # Concatenate the ranges similarity.indptr[k] .. indptr[k+1] for every nonzero's column k.
    starts = similarity.indptr[coo.col]
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)
    rows = np.repeat(coo.row, counts)
    cols = similarity.indices[offsets]
    vals = np.repeat(coo.data, counts) * similarity.data[offsets]
    key = rows.astype(np.int64) * shape[1] + cols
    order = np.argsort(key, kind="stable")
    key, vals = key[order], vals[order]
    first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    best = np.maximum.reduceat(vals, first)
    ukey = key[first]
    out = sp.csr_matrix((best.astype(np.float32), (ukey // shape[1], ukey % shape[1])), shape=shape)
    out.sort_indices()
    return out


def keep_top_per_row(matrix: sp.csr_matrix, n: int) -> sp.csr_matrix:
    """Keep the n largest values of each row (ties by column), dropping the rest."""
    counts = np.diff(matrix.indptr)
    if counts.max(initial=0) <= n:
        return matrix
    row_of = np.repeat(np.arange(matrix.shape[0]), counts)
    # One sort of every nonzero by (row, -value, column): the first n of a row are kept.
    order = np.lexsort((matrix.indices, -matrix.data, row_of))
    rank = np.empty(matrix.nnz, dtype=np.int64)
    rank[order] = np.arange(matrix.nnz) - np.repeat(matrix.indptr[:-1], counts)
    keep = rank < n
    return sp.csr_matrix((matrix.data[keep], matrix.indices[keep],
                          _indptr(row_of[keep], matrix.shape[0])), shape=matrix.shape)


def _indptr(rows: np.ndarray, n_rows: int) -> np.ndarray:
    """CSR row pointers for sorted row numbers."""
    return np.r_[0, np.cumsum(np.bincount(rows, minlength=n_rows))]
