"""Text features: the char n-gram TF-IDF vectoriser and the text of a theme."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer

from graph_schema.model import Theme
from matcher.theme_inference import theme_labels

NGRAMS = (3, 5)


def make_vectoriser(max_features: int | None = None,
                    vocabulary: Mapping[str, int] | None = None) -> TfidfVectorizer:
    """A char_wb 3-5 TF-IDF vectoriser: n-grams inside words cope with Dutch compounds."""
    return TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=NGRAMS,
        lowercase=True,
        strip_accents="unicode",
        sublinear_tf=True,
        max_features=max_features,
        vocabulary=vocabulary,
        dtype=np.float32,
    )


def fit_vectoriser(corpus: Sequence[str], max_features: int | None = None
                   ) -> tuple[TfidfVectorizer, sp.csr_matrix]:
    """The fitted vectoriser and the corpus's TF-IDF rows, as `fit_transform` gives them.

    char_wb n-grams never cross a word, so each distinct word is cut into n-grams once and a
    document counts the n-grams of its words: the same counts, vocabulary and idf without
    scikit-learn's per-document pure-Python n-gram loop (most of a large build's time, as
    words repeat across organisations). A capped vocabulary is fitted the plain way.
    """
    if max_features is not None:
        plain = make_vectoriser(max_features)
        return plain, sp.csr_matrix(plain.fit_transform(corpus))
    preprocess = make_vectoriser().build_preprocessor()
    words = CountVectorizer(analyzer=lambda doc: preprocess(doc).split(), dtype=np.float32)
    per_doc = words.fit_transform(corpus)
    # The words are preprocessed already: lowercasing or stripping them again changes nothing.
    grams = CountVectorizer(analyzer="char_wb", ngram_range=NGRAMS, lowercase=False,
                            dtype=np.float32)
    per_word = grams.fit_transform(words.get_feature_names_out())
    counts = sp.csr_matrix(per_doc @ per_word)
    counts.sort_indices()
    tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
    vectoriser = make_vectoriser(vocabulary=grams.vocabulary_)
    vectoriser.idf_ = tfidf.idf_
    return vectoriser, sp.csr_matrix(tfidf.transform(counts, copy=False))


def theme_text(theme: Theme) -> str:
    """All labels of a theme as one text (used in profiles and queries)."""
    return " ".join(theme_labels(theme))
