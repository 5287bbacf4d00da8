"""Small vectorised helpers over CSR matrices and graphs given as index arrays."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

# keep_top_per_row partitions rows up to PADDED_WIDTH * n values long PADDED_ROWS at a time in
# one dense array (a Python loop per row cost ~20 us a row, 20 s at a million organisations).
PADDED_WIDTH = 4
PADDED_ROWS = 50_000


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
    cut = _nth_largest(matrix, counts, n)[row_of]
    keep = matrix.data > cut
    # Values equal to a row's n-th largest fill it up to n, lowest columns first.
    ties = np.flatnonzero(matrix.data == cut)
    ties = ties[np.lexsort((matrix.indices[ties], row_of[ties]))]
    tie_rows = row_of[ties]
    room = n - np.bincount(row_of[keep], minlength=matrix.shape[0])
    rank = np.arange(len(ties)) - np.searchsorted(tie_rows, tie_rows)
    keep[ties[rank < room[tie_rows]]] = True
    # Every row keeps min(length, n) values: the row pointers follow from the lengths.
    indptr = np.r_[0, np.cumsum(np.minimum(counts, n))]
    return sp.csr_matrix((matrix.data[keep], matrix.indices[keep], indptr), shape=matrix.shape)


def _nth_largest(matrix: sp.csr_matrix, counts: np.ndarray, n: int) -> np.ndarray:
    """Per row: its n-th largest value, -inf for rows of at most n values.

    Rows up to PADDED_WIDTH * n long are laid out in one dense array and partitioned at once
    (no Python loop over a million rows); the rare longer ones one by one.
    """
    out = np.full(matrix.shape[0], -np.inf, dtype=np.float64)
    long = np.flatnonzero(counts > n)
    wide = counts[long] > PADDED_WIDTH * n
    for row in long[wide].tolist():
        values = matrix.data[matrix.indptr[row] : matrix.indptr[row + 1]]
        out[row] = np.partition(values, len(values) - n)[len(values) - n]
    narrow = long[~wide]
    for first in range(0, len(narrow), PADDED_ROWS):
        rows = narrow[first : first + PADDED_ROWS]
        lengths = counts[rows]
        line = np.repeat(np.arange(len(rows)), lengths)
        offset = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        padded = np.full((len(rows), int(lengths.max())), -np.inf, dtype=np.float64)
        padded[line, offset] = matrix.data[np.repeat(matrix.indptr[rows], lengths) + offset]
        out[rows] = -np.partition(-padded, n - 1, axis=1)[:, n - 1]
    return out


def sparse_lookup(table: sp.csr_matrix, rows: np.ndarray, where: sp.csr_matrix) -> sp.csr_matrix:
    """out[i, j] = table[rows[i], j] at the nonzeros of `where` (0 elsewhere), without
    materialising the rows of `table`."""
    width = np.int64(table.shape[1])
    table_rows = np.repeat(np.arange(table.shape[0], dtype=np.int64), np.diff(table.indptr))
    keys = table_rows * width + table.indices
    order = np.argsort(keys, kind="stable")  # CSR rows need not have sorted columns
    keys = keys[order]
    coo = where.tocoo()
    wanted = rows[coo.row].astype(np.int64) * width + coo.col
    at = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
    found = keys[at] == wanted if len(keys) else np.zeros(len(wanted), dtype=bool)
    values = table.data[order][at[found]]
    return sp.csr_matrix((values, (coo.row[found], coo.col[found])),
                         shape=(len(rows), table.shape[1]))
