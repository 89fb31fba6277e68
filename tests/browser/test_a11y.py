"""axe-core on our pages, measured against plain Material pages of the same build.

Material itself has findings (its search dialog has no name, its code
highlighting and footer miss 4.5:1 contrast). We answer for what a journey,
persona or catalogue page adds: first no serious or critical rule the plain
pages do not already break; then, more strictly, no serious or critical
finding on an element cjm-site rendered, whatever the baseline has.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.support import ARTIFACTS, ServedSite, open_page, richest_journey

pytestmark = pytest.mark.browser

SEVERE = ("serious", "critical")
PALETTES = ("light", "dark")
# Is an axe target inside markup cjm-site wrote (templates or the map)?
OURS_JS = """
(selectors) => selectors.map((selector) => {
  const el = typeof selector === "string" ? document.querySelector(selector) : null;
  return !!(el && el.closest(
    "[class^='cjm-'], [class*=' cjm-'], [data-cjm-catalogue], [data-cjm-filters], [data-cjm-journey]"));
})
"""
# Rules whose findings come from Material's own styling even inside our markup:
# Material does not underline links in running text (baseline pages have it too).
THEME_RULES = {"link-in-text-block"}
COLOURS = re.compile(r"contrast of [\d.]+ \(foreground color: #\w+, background color: #\w+")


@dataclass(frozen=True)
class Audit:
    name: str
    url: str
    palette: str
    violations: tuple[dict[str, Any], ...]
    ours: tuple[tuple[str, str, str], ...]
    """Severe findings on cjm-site's own elements: (rule, target, html + summary)."""

    def severe_rules(self) -> dict[str, dict[str, Any]]:
        return {v["id"]: v for v in self.violations if v["impact"] in SEVERE}

    def counts(self) -> str:
        by_impact: dict[str, int] = {}
        for v in self.violations:
            by_impact[v["impact"]] = by_impact.get(v["impact"], 0) + 1
        rules = ", ".join(sorted(f"{v['id']}×{len(v['nodes'])}" for v in self.violations))
        return (
            f"{len(self.violations)} rule(s) {json.dumps(by_impact, sort_keys=True)} "
            f"[{rules or 'none'}]; {len(self.ours)} severe on cjm-site elements"
        )


def run_axe(page: Page, name: str, url: str, palette: str) -> Audit:
    open_page(page, url)
    response: dict[str, Any] = Axe().run(page).response
    violations = tuple(response["violations"])
    ours = []
    for v in violations:
        if v["impact"] not in SEVERE or v["id"] in THEME_RULES:
            continue
        targets = [n["target"][0] if len(n["target"]) == 1 else None for n in v["nodes"]]
        for node, mine in zip(v["nodes"], page.evaluate(OURS_JS, targets), strict=True):
            if mine:
                summary = " ".join(node.get("failureSummary", "").split())
                detail = f"{node['html'][:140]} -- {summary[:260]}"
                ours.append((v["id"], str(node["target"][0]), detail))
    return Audit(name, url, palette, violations, tuple(ours))


def describe(violation: dict[str, Any]) -> str:
    nodes = violation["nodes"]
    lines = [f"{violation['id']} ({violation['impact']}): {violation['help']}"]
    for node in nodes[:5]:
        lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
    if len(nodes) > 5:
        lines.append(f"    ... and {len(nodes) - 5} more elements")
    return "\n".join(lines)


@dataclass(frozen=True)
class Audits:
    baselines: tuple[Audit, ...]
    pages: tuple[Audit, ...]

    def summary(self) -> str:
        lines = [f"baseline {a.name} ({a.palette}): {a.counts()}" for a in self.baselines]
        lines += [f"{a.name} ({a.palette}): {a.counts()}" for a in self.pages]
        return "\n".join(lines)


@pytest.fixture(scope="module")
def audits(chromium: Browser, example_site: ServedSite, hard_site: ServedSite) -> Audits:
    """axe on the baselines and our pages, in the light palette and (ours) the dark one."""
    journey = richest_journey(example_site)["url"]
    persona = max(example_site.personas, key=lambda p: len(p["journeys"]))["url"]
    baselines = {"hard-map index (plain Material)": hard_site.at("")}
    if (example_site.path / "guide" / "settings" / "index.html").exists():
        baselines["example guide/settings/ (plain Material)"] = example_site.at("guide/settings/")
    ours = {
        f"journey {journey}": example_site.at(journey),
        "journey (hard map)": hard_site.at("journeys/dinner-in-four-languages/"),
        # A storyboard (pictures that link) and a full service blueprint (its lines).
        "journey (storyboard)": example_site.at("journeys/app-first-use/"),
        "journey (blueprint)": example_site.at("journeys/clinic-test-results/"),
        f"persona {persona}": example_site.at(persona),
        "persona (hard map)": hard_site.at("personas/layla-haddad/"),
        "catalogue/": example_site.at("catalogue/"),
        # Issue 14: curves and chips per persona, phase bands, a hatched hypothesis.
        "journey b2b-supplies (several personas)": example_site.at("journeys/b2b-supplies/"),
        "journey broadband-move (hypothesis)": example_site.at("journeys/broadband-move/"),
        "views/heatmap/ (persona rows)": example_site.at("views/heatmap/"),
    }
    found_baselines: list[Audit] = []
    found: list[Audit] = []
    for palette in PALETTES:
        context: BrowserContext = chromium.new_context(
            viewport={"width": 1280, "height": 900}, color_scheme=palette
        )
        try:
            page = context.new_page()
            for name, url in baselines.items():
                found_baselines.append(run_axe(page, name, url, palette))
            for name, url in ours.items():
                found.append(run_axe(page, name, url, palette))
        finally:
            context.close()
    result = Audits(tuple(found_baselines), tuple(found))
    print("\naxe-core violations, baseline vs our pages:\n" + result.summary())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe-summary.txt").write_text(result.summary() + "\n", encoding="utf-8")
    return result


@pytest.mark.parametrize("palette", PALETTES)
def test_no_serious_rules_beyond_plain_material(audits: Audits, palette: str) -> None:
    allowed = {rule for a in audits.baselines if a.palette == palette for rule in a.severe_rules()}
    failures = [
        f"{a.name}: {describe(v)}"
        for a in audits.pages
        if a.palette == palette
        for rule, v in a.severe_rules().items()
        if rule not in allowed
    ]
    assert not failures, (
        f"serious or critical axe rules beyond the plain Material baseline ({palette}):\n"
        + "\n".join(failures)
    )


@pytest.mark.parametrize("palette", PALETTES)
def test_no_serious_findings_on_cjm_elements(audits: Audits, palette: str) -> None:
    """Stricter than the rule baseline: Material's own failures do not excuse ours."""
    groups: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for a in audits.pages:
        if a.palette != palette:
            continue
        for rule, target, detail in a.ours:
            html, _, summary = detail.partition(" -- ")
            found = COLOURS.search(summary)
            why = found.group(0) if found else summary[:120]
            groups.setdefault((a.name, rule, why), []).append((target, html))
    findings = [
        f"{page}: {rule} x{len(nodes)} ({why}), e.g. {nodes[0][0]}: {nodes[0][1][:90]}"
        for (page, rule, why), nodes in groups.items()
    ]
    total = sum(len(nodes) for nodes in groups.values())
    assert not findings, (
        f"{total} serious axe finding(s) on elements cjm-site rendered ({palette}):\n"
        + "\n".join(findings)
    )
