"""The resource library as listings: hub cards, facet counts, role and topic groups, related items.

Plain data in, plain data out: templates render it, the MkDocs hook only gathers the pages.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from smhsite.data_models import Taxonomy
from smhsite.page_models import ResourcePage

# Cards the hub renders into its HTML; the rest are fetched from the search index as needed, so
# the hub's first load stays the same size with 30 or 3,000 resources.
HUB_FIRST_PAGE = 24

# A resource's facets: front matter key -> taxonomy facet.
FACETS = ResourcePage.facets


@dataclass(frozen=True)
class Download:
    extension: str  # "csv", "txt", "pdf"
    size_bytes: int
    site_path: str  # under the language's root, e.g. resources/files/plan.csv


@dataclass(frozen=True)
class Resource:
    slug: str  # resources/<slug>/ is its address
    meta: ResourcePage
    download: Download | None = None

    def ids(self, key: str) -> list[str]:
        value = getattr(self.meta, key)
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]


@dataclass
class Card:
    """What a card shows, in one language."""

    slug: str
    title: str
    description: str
    time_needed: int
    format_label: str
    tier_labels: list[str]
    audience_labels: list[str]
    facets: dict[str, list[str]]  # facet key -> ids, for filtering
    download: Download | None
    external_languages: list[str]


@dataclass
class Catalogue:
    lang: str
    cards: list[Card] = field(default_factory=list)
    counts: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)

    @cached_property
    def by_slug(self) -> dict[str, Card]:
        # Built once: every resource page looks itself and its related items up here.
        return {card.slug: card for card in self.cards}


def sort_key(text: str) -> str:
    """Alphabetical order that ignores accents, case and punctuation (É sorts with E)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in decomposed
                   if not unicodedata.combining(c))
    return " ".join(kept.split())


def card(resource: Resource, taxonomy: Taxonomy, lang: str) -> Card:
    labels = taxonomy.labels(lang)
    meta = resource.meta
    return Card(
        slug=resource.slug,
        title=meta.title,
        description=meta.description,
        time_needed=meta.time_needed,
        format_label=labels["formats"].get(meta.format, meta.format),
        tier_labels=[labels["tiers"].get(t, t) for t in resource.ids("tiers")],
        audience_labels=[labels["audiences"].get(a, a) for a in resource.ids("audience")],
        facets={key: resource.ids(key) for key in FACETS},
        download=resource.download,
        external_languages=meta.external_language or [],
    )


def build_catalogue(resources: list[Resource], taxonomy: Taxonomy, lang: str,
                    hub_facets: list[str]) -> Catalogue:
    """Cards in title order, and the hub's filters (`hub_facets`, front matter keys, in order)
    with how many resources each value has."""
    cards = sorted((card(r, taxonomy, lang) for r in resources), key=lambda c: sort_key(c.title))
    labels = taxonomy.labels(lang)
    counts: dict[str, list[tuple[str, str, int]]] = {}
    for key in hub_facets:
        facet = FACETS[key]
        tally = Counter(value for c in cards for value in c.facets[key])
        # Every value of the taxonomy, in the taxonomy's order; values with no resource are left
        # out so a visitor never picks a filter that shows nothing.
        counts[key] = [(term_id, label, tally[term_id])
                       for term_id, label in labels[facet].items() if tally[term_id]]
    return Catalogue(lang=lang, cards=cards, counts=counts)


def grouped(catalogue: Catalogue, key: str, value: str, group_by: str,
            taxonomy: Taxonomy) -> list[tuple[str, str, list[Card]]]:
    """Cards whose `key` includes `value`, grouped by `group_by` in taxonomy order, each card
    once: in the first of its groups (a resource for tiers 1 and 2 is listed under tier 1; its
    card names both).

    Returns (group id, group label, cards) for each non-empty group.
    """
    facet = FACETS[group_by]
    labels = taxonomy.labels(catalogue.lang)[facet]
    order = {gid: index for index, gid in enumerate(labels)}
    groups: dict[str, list[Card]] = defaultdict(list)
    for c in catalogue.cards:
        if value in c.facets[key] and c.facets[group_by]:
            first = min(c.facets[group_by], key=lambda gid: order.get(gid, len(order)))
            groups[first].append(c)
    return [(gid, label, groups[gid]) for gid, label in labels.items() if groups.get(gid)]


RELATED_WEIGHTS = {"topics": 3, "audience": 2, "pillars": 1, "tiers": 1}


def related(resources: list[Resource], limit: int = 4) -> dict[str, list[str]]:
    """slug -> the slugs of the resources most like it: the highest score (3 for each shared
    topic, 2 for each shared audience, 1 for each shared pillar or tier), then the alphabetical
    order of their slugs; only resources sharing a topic or an audience count.

    Exact, and close to linear: resources are grouped by their topics and audiences (a group
    per combination a library uses, however large the library), groups are scored against
    each other once, and each resource looks at the best-scoring groups only until no other
    group could come into its list.
    """
    bits: dict[tuple[str, str], int] = {}

    def mask(resource: Resource, key: str) -> int:
        value = 0
        for item in resource.ids(key):
            value |= 1 << bits.setdefault((key, item), len(bits))
        return value

    # (topics, audiences) -> (pillars, tiers) -> slugs, each facet a bit mask
    tree: dict[tuple[int, int], dict[tuple[int, int], list[str]]] = defaultdict(
        lambda: defaultdict(list))
    for resource in resources:
        topics, audiences, pillars, tiers = (mask(resource, key) for key in RELATED_WEIGHTS)
        tree[(topics, audiences)][(pillars, tiers)].append(resource.slug)
    # A resource's list takes at most limit + 1 resources (itself among them) from a group.
    heads = {key: [(rest, sorted(slugs)[:limit + 1]) for rest, slugs in groups.items()]
             for key, groups in tree.items()}
    w_topic, w_audience, w_pillar, w_tier = RELATED_WEIGHTS.values()
    result: dict[str, list[str]] = {}
    for (topics, audiences), groups in tree.items():
        ranked = sorted(((w_topic * (topics & other[0]).bit_count()
                          + w_audience * (audiences & other[1]).bit_count(), other)
                         for other in tree), key=lambda item: -item[0])
        for (pillars, tiers), slugs in groups.items():
            most = w_pillar * pillars.bit_count() + w_tier * tiers.bit_count()
            best: list[tuple[int, str]] = []  # (-score, slug), the limit + 1 best so far
            for shared, other in ranked:
                if shared == 0 or (len(best) > limit and -best[limit][0] > shared + most):
                    break
                for (their_pillars, their_tiers), their_slugs in heads[other]:
                    score = (shared + w_pillar * (pillars & their_pillars).bit_count()
                             + w_tier * (tiers & their_tiers).bit_count())
                    best += [(-score, slug) for slug in their_slugs]
                best = sorted(best)[:limit + 1]
            for slug in slugs:
                result[slug] = [other for _, other in best if other != slug][:limit]
    return result


def first_letter(title: str) -> str:
    key = sort_key(title)
    return key[:1].upper() if key[:1].isalpha() else "#"


def a_to_z(catalogue: Catalogue) -> list[tuple[str, list[Card]]]:
    """Cards grouped under the first letter of their title (accents ignored), in order."""
    groups: dict[str, list[Card]] = defaultdict(list)
    for c in catalogue.cards:
        groups[first_letter(c.title)].append(c)
    return sorted(groups.items())
