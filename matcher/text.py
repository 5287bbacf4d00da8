"""Text features: char n-gram TF-IDF and mapping free text onto taxonomy themes."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from graph_schema.model import Theme

# A theme counts as mentioned when this share of its label's (squared) TF-IDF mass occurs in
# the text; char n-grams make "zorgtechnologische" still contain most of "zorgtechnologie".
THEME_CONTAINMENT_THRESHOLD = 0.7
MAX_INFERRED_THEMES = 5


def make_vectoriser(max_features: int | None = None) -> TfidfVectorizer:
    """A char_wb 3-5 TF-IDF vectoriser: n-grams inside words cope with Dutch compounds."""
    return TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 5),
        lowercase=True,
        strip_accents="unicode",
        sublinear_tf=True,
        max_features=max_features,
        dtype=np.float32,
    )


def theme_labels(theme: Theme) -> tuple[str, ...]:
    """Every label of a theme (nl, en, synonyms), deduplicated, in a stable order."""
    seen: dict[str, None] = {}
    for label in (theme.label_nl, theme.label_en, *theme.synonyms):
        if label.strip():
            seen.setdefault(label.strip(), None)
    return tuple(seen)


def theme_text(theme: Theme) -> str:
    """All labels of a theme as one text (used in profiles and queries)."""
    return " ".join(theme_labels(theme))


def label_matrix(
    vectoriser: TfidfVectorizer, themes: Sequence[Theme]
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Squared l2-normalised label vectors (one row per label) and each row's theme index."""
    texts: list[str] = []
    owner: list[int] = []
    for t_idx, theme in enumerate(themes):
        for label in theme_labels(theme):
            texts.append(label)
            owner.append(t_idx)
    if not texts:
        return sp.csr_matrix((0, len(vectoriser.vocabulary_)), dtype=np.float32), np.zeros(0, int)
    vecs = normalize(vectoriser.transform(texts)).tocsr()
    vecs.data **= 2
    return vecs, np.asarray(owner, dtype=np.int64)


def infer_themes(
    query_vec: sp.csr_matrix, labels_sq: sp.csr_matrix, label_owner: np.ndarray, n_themes: int
) -> list[tuple[int, float]]:
    """Themes whose labels the text contains: (theme index, containment), best first, by index."""
    if labels_sq.shape[0] == 0 or query_vec.nnz == 0:
        return []
    present = query_vec.copy()
    present.data[:] = 1.0
    containment = np.asarray(labels_sq @ present.T.toarray()).ravel()
    best = np.zeros(n_themes)
    np.maximum.at(best, label_owner, containment)
    hits = np.flatnonzero(best >= THEME_CONTAINMENT_THRESHOLD)
    ordered = sorted(hits.tolist(), key=lambda t: (-best[t], t))[:MAX_INFERRED_THEMES]
    return [(t, float(min(1.0, best[t]))) for t in ordered]
