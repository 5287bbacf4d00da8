"""The weights of ppsmatch's score components: data, in one place.

Each component is in [0, 1]; components that do not apply to a mission (no themes, no text, no
region, no partners yet) drop out and the rest are renormalised (matcher.preparation).
text_fit is the TF-IDF cosine of mission and profile, kept apart from the taxonomy-based
theme_fit so that each can be explained.
Chosen by `ppsmatch evaluate` on the seed (Recall@10 / MRR): 0.35/0.15/0.2/0.15/0.15 with a
border decay of 0.5 gave 0.580 / 0.331; these with a decay of 0.35 give 0.613 / 0.361.
"""

from __future__ import annotations

WEIGHTS: dict[str, float] = {
    "theme_fit": 0.3,
    "text_fit": 0.15,
    "region_fit": 0.3,
    "network_fit": 0.15,
    "experience": 0.1,
}
