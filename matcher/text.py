"""Text features: the char n-gram TF-IDF vectoriser and the text of a theme."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

from graph_schema.model import Theme
from matcher.theme_inference import theme_labels

NGRAMS = (3, 5)
# TF-IDF rows are made this many documents at a time (bounds the fit's memory).
FIT_BLOCK_ROWS = 50_000


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


def fit_vectoriser(corpus: Sequence[str], max_features: int | None = None, cut_rows: int = 0,
                   cut: Callable[[sp.csr_matrix], sp.csr_matrix] | None = None
                   ) -> tuple[TfidfVectorizer, sp.csr_matrix]:
    """The fitted vectoriser and the corpus's TF-IDF rows, as `fit_transform` gives them.

    char_wb n-grams never cross a word, so each distinct word is cut into n-grams once and a
    document counts the n-grams of its words: the same counts, vocabulary and idf without
    scikit-learn's per-document pure-Python n-gram loop (most of a large build's time, as
    words repeat across organisations). Rows are made FIT_BLOCK_ROWS at a time and `cut`, when
    given, shortens the first `cut_rows` of them block by block, so the uncut rows of a million
    organisations never exist at once. A capped vocabulary is fitted the plain way.
    """
    if max_features is not None:
        plain = make_vectoriser(max_features)
        rows = sp.csr_matrix(plain.fit_transform(corpus))
        return plain, rows if cut is None else sp.vstack([cut(rows[:cut_rows]), rows[cut_rows:]],
                                                         format="csr")
    preprocess = make_vectoriser().build_preprocessor()
    words = CountVectorizer(analyzer=lambda doc: preprocess(doc).split(), dtype=np.float32)
    per_doc = sp.csr_matrix(words.fit_transform(corpus))
    # The words are preprocessed already: lowercasing or stripping them again changes nothing.
    grams = CountVectorizer(analyzer="char_wb", ngram_range=NGRAMS, lowercase=False,
                            dtype=np.float32)
    per_word = sp.csr_matrix(grams.fit_transform(words.get_feature_names_out()))
    starts = sorted({*range(0, cut_rows, FIT_BLOCK_ROWS),
                     *range(cut_rows, len(corpus), FIT_BLOCK_ROWS)} - {len(corpus)})
    bounds = list(zip(starts, [*starts[1:], len(corpus)], strict=True))
    document_frequency = np.zeros(per_word.shape[1], dtype=np.int64)
    for start, end in bounds:
        # Only which n-grams occur counts here: their order in a row does not.
        document_frequency += np.bincount((per_doc[start:end] @ per_word).indices,
                                          minlength=per_word.shape[1])
    idf = _idf(document_frequency, len(corpus))
    blocks = []
    for start, end in bounds:
        block = _tfidf(_counts(per_doc[start:end], per_word), idf)
        blocks.append(cut(block) if cut is not None and start < cut_rows else block)
    vectoriser = make_vectoriser(vocabulary=grams.vocabulary_)
    vectoriser.idf_ = idf
    return vectoriser, sp.csr_matrix(sp.vstack(blocks, format="csr"), dtype=np.float32)


def _counts(per_doc: sp.csr_matrix, per_word: sp.csr_matrix) -> sp.csr_matrix:
    """n-gram counts of documents: their word counts times each word's n-gram counts."""
    counts = sp.csr_matrix(per_doc @ per_word)
    counts.sort_indices()
    return counts


def _idf(document_frequency: np.ndarray, documents: int) -> np.ndarray:
    """Smoothed idf as scikit-learn's TfidfTransformer computes it (float32 throughout)."""
    df = document_frequency.astype(np.float32) + np.float32(1.0)
    idf = np.full_like(df, documents + 1, dtype=np.float32)
    idf /= df
    np.log(idf, out=idf)
    idf += np.float32(1.0)
    return idf


def _tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear tf times idf, rows l2-normalised: TfidfTransformer.transform's steps."""
    np.log(counts.data, counts.data)
    counts.data += np.float32(1.0)
    counts.data *= idf[counts.indices]
    return sp.csr_matrix(normalize(counts, norm="l2", copy=False))


def theme_text(theme: Theme) -> str:
    """All labels of a theme as one text (used in profiles and queries)."""
    return " ".join(theme_labels(theme))
