"""Which taxonomy themes a free Dutch or English text names: the one text -> themes mapping.

Labels and synonyms match as whole words or word sequences; a label of MIN_COMPOUND or more
letters also matches at the start or end of a longer word, because Dutch writes compounds as
one word ("waterstofketen", "windenergie"). A match inside a longer match is dropped, so
"waterstof" counts as hydrogen and not as water, and "process industry" not also as industry.
A top-level cluster found beside one of its own narrower themes is dropped as less specific.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from graph_schema.model import Theme

MIN_COMPOUND = 5
# A compound part leaves a word of 3+ letters ("waterstof|keten"); "green|er" is no compound.
MIN_REST = 3
# Weight of a theme found only inside a compound or through a plural, against 1.0 for a word.
PART_WEIGHT = 0.8
MAX_INFERRED_THEMES = 5
# Plural and inflection endings tried on a word (English -s/-es/-al, Dutch -en/-s/-e).
ENDINGS = ("es", "en", "al", "s", "e")
# Dutch adjectives of nouns in -ie: "technologisch(e)" -> "technologie".
ADJECTIVE_ENDINGS = ("ische", "isch")
MAX_PHRASE_WORDS = 6
_WORD = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case, accents stripped, every run of other characters one space."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return " ".join(_WORD.findall(plain))


def theme_labels(theme: Theme) -> tuple[str, ...]:
    """Every label of a theme (nl, en, synonyms), deduplicated, in a stable order."""
    seen: dict[str, None] = {}
    for label in (theme.label_nl, theme.label_en, *theme.synonyms):
        if label.strip():
            seen.setdefault(label.strip(), None)
    return tuple(seen)


@dataclass(frozen=True)
class ThemeInference:
    """Label lookups of one taxonomy; `infer` maps a text to (theme index, weight)."""

    phrases: Mapping[str, tuple[int, ...]]  # normalised label -> theme indices
    compounds: Mapping[str, tuple[int, ...]]  # one-word labels long enough to be compound parts
    broader: Mapping[int, int]  # theme index -> its broader theme's index
    longest: int  # most words in one label

    @classmethod
    def build(cls, themes: Sequence[Theme],
              broader: Iterable[tuple[int, int]] = ()) -> ThemeInference:
        """Lookups for themes in index order; `broader` holds (narrower, broader) indices."""
        phrases: dict[str, list[int]] = {}
        for t, theme in enumerate(themes):
            for label in theme_labels(theme):
                key = normalise(label)
                if key and t not in phrases.setdefault(key, []):
                    phrases[key].append(t)
        frozen = {k: tuple(v) for k, v in phrases.items()}
        compounds = {k: v for k, v in frozen.items() if " " not in k and len(k) >= MIN_COMPOUND}
        longest = min(MAX_PHRASE_WORDS, max((k.count(" ") + 1 for k in frozen), default=1))
        return cls(frozen, compounds, dict(broader), longest)

    def infer(self, text: str) -> list[tuple[int, float]]:
        """The themes a text names: (theme index, weight), most often named first, at most
        MAX_INFERRED_THEMES; ties by first mention, then index."""
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(normalise(text))]
        spans = self._spans(words)
        kept = [s for s in spans if not any(_inside(s, o) for o in spans)]
        weight: dict[int, float] = {}
        count: dict[int, int] = {}
        first: dict[int, int] = {}
        for start, _end, themes, w in kept:
            for t in themes:
                weight[t] = max(weight.get(t, 0.0), w)
                count[t] = count.get(t, 0) + 1
                first.setdefault(t, start)
        specific = {self.broader[t] for t in weight if t in self.broader}
        found = [t for t in weight if t not in specific]
        found.sort(key=lambda t: (-count[t], -weight[t], first[t], t))
        return [(t, weight[t]) for t in found[:MAX_INFERRED_THEMES]]

    def _spans(self, words: list[tuple[int, int, str]]
               ) -> list[tuple[int, int, tuple[int, ...], float]]:
        """Every label match as (start, end, themes, weight) in the normalised text."""
        out = []
        for i, (start, end, word) in enumerate(words):
            for n in range(1, min(self.longest, len(words) - i) + 1):
                key = " ".join(w for _, _, w in words[i:i + n])
                if key in self.phrases:
                    out.append((start, words[i + n - 1][1], self.phrases[key], 1.0))
            for stem in _stems(word):
                if stem in self.phrases:
                    out.append((start, end, self.phrases[stem], PART_WEIGHT))
            for key, w_start, w_end in _parts(word, start):
                if key in self.compounds:
                    out.append((w_start, w_end, self.compounds[key], PART_WEIGHT))
        return out


def _stems(word: str) -> Iterable[str]:
    """The word without a plural or inflection ending, where a stem of 4+ letters remains,
    and a Dutch adjective as its noun ("zorgtechnologische" -> "zorgtechnologie")."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            yield word[: -len(ending)]
    for ending in ADJECTIVE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            yield word[: -len(ending)] + "ie"


def _parts(word: str, start: int) -> Iterable[tuple[str, int, int]]:
    """The prefixes and suffixes of MIN_COMPOUND+ letters of one word that leave MIN_REST+
    letters, with their spans."""
    end = start + len(word)
    for cut in range(MIN_COMPOUND, len(word) - MIN_REST + 1):
        yield word[:cut], start, start + cut
        yield word[len(word) - cut:], end - cut, end


def _inside(span: tuple[int, int, tuple[int, ...], float],
            other: tuple[int, int, tuple[int, ...], float]) -> bool:
    """Whether `span` lies within `other` and is shorter."""
    return (other[0] <= span[0] and span[1] <= other[1]
            and other[1] - other[0] > span[1] - span[0])


@dataclass(frozen=True)
class ThemeScores:
    """Micro-averaged precision and recall of inferred themes over labelled phrases."""

    phrases: int
    precision: float
    recall: float
    misses: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]  # text, missed, wrong


def score_themes(infer: Callable[[str], Sequence[str]], broader: Mapping[str, str],
                 cases: Iterable[tuple[str, Sequence[str], Sequence[str]]]) -> ThemeScores:
    """Precision and recall of `infer` (text -> theme ids) on (text, must, also_ok) cases.

    An expected theme counts as found when it or one of its narrower themes is inferred; an
    inferred theme counts as right when it is expected, allowed, or narrower than an expected
    one (an expected cluster is satisfied by any of its themes).
    """
    hits = found = inferred = expected = 0
    misses = []
    n = 0
    for text, must, also_ok in cases:
        n += 1
        got = list(infer(text))
        missed = tuple(e for e in must if not any(g == e or broader.get(g) == e for g in got))
        wrong = tuple(g for g in got
                      if g not in must and g not in also_ok and broader.get(g) not in must)
        expected += len(must)
        found += len(must) - len(missed)
        inferred += len(got)
        hits += len(got) - len(wrong)
        if missed or wrong:
            misses.append((text, missed, wrong))
    return ThemeScores(n, hits / inferred if inferred else 1.0,
                       found / expected if expected else 1.0, tuple(misses))
