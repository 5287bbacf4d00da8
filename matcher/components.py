"""The score components of candidates: one definition for ranking, reasons and learning."""

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
THEME, TEXT, NEWCOMER = (COMPONENTS.index(c) for c in ("theme_fit", "text_fit", "newcomer"))


def _assemble(index: MatchIndex, prep: PreparedMission, rows: np.ndarray,
              text_theme: np.ndarray) -> np.ndarray:
    """Rows x COMPONENTS from the (text, theme) profile products of those rows."""
    n = len(rows)
    region = (prep.region_fit(index, rows) if prep.municipality_fit is not None
              else np.zeros(n))
    network = prep.network.fit[rows] if prep.network is not None else np.zeros(n)
    columns = [text_theme[:, 1], text_theme[:, 0], index.word_fit(rows, prep.mission.text),
               region, network, index.experience[rows],
               (index.memberships[rows] == 0).astype(np.float64)]
    return np.clip(np.column_stack(columns), 0.0, 1.0)


def kind_components(index: MatchIndex, prep: PreparedMission, kind: OrgKind) -> np.ndarray:
    """Every candidate of a kind (block order) x COMPONENTS, in one sparse pass."""
    rows = index.blocks[kind].rows
    return _assemble(index, prep, rows, index.block_scores(kind, prep.query).reshape(-1, 2))


def off_theme(index: MatchIndex, prep: PreparedMission, rows: np.ndarray,
              components: np.ndarray) -> np.ndarray:
    """Per row: works on themes of its own, none of which fits the mission's themes."""
    if not prep.mission_themes:
        return np.zeros(len(rows), dtype=bool)
    own = np.diff(index.own_themes.indptr)[rows] > 0
    return own & (components[:, COMPONENTS.index("theme_fit")] <= 0)


def relevance(components: np.ndarray) -> np.ndarray:
    """Per candidate: its fit relative to the best candidate's, by theme fit where any
    candidate has one, else by text fit (0 when nobody fits)."""
    for column in (THEME, TEXT):
        fit = components[:, column]
        best = fit.max(initial=0.0)
        if best > 0:
            return fit / best
    return np.zeros(len(components))


def weighed(components: np.ndarray, off: np.ndarray) -> np.ndarray:
    """The components a score weighs: the context of off-theme candidates scaled down, and
    the newcomer prior in proportion to relevance."""
    out = components.copy()
    out[np.ix_(off, CONTEXT)] *= OFF_THEME_CONTEXT
    out[:, NEWCOMER] *= relevance(components)
    return out


def weight_vector(weights: dict[str, float]) -> np.ndarray:
    """The weights in COMPONENTS order (0 for a component the weights do not name)."""
    return np.array([weights.get(c, 0.0) for c in COMPONENTS])
