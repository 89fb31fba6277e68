"""Generate a handbook of N journeys and N/10 personas, with the variety real maps have.

Maps have 3 to 15 stages; about a quarter of the lanes of a stage are left
empty; texts run from a few words to a paragraph; one map in five has two or
three personas. Deterministic: the same N gives the same files. Used by the
benchmarks.

    python -m tests.benchmarks.generate 1000 /tmp/handbook-1000
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

SPINE = ["awareness", "consideration", "purchase", "onboarding", "service", "loyalty"]
CHANNELS = {
    "web": {"name": "Website", "online": True},
    "mobile": {"name": "Mobile app", "online": True},
    "email": {"name": "Email", "online": True},
    "phone": {"name": "Phone", "online": False},
    "store": {"name": "Store", "online": False},
}
WORDS = [
    "account",
    "booking",
    "table",
    "menu",
    "allergen",
    "delivery",
    "invoice",
    "quote",
    "sample",
    "contract",
    "support",
    "refund",
    "branch",
    "advisor",
    "form",
    "password",
    "reminder",
    "survey",
    "loyalty",
    "points",
    "receipt",
    "queue",
    "parking",
    "signage",
    "website",
    "app",
    "chat",
    "call",
    "letter",
    "waiting",
    "price",
    "trust",
    "review",
    "friend",
]
FEELINGS = ["curious", "hopeful", "calm", "annoyed", "confused", "relieved", "pleased", "anxious"]
NAV_LIMIT = 50
"""The plugin's default ``nav_limit``."""
OWNERS = ["Digital Team", "Service Design", "Operations", "Marketing", "Kitchen", "Sales"]


def phrase(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[:1].upper() + text[1:]


LANES_MAY_BE_EMPTY = (
    "goal",
    "actions",
    "touchpoints",
    "thoughts",
    "aspiration",
    "pains",
    "opportunities",
    "metrics",
    "backstage",
)


def text(rng: random.Random, short: int, long: int) -> str:
    """Mostly short texts, now and then a long one (a quote, a paragraph of research)."""
    return phrase(rng, long if rng.random() < 0.15 else short)


def stage(rng: random.Random, index: int, count: int) -> dict[str, object]:
    data: dict[str, object] = {
        "name": f"Step {index + 1}: {phrase(rng, rng.choice([1, 2, 2, 3, 5]))}",
        "phase": SPINE[min(index * len(SPINE) // count, len(SPINE) - 1)],
        "goal": text(rng, 6, 20),
        "actions": [text(rng, 5, 16) for _ in range(rng.randint(1, 3))],
        "touchpoints": [
            {
                "name": phrase(rng, 3),
                "channel": rng.choice(list(CHANNELS)),
                "owner": rng.choice(OWNERS),
                "moments": rng.sample(["pain", "delight", "truth"], rng.randint(0, 2)),
                "priority": rng.choice(["low", "medium", "high"]),
            },
            phrase(rng, 3),
        ][: rng.randint(1, 2)],
        "thoughts": [text(rng, 7, 30) + "?"],
        "emotion": rng.choice([-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2]),
        "feeling": rng.choice(FEELINGS),
        "aspiration": rng.choice([0, 1, 1.5, 2]),
        "pains": [text(rng, 6, 24) for _ in range(rng.randint(1, 2))],
        "opportunities": [
            {
                "text": text(rng, 6, 18),
                "owner": rng.choice(OWNERS),
                "due": f"2027-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                "status": rng.choice(["idea", "planned", "in-progress", "done"]),
            }
        ],
        "metrics": {"Conversion": f"{rng.randint(5, 95)}%", "Time": f"{rng.randint(1, 30)} min"},
        "backstage": [text(rng, 5, 20)],
    }
    for lane in LANES_MAY_BE_EMPTY:
        if rng.random() < 0.25:
            del data[lane]
    return data


def front_matter(data: dict[str, object]) -> str:
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000) + "---\n"


def generate(count: int, root: Path, *, plugin: bool = True, bounded_nav: bool = False) -> Path:
    """Write docs/ and mkdocs.yml for ``count`` journeys into ``root``; returns mkdocs.yml.

    ``bounded_nav`` (without the plugin): leave journeys and personas out of the
    navigation past the plugin's default ``nav_limit``, as the plugin does, so a
    plain build can be compared with the same navigation.
    """
    rng = random.Random(count)
    docs = root / "docs"
    (docs / "personas").mkdir(parents=True, exist_ok=True)
    (docs / "journeys").mkdir(parents=True, exist_ok=True)
    personas = max(1, count // 10)
    for p in range(personas):
        data = {
            "type": "persona",
            "name": f"Persona {p:04d}",
            "role": phrase(rng, 3),
            "quote": phrase(rng, 10) + ".",
            "segment": rng.choice(["Families", "Students", "Small business", "Retirees"]),
            "attributes": {"Age": str(rng.randint(20, 80)), "Tech-savvy": "medium"},
            "goals": [phrase(rng, 5)],
            "needs": [phrase(rng, 5)],
            "pains": [phrase(rng, 5)],
            "motivations": [phrase(rng, 4)],
            "channels": ["web", "phone"],
            "tags": ["generated"],
        }
        body = f"# Persona {p:04d}\n\n{phrase(rng, 40)}.\n"
        (docs / "personas" / f"persona-{p:04d}.md").write_text(
            front_matter(data) + body, encoding="utf-8"
        )
    for j in range(count):
        cast = min(personas, 1 if rng.random() < 0.8 else rng.randint(2, 3))
        stages = rng.randint(3, 15)
        data = {
            "type": "journey",
            "title": f"Journey {j:05d}: {phrase(rng, 3)}",
            "personas": [f"persona-{(j + k) % personas:04d}" for k in range(cast)],
            "kind": "current-state",
            "scenario": phrase(rng, 20) + ".",
            "goal": phrase(rng, 8),
            "expectations": [phrase(rng, 5), phrase(rng, 5)],
            "owner": rng.choice(OWNERS),
            "evidence": rng.choice(["hypothesis", "researched", "validated"]),
            "sources": [{"title": phrase(rng, 3), "url": f"https://intranet.example/r/{j}"}],
            "updated": "2026-10-01",
            "review_by": rng.choice(["2026-11-01", "2027-04-01"]),
            "tags": [rng.choice(["b2c", "b2b"]), "generated"],
            "stages": [stage(rng, s, stages) for s in range(stages)],
        }
        body = f"# {data['title']}\n\n{phrase(rng, 60)}.\n\n## Notes\n\n{phrase(rng, 80)}.\n"
        (docs / "journeys" / f"journey-{j:05d}.md").write_text(
            front_matter(data) + body, encoding="utf-8"
        )
    (docs / "index.md").write_text("# Generated handbook\n", encoding="utf-8")
    plugins: list[object] = ["search"]
    if plugin:
        plugins.append(
            {"cjm": {"spine": [{"id": s, "name": s.title()} for s in SPINE], "channels": CHANNELS}}
        )
    config = {
        "site_name": f"Benchmark {count}",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "font": False},
        "plugins": plugins,
    }
    if bounded_nav and not plugin:
        # MkDocs' own setting: the pages are built and searchable, not listed.
        config["not_in_nav"] = "\n".join(
            folder
            for folder, pages in (("/journeys/", count), ("/personas/", personas))
            if pages > NAV_LIMIT
        )
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
