"""MatchIndex: everything a query needs, fitted once from a GraphSnapshot."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import scipy.sparse as sp

from graph_schema.model import GraphSnapshot, Organisation, OrgKind, Pps, Theme
from matcher.features import ProfileModel, experience
from matcher.graph_parts import SnapshotParts, split_snapshot
from matcher.location_reasons import LocationModel
from matcher.regions import RegionModel
from matcher.sparse import most_rows, pattern_groups
from matcher.theme_inference import ThemeInference
from matcher.word_profiles import WordProfiles, fit_word_profiles

# A graph's profiles share a budget of n-grams: each keeps its PROFILE_TERM_BUDGET /
# organisations strongest, and never fewer than LARGE_GRAPH_MAX_TERMS (full profiles hold
# ~2,000 n-grams each: 2e9 at 1M organisations). 64 terms everywhere cost the seed 1.8 points
# Recall@10; this budget costs the seed 0.5 (0.2 when generated with 10,000 companies), CORDIS
# nothing, and halves the product of a 10k graph (about 1,200 terms a profile, 100k: 127).
PROFILE_TERM_BUDGET = 12_800_000
LARGE_GRAPH_MAX_TERMS = 64


@dataclass(frozen=True, eq=False)
class Categorical:
    """A string attribute of every organisation as integer codes (for fast filters)."""

    codes: np.ndarray
    names: tuple[str, ...]

    @classmethod
    def of(cls, values: list[str]) -> Categorical:
        """Encode values; code i stands for names[i] (names sorted, '' included)."""
        names = tuple(sorted(set(values) | {""}))
        pos = {name: i for i, name in enumerate(names)}
        return cls(np.array([pos[v] for v in values], dtype=np.int64), names)

    def codes_of(self, wanted: tuple[str, ...], keep_empty: bool = False) -> np.ndarray:
        """The codes of the wanted values that occur, plus '' when asked."""
        chosen = set(wanted) | ({""} if keep_empty else set())
        return np.array([i for i, n in enumerate(self.names) if n in chosen], dtype=np.int64)


@dataclass(frozen=True, eq=False)
class KindBlock:
    """Candidate rows of one kind: global row numbers (id order) and their matrices."""

    rows: np.ndarray
    profile: sp.csr_matrix  # [text | expanded themes], one row per candidate
    columns: sp.csr_matrix  # profile transposed: one row per column (a query reads few)
    municipalities: sp.csr_matrix  # candidate x gemeente, 0/1
    provinces: sp.csr_matrix  # candidate x province, 0/1 (OPERATES_IN)


@dataclass(frozen=True, eq=False)
class MatchIndex:
    """A fitted, read-only view of the graph for matching; build with `build_index`.

    Rows of every organisation array are in id order, so ties broken by row are ties by id.
    `overrides` replaces the profile rows of organisations whose memberships were hidden
    with `without_memberships`; every reader goes through `profile_rows`.
    """

    orgs: tuple[Organisation, ...]
    org_pos: dict[str, int]
    kind_pos: np.ndarray  # row -> position inside its KindBlock
    blocks: dict[OrgKind, KindBlock]
    synthetic: np.ndarray
    size_classes: Categorical
    subtypes: Categorical
    own_themes: sp.csr_matrix  # org x theme: WORKS_ON weight, SBI fit
    org_municipalities: sp.csr_matrix  # org x gemeente, 0/1
    org_provinces: sp.csr_matrix  # org x province, 0/1 (OPERATES_IN, gemeente unknown)
    # Organisations with the same gemeenten and provinces share a location group: a region
    # fit is computed per group (a few thousand) and read per organisation.
    location_group: np.ndarray  # org -> its group
    group_municipalities: sp.csr_matrix  # group x gemeente, as org_municipalities
    group_provinces: sp.csr_matrix  # group x province, as org_provinces
    ppses: tuple[Pps, ...]
    pps_pos: dict[str, int]
    pps_start: np.ndarray
    membership: sp.csr_matrix  # org x pps, 0/1
    members: sp.csr_matrix  # pps x org, the transpose
    memberships: np.ndarray
    first_year: np.ndarray
    experience: np.ndarray
    words: WordProfiles
    word_norms: np.ndarray  # per org: length of its past missions' word profile
    themes: tuple[Theme, ...]
    theme_pos: dict[str, int]
    theme_inference: ThemeInference
    locations: LocationModel
    model: ProfileModel
    regions: RegionModel
    priorities: dict[int, tuple[tuple[int, str], ...]]  # province -> (theme, basis)
    reference_year: int
    overrides: Mapping[int, sp.csr_matrix] = field(default_factory=dict)

    def kind_of(self, row: int) -> OrgKind:
        """The kind of the organisation at a row."""
        return self.orgs[row].kind

    def profile_rows(self, rows: np.ndarray) -> sp.csr_matrix:
        """Profile rows of organisations (of any kinds, in the given order), overrides applied."""
        width = self.model.n_text + len(self.themes)
        if len(rows) == 0:
            return sp.csr_matrix((0, width), dtype=np.float32)
        kinds = {self.kind_of(int(r)) for r in rows}
        if len(kinds) == 1:
            out = self.blocks[kinds.pop()].profile[self.kind_pos[rows]]
        else:
            out = sp.vstack([self.blocks[self.kind_of(int(r))].profile[[self.kind_pos[r]]]
                             for r in rows], format="csr")
        for i in np.flatnonzero(np.isin(rows, list(self.overrides))).tolist():
            patch = self.overrides[int(rows[i])]
            out = sp.vstack([out[:i], patch, out[i + 1 :]], format="csr")
        return out

    def block_scores(self, kind: OrgKind, query: np.ndarray) -> np.ndarray:
        """Profile rows of every organisation of a kind times a dense query (a vector or
        columns), overrides applied."""
        # Only a query column's non-zero rows contribute: the product of those rows of
        # `columns` alone touches a few hundred of the block's rows, not every profile n-gram.
        # Column by column, as the text and theme columns have no non-zero row in common (the
        # same sums in the same order, without the other column's zeros).
        matrix = query.reshape(query.shape[0], -1)
        columns = self.blocks[kind].columns
        scores = np.empty((columns.shape[1], matrix.shape[1]))
        for c in range(matrix.shape[1]):
            used = np.flatnonzero(matrix[:, c])
            scores[:, c] = columns[used].T @ matrix[used, c]
        scores = scores.reshape((-1, *query.shape[1:]))
        for row, vec in self.overrides.items():
            if self.orgs[row].kind is kind:
                scores[self.kind_pos[row]] = np.asarray(vec @ query).reshape(scores.shape[1:])
        return scores

    def text_scores(self, rows: np.ndarray, query: np.ndarray) -> np.ndarray:
        """The text column of block_scores for some organisations (rows, any kinds): each
        row's profile n-grams in column order, the same float32 sums block_scores makes."""
        profiles = self.profile_rows(rows)[:, : self.model.n_text]
        profiles.sort_indices()
        return np.asarray(profiles @ query[: self.model.n_text, 0]).ravel().astype(np.float64)

    def word_fit(self, rows: np.ndarray, text: str) -> np.ndarray:
        """Word cosine of a mission text and the past missions of organisations (rows)."""
        if most_rows(rows, len(self.orgs)):
            return self.words.fit(self.membership, self.word_norms, text)[rows]
        return self.words.fit(self.membership[rows], self.word_norms[rows], text)

    def direct_themes(self, rows: np.ndarray) -> sp.csr_matrix:
        """Unexpanded theme weights of organisations (rows x themes), holdouts respected."""
        return self.model.direct_themes(self.own_themes[rows], self.membership[rows])

    def without_memberships(self, pairs: Iterable[tuple[str, str]]) -> MatchIndex:
        """This index as if the (organisation id, pps id) memberships did not exist."""
        drop = sp.csr_matrix(self.membership.shape, dtype=self.membership.dtype)
        coords = [(self.org_pos[o], self.pps_pos[p]) for o, p in pairs]
        if coords:
            r, c = zip(*coords, strict=True)
            drop = sp.csr_matrix(
                (np.ones(len(coords), dtype=self.membership.dtype), (r, c)),
                shape=self.membership.shape,
            )
        membership = (self.membership - self.membership.multiply(drop)).tocsr()
        membership.eliminate_zeros()
        rows = sorted({r for r, _ in coords})
        # Only the rows that lost a membership change their word norm.
        word_norms = self.word_norms.copy()
        word_norms[rows] = self.words.norms(membership[rows])
        profiles = self.model.profile_rows(
            [self.orgs[r] for r in rows], self.own_themes[rows], membership[rows]
        )
        overrides = dict(self.overrides)
        overrides.update({r: profiles[[i]] for i, r in enumerate(rows)})
        counts, first, score = experience(membership, self.pps_start, self.reference_year)
        return replace(
            self,
            membership=membership,
            members=membership.T.tocsr(),
            memberships=counts,
            first_year=first,
            experience=score,
            word_norms=word_norms,
            overrides=overrides,
        )


def build_index(snapshot: GraphSnapshot, max_features: int | None = None,
                max_terms: int | None | Literal["auto"] = "auto") -> MatchIndex:
    """Fit the vectoriser and build every matrix a query needs from one snapshot.

    `max_features` caps the n-gram vocabulary; `max_terms` the n-grams kept per profile
    (None: all; "auto": the graph's share of PROFILE_TERM_BUDGET, at least 64).
    """
    if max_terms == "auto":
        max_terms = profile_terms(len(snapshot.organisations))
    return _assemble(split_snapshot(snapshot, max_features, max_terms))


def profile_terms(organisations: int) -> int:
    """The n-grams each profile keeps ("auto") in a graph of this many organisations."""
    return max(LARGE_GRAPH_MAX_TERMS, PROFILE_TERM_BUDGET // max(organisations, 1))


def _assemble(parts: SnapshotParts) -> MatchIndex:
    """Compute profiles, experience and the per-kind blocks from the parsed snapshot."""
    model = parts.model
    orgs = parts.orgs
    profiles = model.profile_rows(orgs, parts.own_themes, parts.membership, parts.documents)
    counts, first, score = experience(parts.membership, parts.pps_start, parts.reference_year)
    words = fit_word_profiles(parts.ppses)
    kinds = np.array([list(OrgKind).index(o.kind) for o in orgs], dtype=np.int64)
    groups, examples = pattern_groups(sp.hstack([parts.org_municipalities,
                                                 parts.org_provinces], format="csr"))
    kind_pos = np.zeros(len(orgs), dtype=np.int64)
    blocks: dict[OrgKind, KindBlock] = {}
    for code, kind in enumerate(OrgKind):
        rows = np.flatnonzero(kinds == code)
        kind_pos[rows] = np.arange(len(rows))
        profile = profiles[rows]
        blocks[kind] = KindBlock(rows, profile, profile.T.tocsr(), parts.org_municipalities[rows],
                                 parts.org_provinces[rows])
    return MatchIndex(
        orgs=orgs,
        org_pos={o.id: i for i, o in enumerate(orgs)},
        kind_pos=kind_pos,
        blocks=blocks,
        synthetic=np.array([o.synthetic for o in orgs], dtype=bool),
        size_classes=Categorical.of([o.size_class for o in orgs]),
        subtypes=Categorical.of([o.subtype.lower() for o in orgs]),
        own_themes=parts.own_themes,
        org_municipalities=parts.org_municipalities,
        org_provinces=parts.org_provinces,
        location_group=groups,
        group_municipalities=parts.org_municipalities[examples],
        group_provinces=parts.org_provinces[examples],
        ppses=parts.ppses,
        pps_pos={p.id: i for i, p in enumerate(parts.ppses)},
        pps_start=parts.pps_start,
        membership=parts.membership,
        members=parts.membership.T.tocsr(),
        memberships=counts,
        first_year=first,
        experience=score,
        words=words,
        word_norms=words.norms(parts.membership),
        themes=parts.themes,
        theme_pos={t.id: i for i, t in enumerate(parts.themes)},
        theme_inference=parts.theme_inference,
        locations=parts.locations,
        model=model,
        regions=parts.regions,
        priorities=parts.priorities,
        reference_year=parts.reference_year,
    )
