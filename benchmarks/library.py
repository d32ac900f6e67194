"""A large synthetic library on top of the default site, the same for both stacks measured.

Seeded, so runs compare. Facets vary the way a real library's do (a few values are common, most
are rare), and the library also holds the cases that make a hidden quadratic step show:

- a cluster of resources that share every facet (one real resource copied many times, say);
- long resources with many headings, a table and a download.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

# Facets come from the project's own taxonomy, so another site's data benchmarks as it is.
TAXONOMY = yaml.safe_load((ROOT / "data" / "taxonomy.yml").read_text(encoding="utf-8"))
AUDIENCES, TOPICS, PILLARS, FORMATS, DIVISIONS = (
    [str(term["id"]) for term in TAXONOMY[facet]]
    for facet in ("audiences", "topics", "pillars", "formats", "divisions"))
TIERS = [term["id"] for term in TAXONOMY["tiers"]]  # numbers, written as numbers

WORDS = {
    "en": [
        "students", "school", "support", "wellbeing", "calm", "worry", "family",
        "classroom", "routine", "listen", "plan", "notice", "kindness", "belonging",
        "help", "adult", "practice", "reflect", "breathe", "sleep", "friends", "talk",
    ],
    "fr": [
        "élèves", "école", "soutien", "bien-être", "calme", "inquiétude", "famille",
        "classe", "routine", "écouter", "plan", "remarquer", "gentillesse",
        "appartenance", "aide", "adulte", "pratique", "réfléchir", "respirer",
        "sommeil", "amis", "parler",
    ],
}
# Pages of the default site a resource links to, as real resources do.
LINKS = ["../topics/anxiety.md", "../roles/educators.md", "../about/tiers.md", "../get-help.md"]

CLUSTER_SHARE = 0.2  # of the library: resources with identical facets
LONG_EVERY = 50      # one resource in so many is long, with a download


def _skewed(items: list[Any], rng: random.Random, most: int) -> list[Any]:
    """1 to `most` values, the first values of the list far more often than the last."""
    weights = [1 / (rank + 1) for rank in range(len(items))]
    chosen: list[Any] = []
    for _ in range(rng.randint(1, most)):
        value = rng.choices(items, weights)[0]
        if value not in chosen:
            chosen.append(value)
    return chosen


def _facets(index: int, count: int, rng: random.Random) -> dict[str, object]:
    if index < count * CLUSTER_SHARE:
        return {"audience": AUDIENCES[:2], "topics": TOPICS[:1], "tiers": TIERS[:1],
                "pillars": PILLARS[:1], "format": FORMATS[0], "divisions": DIVISIONS[:1],
                "time_needed": 15}
    return {"audience": _skewed(AUDIENCES, rng, 3), "topics": _skewed(TOPICS, rng, 2),
            "tiers": _skewed(TIERS, rng, 2), "pillars": _skewed(PILLARS, rng, 2),
            "format": _skewed(FORMATS, rng, 1)[0], "divisions": _skewed(DIVISIONS, rng, 2),
            "time_needed": rng.choice([5, 10, 15, 20, 30, 45, 60])}


def _sentence(rng: random.Random, lang: str, words: int) -> str:
    return " ".join(rng.choice(WORDS[lang]) for _ in range(words)).capitalize() + "."


def _body(rng: random.Random, lang: str, long: bool) -> str:
    parts = []
    for section in range(12 if long else 4):
        parts.append("## " + _sentence(rng, lang, 3).rstrip("."))
        parts.append(" ".join(_sentence(rng, lang, 12) for _ in range(5)))
        if long and section % 3 == 0:
            parts.append("### " + _sentence(rng, lang, 2).rstrip("."))
            parts.append("\n".join(f"- {_sentence(rng, lang, 6)}" for _ in range(4)))
            parts.append("| " + " | ".join(WORDS[lang][:3]) + " |\n|---|---|---|\n"
                         + "\n".join("| " + " | ".join(rng.choice(WORDS[lang]) for _ in range(3))
                                     + " |" for _ in range(4)))
    link = rng.choice(LINKS)
    parts.append(f"{_sentence(rng, lang, 6)} [{_sentence(rng, lang, 2).rstrip('.')}]({link})")
    return "\n\n".join(parts)


def resource(index: int, count: int, lang: str, facets: dict[str, object],
             rng: random.Random) -> str:
    long = index % LONG_EVERY == LONG_EVERY - 1
    front: dict[str, object] = {
        "title": _sentence(rng, lang, 5).rstrip(".") + f" {index}",
        "description": _sentence(rng, lang, 16),
        "type": "resource", **facets,
        "last_reviewed": "2026-11-01", "next_review": "2099-11-01",
    }
    if long:
        front["download"] = "files/bench-download.csv"
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return f"---\n{text}---\n\n{_body(rng, lang, long)}\n"


def make_project(target: Path, count: int) -> None:
    """The default site's project (config, templates, data, content) plus `count` resources per
    language, in `target`."""
    for name in ("overrides", "data", "docs"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    # The same facets in both languages, as parity requires: drawn once, written twice.
    facet_rng = random.Random(2026)
    facets = [_facets(index, count, facet_rng) for index in range(count)]
    for lang in ("en", "fr"):
        folder = target / "docs" / lang / "resources"
        if count >= LONG_EVERY:
            (folder / "files").mkdir(exist_ok=True)
            (folder / "files" / "bench-download.csv").write_text(
                "element,rating\nalignment,2\nquality,3\n", encoding="utf-8")
        rng = random.Random(f"{lang}-2026")
        for index in range(count):
            (folder / f"bench-{index:05d}.md").write_text(
                resource(index, count, lang, facets[index], rng), encoding="utf-8")
