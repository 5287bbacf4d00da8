"""The score components of candidates: one definition for ranking, reasons and learning.

The ranking holds them as COMPONENTS x candidates, one contiguous row per component: every step
of a score reads or scales whole components over a kind's candidates (100k-1M of them), and a
row of a C-ordered array is one contiguous run where a column is a strided one.
"""

from __future__ import annotations

import numpy as np

from graph_schema.model import OrgKind
from matcher.index import MatchIndex
from matcher.preparation import PreparedMission

# Each component is in [0, 1]; matcher.weights holds their weights.
COMPONENTS = ("theme_fit", "text_fit", "word_fit", "region_fit", "network_fit", "experience",
              "newcomer")
# Region, experience and newcomer are context: they tell where and how a partner would fit,
# not whether it fits. An organisation whose own themes are all off the mission's themes keeps
# only this share of its context, so nearness alone does not lift a care company above the
# hydrogen companies or a food school above the ROCs that teach the theme. An organisation
# without known themes (a government, a register without themes) is not judged off-theme.
CONTEXT = np.array([COMPONENTS.index(c) for c in ("region_fit", "experience", "newcomer")])
OFF_THEME_CONTEXT = 0.5
# Being new is no merit in itself: the newcomer prior (on real consortia about 40 % of the
# members are new) counts in proportion to how well the newcomer fits, relative to the best
# candidate, so a new organisation that barely fits is not lifted on being new alone.
THEME, TEXT, WORD, REGION, NETWORK, EXPERIENCE, NEWCOMER = range(len(COMPONENTS))


def _assemble(index: MatchIndex, prep: PreparedMission, rows: np.ndarray,
              text: np.ndarray | float, theme: np.ndarray) -> np.ndarray:
    """COMPONENTS x rows from the text and theme profile products of those rows."""
    out = np.empty((len(COMPONENTS), len(rows)))  # every row is written below
    out[THEME], out[TEXT] = theme, text
    out[WORD] = index.word_fit(rows, prep.mission.text)
    out[REGION] = prep.region_fit(index, rows) if prep.municipality_fit is not None else 0.0
    out[NETWORK] = prep.network.fit[rows] if prep.network is not None else 0.0
    out[EXPERIENCE] = index.experience[rows]
    out[NEWCOMER] = index.memberships[rows] == 0
    return np.clip(out, 0.0, 1.0, out=out)


def text_weighs(prep: PreparedMission) -> bool:
    """Whether text fit counts in this mission's scores (the served weights give it none)."""
    return prep.weights.get("text_fit", 0.0) > 0


def kind_components(index: MatchIndex, prep: PreparedMission, kind: OrgKind) -> np.ndarray:
    """COMPONENTS x every candidate of a kind (block order), in one sparse pass.

    Where text fit does not weigh, its row is left 0: the text product is most of the pass (at
    a million organisations 5-20 ms); text_row gives it for the candidates that need it.
    """
    rows = index.blocks[kind].rows
    if text_weighs(prep):
        text_theme = index.block_scores(kind, prep.query).reshape(-1, 2)
        return _assemble(index, prep, rows, text_theme[:, 0], text_theme[:, 1])
    return _assemble(index, prep, rows, 0.0,
                     index.block_scores(kind, prep.query[:, 1:]).reshape(-1))


def text_row(index: MatchIndex, prep: PreparedMission, rows: np.ndarray) -> np.ndarray:
    """The text fit of some candidates, as kind_components computes it for all."""
    return np.clip(index.text_scores(rows, prep.query), 0.0, 1.0)


def off_theme(index: MatchIndex, prep: PreparedMission, rows: np.ndarray,
              theme_fit: np.ndarray) -> np.ndarray:
    """Per row: works on themes of its own, none of which fits the mission's themes."""
    if not prep.mission_themes:
        return np.zeros(len(rows), dtype=bool)
    own = np.diff(index.own_themes.indptr)[rows] > 0
    return own & (theme_fit <= 0)


def relevance_basis(components: np.ndarray) -> tuple[int, float]:
    """The component relevance compares by (theme fit where any candidate has one, else text
    fit) and the best candidate's value of it (0 when nobody fits)."""
    for component in (THEME, TEXT):
        best = float(components[component].max(initial=0.0))
        if best > 0:
            return component, best
    return TEXT, 0.0


def relevance(components: np.ndarray) -> np.ndarray:
    """Per candidate (COMPONENTS x candidates): its fit relative to the best candidate's, by
    theme fit where any candidate has one, else by text fit (0 when nobody fits)."""
    component, best = relevance_basis(components)
    if best > 0:
        return components[component] / best
    return np.zeros(components.shape[1])


def weighed(components: np.ndarray, off: np.ndarray) -> np.ndarray:
    """The components a score weighs (COMPONENTS x candidates): the context of off-theme
    candidates scaled down, and the newcomer prior in proportion to relevance."""
    out = np.empty_like(components)
    # One factor per candidate (x 1.0 leaves a value exactly as it was), written row by row:
    # one pass over each component, none over a copy of all of them.
    factor = np.where(off, OFF_THEME_CONTEXT, 1.0)
    for component in range(len(COMPONENTS)):
        if component in CONTEXT:
            np.multiply(components[component], factor, out=out[component])
        else:
            out[component] = components[component]
    out[NEWCOMER] *= relevance(components)
    return out


def weight_vector(weights: dict[str, float]) -> np.ndarray:
    """The weights in COMPONENTS order (0 for a component the weights do not name)."""
    return np.array([weights.get(c, 0.0) for c in COMPONENTS])
