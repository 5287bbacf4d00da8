"""Organisation profiles: text and theme vectors built from own data plus coalition history.

Every function works on any subset of rows, so the index builds all rows once and the
evaluation rebuilds only the rows whose memberships it hides (no leakage, no full refit).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from graph_schema.model import Organisation
from matcher.notions import theme_weights
from matcher.sparse import (
    distinct_rows,
    expand_max,
    keep_top_per_row,
    sparse_lookup,
    unit_rows,
)

# Weights of the three parts of a text profile (each part l2-normalised first): an
# organisation without a description is still matched on its themes and coalition missions.
TEXT_PART_WEIGHTS = {"description": 1.0, "theme_labels": 0.5, "missions": 1.0}
# Experience saturates: 1 - 0.5**memberships, blended with years active (capped at 10).
EXPERIENCE_YEARS_CAP = 10.0
EXPERIENCE_YEARS_SHARE = 0.3
# Text profiles are mixed and cut this many rows at a time (bounds the build's memory).
TEXT_BLOCK_ROWS = 20_000


def org_document(org: Organisation) -> str:
    """The organisation's own text: name and description."""
    return f"{org.name}. {org.description}".strip()


@dataclass(frozen=True, eq=False)
class ProfileModel:
    """The fitted pieces every profile row is built from."""

    vectoriser: TfidfVectorizer
    theme_text: sp.csr_matrix  # themes x vocabulary, l2-normalised labels
    mission_text: sp.csr_matrix  # pps x vocabulary, l2-normalised missions
    pps_themes: sp.csr_matrix  # pps x themes, 0/1 (FOCUSES_ON)
    theme_sim: np.ndarray  # themes x themes, taxonomy similarity (diagonal 1), dense
    # Keep only this many strongest n-grams per text profile (None: all); bounds the
    # candidate matrix, hence query time and memory, at a million organisations.
    max_terms: int | None = None

    @property
    def n_text(self) -> int:
        """Width of the text part of a profile row."""
        return int(self.theme_text.shape[1])

    def direct_themes(self, own: sp.csr_matrix, membership: sp.csr_matrix) -> sp.csr_matrix:
        """Own theme weights (WORKS_ON, SBI) raised by the themes of member coalitions."""
        return theme_weights(own, membership, self.pps_themes)

    def cap(self, rows: sp.csr_matrix) -> sp.csr_matrix:
        """l2-normalised rows, cut to the `max_terms` strongest n-grams when set."""
        rows = sp.csr_matrix(unit_rows(rows), dtype=np.float32)
        if self.max_terms is None:
            return rows
        return sp.csr_matrix(unit_rows(keep_top_per_row(rows, self.max_terms)), dtype=np.float32)

    def text_rows(
        self, orgs: Sequence[Organisation], own: sp.csr_matrix, membership: sp.csr_matrix,
        documents: sp.csr_matrix | None = None,
    ) -> sp.csr_matrix:
        """l2-normalised text profiles: description, own theme labels, member missions.

        `documents` are the TF-IDF rows of the organisations' own texts when already known.
        """
        if not orgs:
            return sp.csr_matrix((0, self.n_text), dtype=np.float32)
        if documents is None:
            documents = self.vectoriser.transform([org_document(o) for o in orgs])
        # Rows are independent: a block at a time, the uncut parts of only that block exist
        # at once (all of them were the build's memory peak at a million organisations).
        blocks = [self._mixed(own[i : i + TEXT_BLOCK_ROWS], membership[i : i + TEXT_BLOCK_ROWS],
                              documents[i : i + TEXT_BLOCK_ROWS])
                  for i in range(0, len(orgs), TEXT_BLOCK_ROWS)]
        return sp.csr_matrix(sp.vstack(blocks, format="csr"), dtype=np.float32)

    def _mixed(self, own: sp.csr_matrix, membership: sp.csr_matrix,
               documents: sp.csr_matrix) -> sp.csr_matrix:
        """The capped weighted sum of the three text parts of some rows."""
        w = TEXT_PART_WEIGHTS
        own_text = w["description"] * self.cap(documents)
        missions = w["missions"] * unit_rows(membership @ self.mission_text)
        labels = self._labels(own, (own_text + missions) != 0)
        return self.cap(own_text + w["theme_labels"] * labels + missions)

    def _labels(self, own: sp.csr_matrix, others: sp.csr_matrix) -> sp.csr_matrix:
        """l2-normalised theme-label text of rows, computed once per distinct set of themes.

        With `max_terms`, a row keeps its strongest label n-grams and those where the other
        parts (`others`, the pattern of description and missions) are non-zero: every part is
        non-negative, so a label-only n-gram below the strongest can never be among the
        strongest of the sum (ties go to lower columns in both cuts), and the sum is the same
        wherever it can be kept.
        """
        sets, inverse = distinct_rows(own.astype(bool).toarray())
        labels = unit_rows(sp.csr_matrix(sets, dtype=np.float32) @ self.theme_text)
        if self.max_terms is None:
            return sp.csr_matrix(labels[inverse])
        strongest = keep_top_per_row(labels, self.max_terms)[inverse]
        return sp.csr_matrix(strongest.maximum(sparse_lookup(labels, inverse, others)))

    def profile_rows(
        self, orgs: Sequence[Organisation], own: sp.csr_matrix, membership: sp.csr_matrix,
        documents: sp.csr_matrix | None = None,
    ) -> sp.csr_matrix:
        """Candidate rows [text profile | taxonomy-expanded theme weights]."""
        text = self.text_rows(orgs, own, membership, documents)
        themes = expand_max(self.direct_themes(own, membership), sp.csr_matrix(self.theme_sim))
        return sp.csr_matrix(sp.hstack([text, themes], format="csr"), dtype=np.float32)


def experience(
    membership: sp.csr_matrix, pps_start: np.ndarray, reference_year: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: number of memberships, first start year (0 if unknown) and a score in [0, 1]."""
    counts = np.diff(membership.indptr).astype(np.int64)
    years = pps_start[membership.indices]
    known = np.where(years > 0, years, np.inf)
    first = np.full(membership.shape[0], np.inf)
    filled = counts > 0
    if membership.nnz:
        first[filled] = np.minimum.reduceat(known, membership.indptr[:-1][filled])
    first = np.where(np.isfinite(first), first, 0.0)
    active = np.where(first > 0, np.clip(reference_year - first, 0, EXPERIENCE_YEARS_CAP), 0.0)
    score = (1 - EXPERIENCE_YEARS_SHARE) * (1 - 0.5**counts) + (
        EXPERIENCE_YEARS_SHARE * active / EXPERIENCE_YEARS_CAP
    )
    return counts, first.astype(np.int64), score
