"""Small vectorised helpers over CSR matrices and graphs given as index arrays."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

# keep_top_per_row partitions rows in dense arrays of about this many values (a Python loop per
# row cost ~20 us a row, 20 s at a million organisations).
PADDED_VALUES = 8_000_000


# pattern_groups keys rows of at most this many columns (an organisation's gemeenten and
# provinces: mostly one); longer rows are groups of their own.
PATTERN_WIDTH = 16

# Above this share of an array's rows, a reader of some rows reads all of them and picks its
# rows from the result: cheaper than copying that many rows out of a CSR matrix first.
MOST_ROWS = 0.25


def unit_rows(matrix: sp.spmatrix) -> sp.csr_matrix:
    """Rows scaled to unit l2 length, by scikit-learn's own kernel (normalize's result) without
    normalize's input checks, which cost more than the work on a query's few rows."""
    if matrix.shape[0] == 0:  # scikit-learn refuses no rows (e.g. a graph without pps)
        return sp.csr_matrix(matrix, dtype=np.float32)
    dtype = matrix.dtype if matrix.dtype in (np.float32, np.float64) else np.float64
    out = sp.csr_matrix(matrix, dtype=dtype, copy=True)
    inplace_csr_row_normalize_l2(out)
    return out


def most_rows(rows: np.ndarray, total: int) -> bool:
    """Whether `rows` are so many of `total` that reading every row is the cheaper way."""
    return len(rows) > MOST_ROWS * total


def pattern_groups(matrix: sp.csr_matrix, longest: int = PATTERN_WIDTH
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Rows grouped by their pattern (the set of their columns): per row its group and, per
    group, its first row. A row of more than `longest` columns is a group of its own."""
    pattern = sp.csr_matrix(matrix, copy=True)
    pattern.sort_indices()
    lengths = np.diff(pattern.indptr)
    short = lengths <= longest
    width = int(lengths[short].max(initial=0))
    # Short rows as fixed-width keys: their length, then their columns padded with -1.
    keys = np.full((int(short.sum()), width + 1), -1, dtype=np.int64)
    keys[:, 0] = lengths[short]
    within = np.arange(width) < lengths[short][:, None]
    keys[:, 1:][within] = pattern[np.flatnonzero(short)].indices
    first, inverse = _unique_rows(keys)
    groups = np.empty(matrix.shape[0], dtype=np.int64)
    groups[short] = inverse
    long = np.flatnonzero(~short)
    groups[long] = len(first) + np.arange(len(long))
    return groups, np.concatenate([np.flatnonzero(short)[first], long])


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


def distinct_rows(flags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of a boolean array and, per row, the position of its own among them
    (rows packed into bytes first)."""
    packed = np.packbits(flags, axis=1) if flags.shape[1] else np.zeros((len(flags), 1), np.uint8)
    first, inverse = _unique_rows(packed)
    return flags[first], inverse


def _unique_rows(array: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first row of each distinct row of a 2-d array and, per row, the number of its own.

    Each row is compared as one opaque value of its bytes (np.unique with axis=0 sorts rows
    element by element, several times slower).
    """
    rows = np.ascontiguousarray(array)
    keys = rows.view(np.dtype((np.void, rows.shape[1] * rows.itemsize))).reshape(-1)
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)


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
    cut = np.repeat(_nth_largest(matrix, counts, n), counts)
    keep = matrix.data > cut
    # Values equal to a row's n-th largest fill it up to n, lowest columns first.
    ties = np.flatnonzero(matrix.data == cut)
    tie_rows = np.searchsorted(matrix.indptr, ties, side="right") - 1
    order = np.lexsort((matrix.indices[ties], tie_rows))
    ties, tie_rows = ties[order], tie_rows[order]
    room = n - _row_sums(keep, matrix.indptr)
    rank = np.arange(len(ties)) - np.searchsorted(tie_rows, tie_rows)
    keep[ties[rank < room[tie_rows]]] = True
    # Every row keeps min(length, n) values: the row pointers follow from the lengths.
    indptr = np.r_[0, np.cumsum(np.minimum(counts, n))]
    return sp.csr_matrix((matrix.data[keep], matrix.indices[keep], indptr), shape=matrix.shape)


def _row_sums(flags: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """Per CSR row: how many of its entries are flagged."""
    out = np.zeros(len(indptr) - 1, dtype=np.int64)
    filled = np.diff(indptr) > 0
    if filled.any():
        out[filled] = np.add.reduceat(flags, indptr[:-1][filled], dtype=np.int64)
    return out


def _nth_largest(matrix: sp.csr_matrix, counts: np.ndarray, n: int) -> np.ndarray:
    """Per row: its n-th largest value (in the matrix's dtype), -inf for rows of at most n.

    Rows longer than n are laid out in dense arrays, rows of about the same length (within a
    factor of two) together, PADDED_VALUES at a time, and partitioned at once: no Python loop
    over a million rows, and little padding.
    """
    out = np.full(matrix.shape[0], -np.inf, dtype=matrix.dtype)
    long = np.flatnonzero(counts > n)
    widths = 2 ** np.ceil(np.log2(counts[long])).astype(np.int64)
    for width in np.unique(widths).tolist():
        rows = long[widths == width]
        step = max(1, PADDED_VALUES // width)
        for first in range(0, len(rows), step):
            chunk = rows[first : first + step]
            lengths = counts[chunk]
            ends = np.cumsum(lengths)
            at = np.repeat(matrix.indptr[chunk] - ends + lengths, lengths) + np.arange(ends[-1])
            padded = np.full((len(chunk), width), -np.inf, dtype=matrix.dtype)
            padded[np.arange(width) < lengths[:, None]] = matrix.data[at]
            # The n-th largest of a row is its (width - n)-th smallest (padding sorts first).
            padded.partition(width - n, axis=1)
            out[chunk] = padded[:, width - n]
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
