"""Word 1-2-gram profiles of organisations from the missions of their past pps'en."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from graph_schema.model import Pps
from matcher.sparse import unit_rows

# Mission texts whose per-pps word fit is kept (a few requests' worth).
MISSION_FITS_KEPT = 32


@dataclass(frozen=True, eq=False)
class WordProfiles:
    """Word TF-IDF of every pps mission (rows l2-normalised); org profiles are their sums."""

    vectoriser: TfidfVectorizer
    missions: sp.csr_matrix  # pps x vocabulary
    # mission text -> per-pps fit of its words, for the last MISSION_FITS_KEPT texts
    by_text: dict[str, np.ndarray] = field(default_factory=dict, init=False, repr=False)
    lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the per-process cache and its lock (a read model file holds it)."""
        return {"vectoriser": self.vectoriser, "missions": self.missions}

    def __setstate__(self, state: dict[str, object]) -> None:
        """Restore the fitted parts with an empty cache and a new lock."""
        for name, value in {**state, "by_text": {}, "lock": threading.Lock()}.items():
            object.__setattr__(self, name, value)  # frozen

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
        raw = np.asarray(membership @ self._mission_fit(text), dtype=np.float64).ravel()
        return np.divide(raw, norms, out=np.zeros_like(raw), where=norms > 0)

    def _mission_fit(self, text: str) -> np.ndarray:
        """Per pps: the text's words times its mission's words, kept for the next calls.

        A request scores and explains every kind it asks for with the same text, and the
        vectoriser's transform was most of a word fit.
        """
        per_pps = self.by_text.get(text)
        if per_pps is None:
            query = unit_rows(self.vectoriser.transform([text]))
            per_pps = np.asarray((self.missions @ query.T).toarray()).ravel()
            per_pps.flags.writeable = False
            with self.lock:  # request threads share the index
                if len(self.by_text) >= MISSION_FITS_KEPT:
                    del self.by_text[next(iter(self.by_text))]  # the oldest
                self.by_text[text] = per_pps
        return per_pps


def fit_word_profiles(ppses: Sequence[Pps]) -> WordProfiles:
    """Fit word 1-2-grams on the pps missions (texts only, no memberships)."""
    vectoriser = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), lowercase=True,
                                 strip_accents="unicode", sublinear_tf=True, min_df=1,
                                 dtype=np.float32)
    texts = [p.mission or p.name for p in ppses] or ["leeg"]
    missions = unit_rows(vectoriser.fit_transform(texts))
    return WordProfiles(vectoriser, missions[: len(ppses)])
