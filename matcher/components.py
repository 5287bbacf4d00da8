"""The score components of candidates: one definition for ranking, reasons and learning."""

from __future__ import annotations

import numpy as np

from graph_schema.model import OrgKind
from matcher.index import MatchIndex
from matcher.preparation import PreparedMission

# Each component is in [0, 1]; matcher.weights holds their weights.
COMPONENTS = ("theme_fit", "text_fit", "word_fit", "region_fit", "network_fit", "experience",
              "newcomer")


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


def row_components(index: MatchIndex, prep: PreparedMission, rows: np.ndarray) -> np.ndarray:
    """Some organisations (of any kinds) x COMPONENTS, for their explanations."""
    text_theme = np.asarray(index.profile_rows(rows) @ prep.query).reshape(-1, 2)
    return _assemble(index, prep, rows, text_theme)


def weight_vector(weights: dict[str, float]) -> np.ndarray:
    """The weights in COMPONENTS order (0 for a component the weights do not name)."""
    return np.array([weights.get(c, 0.0) for c in COMPONENTS])
