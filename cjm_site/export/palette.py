"""The map's stylesheet made concrete: the light palette, and its rules as attribute values.

The drawing styles the map with classes and CSS custom properties so the site
can switch palettes; a file that leaves the site needs the values themselves.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from cjm_site.drawing import STYLESHEET

__all__ = ["LIGHT_PALETTE", "Rule", "light_rules", "resolve_stylesheet"]

LIGHT_PALETTE: Mapping[str, str] = {
    "--cjm-paper": "#ffffff",
    "--cjm-bg": "#ffffff",
    "--cjm-ink": "#1f2430",
    "--cjm-muted": "#596172",
    "--cjm-rule": "#dfe3ea",
    "--cjm-lane-a": "#ffffff",
    "--cjm-lane-b": "#f7f8fa",
    "--cjm-lane-head": "#eef0f5",
    "--cjm-stage": "#e8eaf6",
    "--cjm-stage-edge": "#5c6bc0",
    "--cjm-stage-ink": "#1a237e",
    "--cjm-card": "#ffffff",
    "--cjm-card-edge": "#cfd5df",
    "--cjm-goal": "#eef3fd",
    "--cjm-goal-edge": "#c5d5f2",
    "--cjm-touch": "#eaf4fb",
    "--cjm-touch-edge": "#b7d4ea",
    "--cjm-thought": "#fff8e1",
    "--cjm-thought-edge": "#e3cd7d",
    "--cjm-pain": "#fdeeee",
    "--cjm-pain-edge": "#ebb4b4",
    "--cjm-opportunity": "#eaf6ee",
    "--cjm-opportunity-edge": "#a9d6b6",
    "--cjm-metric": "#f4f0fb",
    "--cjm-metric-edge": "#d4c8ec",
    "--cjm-backstage": "#eff1f4",
    "--cjm-backstage-edge": "#c9cfd8",
    "--cjm-mark-pain": "#e53935",
    "--cjm-mark-delight": "#fbc02d",
    "--cjm-mark-truth": "#3f51b5",
    "--cjm-positive": "#2e7d32",
    "--cjm-negative": "#c62828",
    "--cjm-curve": "#3949ab",
    "--cjm-aspiration": "#e65100",
    "--cjm-face-ink": "#1f2430",
    "--cjm-face-good": "#c8e6c9",
    "--cjm-face-ok": "#fff1b8",
    "--cjm-face-bad": "#ffcdd2",
    "--cjm-persona-a": "#3949ab",
    "--cjm-persona-b": "#00796b",
    "--cjm-persona-c": "#8e24aa",
    "--cjm-persona-d": "#5d4037",
    "--cjm-persona-e": "#b53d00",
    "--cjm-persona-f": "#ad1457",
    "--cjm-hatch": "#c4622d",
}
"""The light scheme of ``theme/assets/cjm/map.css`` (a test keeps the two equal)."""

# Properties the map's stylesheet may set, all valid as presentation attributes.
_PROPERTIES = frozenset(
    {
        "fill",
        "fill-opacity",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-opacity",
        "opacity",
        "font-family",
        "font-style",
        "font-weight",
        "paint-order",
    }
)
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS_SELECTOR = re.compile(r"\.cjm-journey-map\s+((?:\.[A-Za-z0-9_-]+)+)")
_VAR = re.compile(r"var\(\s*(--[A-Za-z0-9-]+)\s*(?:,\s*([^()]*?))?\s*\)")


@dataclass(frozen=True, slots=True)
class Rule:
    """One resolved rule of the stylesheet: the classes an element needs, and what it gets."""

    classes: frozenset[str]
    """Empty for the rule on the ``svg`` element itself."""
    declarations: tuple[tuple[str, str], ...]


def _resolve_value(value: str, palette: Mapping[str, str]) -> str:
    def concrete(match: re.Match[str]) -> str:
        name, fallback = match.group(1), match.group(2)
        if name in palette:
            return palette[name]
        if fallback:
            return fallback
        raise ValueError(f"the map's stylesheet uses {name} with no light value")

    value = _VAR.sub(concrete, value).strip()
    if "var(" in value:
        raise ValueError(f"cannot resolve {value!r} in the map's stylesheet")
    return value[:-2] if re.fullmatch(r"\d+(\.\d+)?px", value) else value


def resolve_stylesheet(
    stylesheet: str = STYLESHEET, palette: Mapping[str, str] = LIGHT_PALETTE
) -> tuple[Rule, ...]:
    """The map's stylesheet as rules with concrete values, in the order CSS applies them.

    Raises ValueError on a selector or property this module does not know, so a
    change to the drawing's stylesheet fails the tests instead of a colour going missing.
    """
    rules: list[Rule] = []
    for selectors, body in _RULE.findall(stylesheet):
        declarations = []
        for part in body.split(";"):
            if not part.strip():
                continue
            name, _, value = part.partition(":")
            name = name.strip()
            if name not in _PROPERTIES:
                raise ValueError(f"the map's stylesheet sets {name!r}, unknown to the export")
            declarations.append((name, _resolve_value(value, palette)))
        for selector in selectors.split(","):
            selector = selector.strip()
            if selector == "svg.cjm-journey-map":
                rules.append(Rule(frozenset(), tuple(declarations)))
                continue
            match = _CLASS_SELECTOR.fullmatch(selector)
            if match is None:
                raise ValueError(
                    f"the map's stylesheet has a selector unknown to the export: {selector!r}"
                )
            classes = frozenset(c for c in match.group(1).split(".") if c)
            rules.append(Rule(classes, tuple(declarations)))
    return tuple(rules)


@functools.cache
def light_rules() -> tuple[Rule, ...]:
    return resolve_stylesheet()
