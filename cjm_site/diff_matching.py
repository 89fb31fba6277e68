"""Which stage of the old version is which stage of the new one (see the package's docstring)."""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from collections.abc import Sequence

from cjm_site.fields import RECORDS, STAGE
from cjm_site.model import Stage

_WORD = re.compile(r"\w+")
_COMMON = frozenset(
    ["the", "and", "for", "with", "from", "that", "this", "into", "are", "was", "not", "but"]
)
CONTENT_CUTOFF = 0.3
"""Least content similarity (0..1) for two differently named stages to be one stage."""
NAME_CUTOFF = 0.8
"""Or least name similarity (difflib ratio, case-insensitive)."""
MAX_PAIRS = 40_000
"""Above this many (unmatched old x unmatched new) stages, only exact names match."""


def _words(stage: Stage) -> frozenset[str]:
    """The stage's content as words (every field but its name), for matching renamed stages."""
    texts: list[str] = []
    marks: set[str] = set()
    for spec in STAGE.fields:
        value = getattr(stage, spec.name)
        if spec.name == STAGE.shorthand or value is None:
            continue
        item = RECORDS.get(spec.kind)
        if spec.kind == "emotion":  # a number is a word of its own, never part of another
            marks.add(f"{spec.name}={value + 0.0:g}")  # + 0.0: -0.0 and 0.0 are one value
        elif item is not None:
            texts += [str(getattr(record, item.shorthand)) for record in value]
        elif spec.kind == "pairs":  # the names, not the measured values
            texts += [name for name, _ in value]
        elif isinstance(value, tuple):
            texts += [str(v) for v in value]
        else:
            texts.append(str(value))
    words = {w for text in texts for w in _WORD.findall(text.casefold()) if len(w) > 2}
    return frozenset((words - _COMMON) | marks)


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def match_stages(old: Sequence[Stage], new: Sequence[Stage]) -> list[tuple[int, int]]:
    """Pairs (old index, new index) of the same stage, in new order."""
    by_name: dict[str, list[int]] = {}
    for i, stage in enumerate(old):
        by_name.setdefault(stage.name, []).append(i)
    pairs: dict[int, int] = {}  # new index -> old index
    for j, stage in enumerate(new):
        queue = by_name.get(stage.name)
        if queue:
            pairs[j] = queue.pop(0)
    matched = set(pairs.values())
    free_old = [i for i in range(len(old)) if i not in matched]
    free_new = [j for j in range(len(new)) if j not in pairs]
    if len(free_old) * len(free_new) > MAX_PAIRS:  # a pathological page: stay fast
        free_old = free_new = []
    words_old = {i: _words(old[i]) for i in free_old}
    words_new = {j: _words(new[j]) for j in free_new}
    candidates = []
    for i in free_old:
        for j in free_new:
            content = _similarity(words_old[i], words_new[j])
            name = difflib.SequenceMatcher(
                None, old[i].name.casefold(), new[j].name.casefold()
            ).ratio()
            if content < CONTENT_CUTOFF and name < NAME_CUTOFF:
                continue
            place = 1 - abs(i / max(len(old) - 1, 1) - j / max(len(new) - 1, 1))
            candidates.append((-(0.7 * content + 0.2 * name + 0.1 * place), i, j))
    taken: set[int] = set()
    for _score, i, j in sorted(candidates):
        if i not in taken and j not in pairs:
            pairs[j] = i
            taken.add(i)
    return sorted(((i, j) for j, i in pairs.items()), key=lambda pair: pair[1])


def in_order(olds: Sequence[int], bonus: Sequence[int]) -> set[int]:
    """Positions in ``olds`` of a longest increasing subsequence (the stages not moved).

    Among equally long ones, the one keeping most ``bonus`` (stages that kept
    their name) wins, so a stage renamed and moved carries the move.
    """
    n = len(olds)
    back = [-1] * n  # the previous element of the best run ending at each position
    if n > 400:  # patience sorting, O(n log n), without the tie-break
        tails: list[int] = []  # position of the smallest last element of a run of each length
        tail_values: list[int] = []
        for k, value in enumerate(olds):
            length = bisect_left(tail_values, value)
            back[k] = tails[length - 1] if length else -1
            if length == len(tails):
                tails.append(k)
                tail_values.append(value)
            else:
                tails[length], tail_values[length] = k, value
        end = tails[-1] if tails else -1
    else:  # O(n²): each kept stage weighs more than all bonuses together
        best = [0] * n
        for k in range(n):
            weight = n + 1 + bonus[k]
            best[k] = weight
            for m in range(k):
                if olds[m] < olds[k] and best[m] + weight > best[k]:
                    best[k], back[k] = best[m] + weight, m
        end = max(range(n), key=lambda k: (best[k], -k)) if n else -1
    kept: set[int] = set()
    while end >= 0:
        kept.add(end)
        end = back[end]
    return kept
