"""fit_vectoriser gives exactly what scikit-learn's TfidfVectorizer.fit_transform gives."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

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
