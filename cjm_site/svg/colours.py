"""Colour tokens and the journey map's stylesheet.

Every colour of every drawing is a token: a CSS custom property ``--cjm-NAME``
with the light palette's value as its fallback. On the site, ``map.css`` sets
the tokens (and switches them for Material's dark "slate" scheme); a drawing
on its own falls back to the light palette. :func:`colour` with
``concrete=True`` gives the plain value, for files read outside a browser.
"""

from __future__ import annotations

from types import MappingProxyType

LIGHT = MappingProxyType(
    {
        "bg": "#ffffff",
        "paper": "#ffffff",
        "lane-a": "#ffffff",
        "lane-b": "#f7f8fa",
        "lane-head": "#eef0f5",
        "rule": "#dfe3ea",
        "muted": "#596172",
        "ink": "#1f2430",
        "stage": "#e8eaf6",
        "stage-edge": "#5c6bc0",
        "stage-ink": "#1a237e",
        "goal": "#eef3fd",
        "goal-edge": "#c5d5f2",
        "card": "#ffffff",
        "card-edge": "#cfd5df",
        "touch": "#eaf4fb",
        "touch-edge": "#b7d4ea",
        "thought": "#fff8e1",
        "thought-edge": "#e3cd7d",
        "pain": "#fdeeee",
        "pain-edge": "#ebb4b4",
        "opportunity": "#eaf6ee",
        "opportunity-edge": "#a9d6b6",
        "metric": "#f4f0fb",
        "metric-edge": "#d4c8ec",
        "backstage": "#eff1f4",
        "backstage-edge": "#c9cfd8",
        "mark-pain": "#e53935",
        "mark-delight": "#fbc02d",
        "mark-truth": "#3f51b5",
        "positive": "#2e7d32",
        "negative": "#c62828",
        "curve": "#3949ab",
        "aspiration": "#e65100",
        "face-ink": "#1f2430",
        "face-good": "#c8e6c9",
        "face-ok": "#fff1b8",
        "face-bad": "#ffcdd2",
        "compare-a": "#3949ab",
        "compare-b": "#b53d00",
        "persona-a": "#3949ab",
        "persona-b": "#00796b",
        "persona-c": "#8e24aa",
        "persona-d": "#5d4037",
        "persona-e": "#b53d00",
        "persona-f": "#ad1457",
        "hatch": "#c4622d",
    }
)
"""The light palette: every token's value, and the fallback of its ``var()``."""


def colour(name: str, *, concrete: bool = False) -> str:
    """The CSS value of token ``name``: ``var(--cjm-NAME,#fallback)``, or the plain colour."""
    value = LIGHT[name]
    return value if concrete else f"var(--cjm-{name},{value})"


FONT_STACK = (
    '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
    '"Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif'
)

# (selector, declarations) with {token} placeholders; every selector is scoped
# to the map's root class so the page's own styles are never touched.
_MAP_RULES: tuple[tuple[str, str], ...] = (
    ("svg.cjm-journey-map", f"font-family:{FONT_STACK}"),
    (".cjm-bg", "fill:{bg}"),
    (".cjm-lane-a", "fill:{lane-a}"),
    (".cjm-lane-b", "fill:{lane-b}"),
    (".cjm-lane-head", "fill:{lane-head}"),
    (".cjm-rule", "stroke:{rule};stroke-width:1;fill:none"),
    (".cjm-zero", "stroke:{muted};stroke-width:1;opacity:.55"),
    (".cjm-visibility", "stroke:{muted};stroke-width:1.5;stroke-dasharray:9 5;fill:none"),
    (".cjm-stage-shape", "fill:{stage};stroke:{stage-edge};stroke-width:1.5"),
    (".cjm-card", "stroke-width:1"),
    (".cjm-card-goal", "fill:{goal};stroke:{goal-edge}"),
    (".cjm-card-action", "fill:{card};stroke:{card-edge}"),
    (".cjm-card-touchpoint", "fill:{touch};stroke:{touch-edge}"),
    (".cjm-card-thought", "fill:{thought};stroke:{thought-edge}"),
    (".cjm-card-pain", "fill:{pain};stroke:{pain-edge}"),
    (".cjm-card-opportunity", "fill:{opportunity};stroke:{opportunity-edge}"),
    (".cjm-card-metric", "fill:{metric};stroke:{metric-edge}"),
    (".cjm-card-backstage", "fill:{backstage};stroke:{backstage-edge};stroke-dasharray:4 3"),
    # The service blueprint's lanes and lines (solid, dashed, dotted: told apart without colour).
    (".cjm-card-frontstage", "fill:{touch};stroke:{touch-edge}"),
    (".cjm-card-support", "fill:{backstage};stroke:{backstage-edge}"),
    (".cjm-card-evidence", "fill:{card};stroke:{muted}"),
    (".cjm-card-custom", "fill:{card};stroke:{card-edge}"),
    (".cjm-interaction", "stroke:{muted};stroke-width:1.5;fill:none"),
    (".cjm-internal", "stroke:{muted};stroke-width:1.5;stroke-dasharray:2 4;fill:none"),
    (".cjm-picture-frame", "fill:{lane-b};stroke:{card-edge};stroke-width:1"),
    (".cjm-t", "fill:{ink}"),
    (
        ".cjm-t-muted,.cjm-t-scale,.cjm-t-phase,.cjm-t-visibility,.cjm-t-lane",
        "fill:{muted}",
    ),
    (".cjm-t-stage", "fill:{stage-ink}"),
    (".cjm-t-thought", "font-style:italic"),
    (
        ".cjm-t-feeling",
        "font-style:italic;paint-order:stroke;stroke:{bg};stroke-width:4px;stroke-linejoin:round",
    ),
    (".cjm-mark", "stroke:{ink};stroke-width:1;stroke-linejoin:round"),
    (".cjm-mark-pain", "fill:{mark-pain}"),
    (".cjm-mark-delight", "fill:{mark-delight}"),
    (".cjm-mark-truth", "fill:{mark-truth}"),
    (".cjm-bar-on", "fill:{ink}"),
    (".cjm-bar-off", "fill:none;stroke:{muted};stroke-width:1"),
    (".cjm-status", "fill:{card};stroke:{opportunity-edge};stroke-width:1"),
    (".cjm-status-in-progress", "stroke-dasharray:3 2"),
    (".cjm-status-done", "fill:{opportunity-edge}"),
    (".cjm-band-positive", "fill:{positive};opacity:.07"),
    (".cjm-band-negative", "fill:{negative};opacity:.07"),
    (
        ".cjm-curve",
        "fill:none;stroke:{curve};stroke-width:2.5;stroke-linecap:round;stroke-linejoin:round",
    ),
    (
        ".cjm-aspiration",
        "fill:none;stroke:{aspiration};stroke-width:2;stroke-dasharray:7 5;stroke-linecap:round",
    ),
    (".cjm-aspiration-mark", "fill:{bg};stroke:{aspiration};stroke-width:2"),
    (".cjm-aspiration-ring", "fill:none;stroke:{aspiration};stroke-width:2"),
    (".cjm-face", "stroke:{face-ink};stroke-width:1.5"),
    (".cjm-face-good", "fill:{face-good}"),
    (".cjm-face-ok", "fill:{face-ok}"),
    (".cjm-face-bad", "fill:{face-bad}"),
    (".cjm-face-eye", "fill:{face-ink}"),
    (".cjm-face-mouth", "fill:none;stroke:{face-ink};stroke-width:1.8;stroke-linecap:round"),
    (".cjm-persona-curve", "fill:none;stroke-width:2.5;stroke-linecap:round;stroke-linejoin:round"),
    (".cjm-persona-mark", "stroke:{bg};stroke-width:1"),
    (".cjm-persona-curve.cjm-persona-0", "stroke:{persona-a}"),
    (".cjm-persona-mark.cjm-persona-0,.cjm-persona-chip.cjm-persona-0", "fill:{persona-a}"),
    (".cjm-persona-curve.cjm-persona-1", "stroke:{persona-b}"),
    (".cjm-persona-mark.cjm-persona-1,.cjm-persona-chip.cjm-persona-1", "fill:{persona-b}"),
    (".cjm-persona-curve.cjm-persona-2", "stroke:{persona-c}"),
    (".cjm-persona-mark.cjm-persona-2,.cjm-persona-chip.cjm-persona-2", "fill:{persona-c}"),
    (".cjm-persona-curve.cjm-persona-3", "stroke:{persona-d}"),
    (".cjm-persona-mark.cjm-persona-3,.cjm-persona-chip.cjm-persona-3", "fill:{persona-d}"),
    (".cjm-persona-curve.cjm-persona-4", "stroke:{persona-e}"),
    (".cjm-persona-mark.cjm-persona-4,.cjm-persona-chip.cjm-persona-4", "fill:{persona-e}"),
    (".cjm-persona-curve.cjm-persona-5", "stroke:{persona-f}"),
    (".cjm-persona-mark.cjm-persona-5,.cjm-persona-chip.cjm-persona-5", "fill:{persona-f}"),
    (".cjm-t-persona-chip", "fill:{bg}"),
    (".cjm-phase-band", "fill:{lane-head};stroke:{stage-edge};stroke-width:1"),
    (".cjm-t-band", "fill:{stage-ink}"),
    (".cjm-t-hypothesis", "fill:{negative}"),
    (".cjm-hatch", "fill:none;stroke:{hatch};stroke-width:1.5;opacity:.35"),
)


def map_stylesheet(*, concrete: bool = False) -> str:
    """The journey map's CSS: fixed text of ours, never user input."""
    tokens = {name: colour(name, concrete=concrete) for name in LIGHT}
    rules = []
    for selector, declarations in _MAP_RULES:
        if not selector.startswith("svg."):
            selector = ",".join(f".cjm-journey-map {part}" for part in selector.split(","))
        rules.append(f"{selector}{{{declarations.format_map(tokens)}}}")
    return "".join(rules)
