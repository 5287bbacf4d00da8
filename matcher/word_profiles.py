"""Word 1-2-gram profiles of organisations from the missions of their past pps'en."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from graph_schema.model import Pps
from matcher.sparse import unit_rows


@dataclass(frozen=True, eq=False)
class WordProfiles:
    """Word TF-IDF of every pps mission (rows l2-normalised); org profiles are their sums."""

    vectoriser: TfidfVectorizer
    missions: sp.csr_matrix  # pps x vocabulary

    def norms(self, membership: sp.csr_matrix) -> np.ndarray:
        """Per organisation: the l2 length of the sum of its past missions' word vectors."""
        summed = membership @ self.missions
        return np.sqrt(np.asarray(summed.multiply(summed).sum(axis=1)).ravel())

    def fit(self, membership: sp.csr_matrix, norms: np.ndarray, text: str) -> np.ndarray:
        """Per row of `membership`: cosine of the text's words and its past missions' words.

        Computed as membership @ (missions @ query) over the precomputed norms, so a query
        costs one product with the pps missions, not one per organisation.
        """
        if not text.strip() or self.missions.shape[0] == 0:
            return np.zeros(membership.shape[0])
        query = unit_rows(self.vectoriser.transform([text]))
        per_pps = np.asarray((self.missions @ query.T).toarray()).ravel()
        raw = np.asarray(membership @ per_pps, dtype=np.float64).ravel()
        return np.divide(raw, norms, out=np.zeros_like(raw), where=norms > 0)


def fit_word_profiles(ppses: Sequence[Pps]) -> WordProfiles:
    """Fit word 1-2-grams on the pps missions (texts only, no memberships)."""
    vectoriser = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), lowercase=True,
                                 strip_accents="unicode", sublinear_tf=True, min_df=1,
                                 dtype=np.float32)
    texts = [p.mission or p.name for p in ppses] or ["leeg"]
    missions = unit_rows(vectoriser.fit_transform(texts))
    return WordProfiles(vectoriser, missions[: len(ppses)])
