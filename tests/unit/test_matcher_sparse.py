"""The sparse helpers the index is built with."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from matcher.sparse import (
    bfs_distances,
    distinct_rows,
    expand_max,
    keep_top_per_row,
    pattern_groups,
    row_max,
    sparse_lookup,
)


def test_row_max_takes_the_best_value_per_row_and_zero_for_empty_rows():
    m = sp.csr_matrix(np.array([[1, 0, 1], [0, 0, 0], [0, 1, 0]], dtype=float))
    assert row_max(m, np.array([0.2, 0.9, 0.5])).tolist() == [0.5, 0.0, 0.9]


def test_expand_max_takes_the_max_not_the_sum():
    direct = sp.csr_matrix(np.array([[1.0, 0.8, 0.0]]))
    sim = sp.csr_matrix(np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 0.5], [0.5, 0.5, 1.0]]))
    assert np.allclose(expand_max(direct, sim).toarray(), [[1.0, 0.8, 0.5]])


def test_keep_top_per_row_keeps_the_largest_values_ties_by_column():
    m = sp.csr_matrix(np.array([[0.1, 0.5, 0.5, 0.3], [0.0, 0.2, 0.0, 0.0]]))
    kept = keep_top_per_row(m, 2).toarray()
    assert kept.tolist() == [[0.0, 0.5, 0.5, 0.0], [0.0, 0.2, 0.0, 0.0]]
    m2 = sp.csr_matrix(np.array([[0.4, 0.4, 0.4]]))
    assert keep_top_per_row(m2, 2).toarray().tolist() == [[0.4, 0.4, 0.0]]


def test_bfs_distances_are_undirected_and_capped():
    dist = bfs_distances(4, [(0, 1), (1, 2), (2, 3)], max_depth=2)
    assert dist[0].tolist() == [0, 1, 2, -1]
    assert dist[3, 1] == 2


def test_keep_top_per_row_agrees_with_sorting_each_row_on_random_ties():
    rng = np.random.default_rng(7)
    dense = rng.choice([0.0, 0.0, 0.1, 0.2, 0.3], size=(60, 40)).astype(np.float32)
    m = sp.csr_matrix(dense)
    kept = keep_top_per_row(m, 5).toarray()
    for row, values in zip(kept, dense, strict=True):
        cols = np.flatnonzero(values)
        best = sorted(cols.tolist(), key=lambda c: (-values[c], c))[:5]
        assert np.flatnonzero(row).tolist() == sorted(best)
        assert np.array_equal(row[best], values[best])


def test_sparse_lookup_reads_table_rows_at_the_pattern_only():
    table = sp.csr_matrix(np.array([[0.0, 0.5, 0.2], [0.7, 0.0, 0.0]], dtype=np.float32))
    where = sp.csr_matrix(np.array([[1, 1, 0], [1, 1, 1], [0, 0, 1]], dtype=bool))
    out = sparse_lookup(table, np.array([0, 1, 0]), where).toarray()
    assert np.array_equal(out, np.array([[0.0, 0.5, 0.0], [0.7, 0.0, 0.0], [0.0, 0.0, 0.2]],
                                        dtype=np.float32))


@pytest.mark.parametrize("width", [6, 40, 300])
def test_keep_top_per_row_agrees_with_sorting_each_row_on_narrow_and_wide_rows(width):
    # Rows are partitioned in dense arrays by length (within a factor of two): rows of
    # random lengths fall into several of them.
    rng = np.random.default_rng(width)
    dense = np.where(rng.random((300, width)) < 0.7,
                     rng.choice([0.1, 0.2, 0.3], size=(300, width)), 0.0).astype(np.float32)
    kept = keep_top_per_row(sp.csr_matrix(dense), 4).toarray()
    for row, values in zip(kept, dense, strict=True):
        best = sorted(np.flatnonzero(values).tolist(), key=lambda c: (-values[c], c))[:4]
        assert np.flatnonzero(row).tolist() == sorted(best)


def test_distinct_rows_gives_each_row_its_own():
    flags = np.random.default_rng(4).random((500, 70)) < 0.05
    flags[::7] = flags[0]
    sets, inverse = distinct_rows(flags)
    assert np.array_equal(sets[inverse], flags)
    assert len(sets) == len({row.tobytes() for row in flags})
    assert distinct_rows(np.zeros((3, 0), dtype=bool))[1].tolist() == [0, 0, 0]


def test_pattern_groups_share_a_group_by_the_set_of_columns_and_long_rows_stand_alone():
    rows = [[0, 2], [2, 0], [1], [], [0, 2], [0, 1, 2, 3], [0, 1, 2, 3], []]
    m = sp.lil_matrix((len(rows), 4))
    for i, cols in enumerate(rows):
        for c in cols:
            m[i, c] = 1.0
    # Row 1 holds the same columns as row 0, stored in another order.
    m = sp.csr_matrix(m)
    m.indices[m.indptr[1]:m.indptr[2]] = [2, 0]
    m.has_sorted_indices = False
    groups, first = pattern_groups(m, longest=3)
    key = [frozenset(r) for r in rows]
    for a in range(len(rows)):
        for b in range(len(rows)):
            same = key[a] == key[b] and len(rows[a]) <= 3
            assert (groups[a] == groups[b]) == (same or a == b), (a, b)
    assert sorted(set(groups.tolist())) == list(range(len(first)))
    for group, row in enumerate(first.tolist()):
        assert groups[row] == group


def test_row_max_of_a_row_s_pattern_group_is_its_own():
    rng = np.random.default_rng(5)
    m = sp.csr_matrix((rng.random((300, 12)) < 0.15).astype(float))
    values = rng.random(12)
    groups, first = pattern_groups(m, longest=2)
    np.testing.assert_array_equal(row_max(m[first], values)[groups], row_max(m, values))
