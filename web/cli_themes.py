"""`ppsmatch themes evaluate`: precision and recall of theme extraction on labelled phrases."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from matcher.theme_inference import ThemeInference, ThemeScores, score_themes
from seed_data.theme_phrases import SPLITS, ThemePhrase, load_theme_phrases
from seed_data.themes import Taxonomy, load_taxonomy


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `themes evaluate`."""
    themes = sub.add_parser("themes", help="theme extraction from mission texts")
    actions = themes.add_subparsers(dest="action", required=True)
    evaluate = actions.add_parser(
        "evaluate", help="precision and recall on labelled mission phrases, per split")
    evaluate.add_argument("--data", metavar="CSV", type=Path,
                          help="phrase file (default: seed_data/reference/themes/"
                               "theme_phrases.csv)")
    evaluate.add_argument("--misses", action="store_true",
                          help="list the phrases with a missed or a wrong theme")
    evaluate.add_argument("--json", action="store_true", help="print JSON")
    evaluate.set_defaults(handler=_cmd_evaluate)


def _cmd_evaluate(args: argparse.Namespace) -> int:
    taxonomy = load_taxonomy()
    phrases = load_theme_phrases(taxonomy, args.data)
    scores = {split: _score(taxonomy, [p for p in phrases if p.split == split])
              for split in SPLITS}
    scores["all"] = _score(taxonomy, list(phrases))
    if args.json:
        print(json.dumps({name: {"phrases": s.phrases, "precision": round(s.precision, 4),
                                 "recall": round(s.recall, 4)} for name, s in scores.items()},
                         indent=2))
        return 0
    print(f"{'split':<10}{'phrases':>8}{'precision':>11}{'recall':>9}")
    for name, s in scores.items():
        print(f"{name:<10}{s.phrases:>8}{s.precision:>11.4f}{s.recall:>9.4f}")
    if args.misses:
        for text, missed, wrong in scores["all"].misses:
            print(f"- {text}\n    missed: {', '.join(missed) or '-'}; "
                  f"wrong: {', '.join(wrong) or '-'}")
    return 0


def _score(taxonomy: Taxonomy, phrases: list[ThemePhrase]) -> ThemeScores:
    """Scores of the matcher's inference, built from the seed's taxonomy as an index does."""
    themes = tuple(sorted(taxonomy.themes, key=lambda t: t.id))
    pos = {t.id: i for i, t in enumerate(themes)}
    inference = ThemeInference.build(themes, [(pos[a], pos[b])
                                              for a, b in taxonomy.broader.items()])
    return score_themes(lambda text: [themes[t].id for t, _ in inference.infer(text)],
                        taxonomy.broader, [(p.phrase, p.themes, p.also_ok) for p in phrases])
