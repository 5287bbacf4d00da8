"""fit_vectoriser gives exactly what scikit-learn's TfidfVectorizer.fit_transform gives."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
import scipy.sparse as sp

from matcher import text
from matcher.sparse import keep_top_per_row
from matcher.text import fit_vectoriser, make_vectoriser

CORPUS = [
    "Waterstof en energietransitie in de Eemshaven",
    "Bakkerij De Korenaar BV. Brood en banket, brood en gebak",
    "ZORGTECHNOLOGIE  voor\tlanger thuis wonen\n(ouderen)",
    "Café Straße İstanbul ﬁne naïve coöperatie",  # accents, ligature, dotted capital I
    "a b c é",  # words shorter than every n-gram
    "",
    "   ",
    "energietransitie",
]


def test_same_vocabulary_idf_and_rows_as_fit_transform():
    plain = make_vectoriser()
    expected = sp.csr_matrix(plain.fit_transform(CORPUS))
    fitted, rows = fit_vectoriser(CORPUS)
    assert fitted.vocabulary_ == plain.vocabulary_
    assert np.array_equal(fitted.idf_, plain.idf_)
    assert rows.dtype == expected.dtype == np.float32
    assert (rows != expected).nnz == 0


def test_the_fitted_vectoriser_transforms_new_text_alike():
    plain = make_vectoriser().fit(CORPUS)
    fitted, _ = fit_vectoriser(CORPUS)
    texts = ["Eemshaven waterstof", "Cafe STRASSE", "onbekend woord"]
    assert (fitted.transform(texts) != plain.transform(texts)).nnz == 0


@pytest.mark.parametrize("cap", [5, 40])
def test_a_capped_vocabulary_keeps_the_most_frequent_ngrams(cap):
    fitted, rows = fit_vectoriser(CORPUS, max_features=cap)
    plain = make_vectoriser(cap)
    assert fitted.vocabulary_ == plain.fit(CORPUS).vocabulary_
    assert rows.shape == (len(CORPUS), cap)


def test_rows_made_in_blocks_equal_one_fit_transform(monkeypatch):
    monkeypatch.setattr(text, "FIT_BLOCK_ROWS", 3)
    expected = sp.csr_matrix(make_vectoriser().fit_transform(CORPUS))
    _, rows = fit_vectoriser(CORPUS)
    assert (rows != expected).nnz == 0


def test_cut_shortens_only_the_first_rows_block_by_block(monkeypatch):
    monkeypatch.setattr(text, "FIT_BLOCK_ROWS", 2)
    _, uncut = fit_vectoriser(CORPUS)
    _, rows = fit_vectoriser(CORPUS, cut_rows=5, cut=partial(keep_top_per_row, n=4))
    assert (rows[:5] != keep_top_per_row(uncut[:5], 4)).nnz == 0
    assert (rows[5:] != uncut[5:]).nnz == 0
    assert rows[:5].getnnz(axis=1).max() == 4 < uncut[:5].getnnz(axis=1).max()
