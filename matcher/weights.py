"""The weights of ppsmatch's score components: data, in one place (matcher/weights.json).

Each component is in [0, 1] (matcher.components); components that do not apply to a mission
(no themes, no text, no region, no partners yet) drop out and the rest are renormalised
(matcher.preparation). The weights are learned, not chosen: `ppsmatch weights fit` fits a
conditional logit with non-negative weights on leave-one-member-out queries of known coalitions
(matcher.learning) and writes the file with what it was fitted on.
"""

from __future__ import annotations

import json
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("weights.json")


def load_weights(path: Path = WEIGHTS_FILE) -> dict[str, float]:
    """The component weights stored in a weights file."""
    return {c: float(w) for c, w in json.loads(path.read_text(encoding="utf-8"))["weights"].items()}


WEIGHTS: dict[str, float] = load_weights()
