"""Text features: the char n-gram TF-IDF vectoriser and the text of a theme."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from graph_schema.model import Theme
from matcher.theme_inference import theme_labels


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


def theme_text(theme: Theme) -> str:
    """All labels of a theme as one text (used in profiles and queries)."""
    return " ".join(theme_labels(theme))
