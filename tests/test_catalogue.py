"""The resource catalogue as plain data: cards, counts, groups, related items, A to Z."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from smhsite.catalogue import Resource, a_to_z, build_catalogue, grouped, related, sort_key
from smhsite.data import load_taxonomy
from smhsite.languages import load_languages
from smhsite.page_models import ResourcePage
from smhsite.present import format_number, format_size

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES, _ = load_languages(ROOT)
assert LANGUAGES is not None
TAXONOMY, _ = load_taxonomy(ROOT, LANGUAGES)
HUB_FACETS = ["audience", "topics", "tiers", "format", "divisions"]
UI_EN = {"size_kb": "{size} KB", "size_mb": "{size} MB", "decimal_separator": ".",
         "thousands_separator": ","}
UI_FR = {"size_kb": "{size} Ko", "size_mb": "{size} Mo", "decimal_separator": ",",
         "thousands_separator": "\u202f"}


def resource(slug: str, title: str, **facets: object) -> Resource:
    meta = {"title": title, "description": "d", "type": "resource", "audience": ["parents"],
            "topics": ["anxiety"], "tiers": [1], "pillars": ["equity"], "format": "guide",
            "time_needed": 5, "last_reviewed": dt.date(2026, 11, 1),
            "next_review": dt.date(2027, 11, 1), **facets}
    return Resource(slug, ResourcePage.model_validate(meta))


def test_cards_sort_by_title_ignoring_accents_and_case() -> None:
    assert TAXONOMY is not None
    items = [resource("b", "Zèbre"), resource("a", "école"), resource("c", "Été"),
             resource("d", "abri")]
    catalogue = build_catalogue(items, TAXONOMY, "fr", HUB_FACETS)
    assert [c.title for c in catalogue.cards] == ["abri", "école", "Été", "Zèbre"]
    assert sort_key("Élan") == "elan"


def test_counts_follow_taxonomy_order_and_skip_values_without_resources() -> None:
    assert TAXONOMY is not None
    items = [resource("a", "A", tiers=[1, 2]), resource("b", "B", tiers=[2])]
    catalogue = build_catalogue(items, TAXONOMY, "en", HUB_FACETS)
    assert catalogue.counts["tiers"] == [("1", "Tier 1: universal", 1),
                                         ("2", "Tier 2: targeted", 2)]


def test_labels_are_in_the_catalogue_language() -> None:
    assert TAXONOMY is not None
    catalogue = build_catalogue([resource("a", "A")], TAXONOMY, "fr", HUB_FACETS)
    card = catalogue.cards[0]
    assert card.audience_labels == ["Parents et personnes aidantes"]
    assert card.format_label == "Guide"
    assert card.tier_labels == ["Niveau 1 : universel"]


def test_role_listing_groups_by_tier_in_taxonomy_order_each_card_once() -> None:
    assert TAXONOMY is not None
    items = [resource("a", "A", tiers=[3]), resource("b", "B", tiers=[1, 3]),
             resource("c", "C", audience=["students"], tiers=[1])]
    catalogue = build_catalogue(items, TAXONOMY, "en", HUB_FACETS)
    groups = grouped(catalogue, "audience", "parents", "tiers", TAXONOMY)
    assert [(gid, [c.slug for c in cards]) for gid, _, cards in groups] == [
        ("1", ["b"]), ("3", ["a"])]  # b is for tiers 1 and 3: listed under 1, its card says both


def test_related_prefers_shared_topics_then_audiences() -> None:
    items = [resource("me", "Me", topics=["anxiety"], audience=["parents"]),
             resource("same-topic", "T", topics=["anxiety"], audience=["educators"]),
             resource("same-audience", "A", topics=["low-mood"], audience=["parents"]),
             resource("unrelated", "U", topics=["belonging"], audience=["leaders"])]
    assert related(items)["me"] == ["same-topic", "same-audience"]


def test_related_scores_every_shared_facet_and_breaks_ties_by_slug() -> None:
    items = [resource("me", "Me", topics=["anxiety", "low-mood"], audience=["parents"],
                      pillars=["equity"], tiers=[1, 2]),
             resource("two-topics", "T", topics=["anxiety", "low-mood"], audience=["leaders"],
                      pillars=["leadership"], tiers=[3]),                      # 6
             resource("b-topic-audience", "B", topics=["anxiety"], pillars=["leadership"],
                      tiers=[3]),                                              # 3 + 2 = 5
             resource("a-topic-audience", "A", topics=["anxiety"], pillars=["leadership"],
                      tiers=[3]),                                              # 5, sorts first
             resource("pillar-tiers", "P", topics=["low-mood"], audience=["leaders"]),  # 3+1+1
             resource("nothing-shared", "N", topics=["belonging"], audience=["leaders"],
                      pillars=["equity"], tiers=[1])]  # pillar and tier alone do not count
    assert related(items)["me"] == ["two-topics", "a-topic-audience", "b-topic-audience",
                                    "pillar-tiers"]
    assert "me" not in related(items)["nothing-shared"]


def test_related_in_a_library_of_identical_resources_lists_the_others_in_order() -> None:
    """One resource copied many times: each lists the first others by slug, never itself."""
    items = [resource(f"copy-{index:04d}", "Same") for index in range(600)]
    result = related(items)
    assert result["copy-0000"] == ["copy-0001", "copy-0002", "copy-0003", "copy-0004"]
    assert result["copy-0002"] == ["copy-0000", "copy-0001", "copy-0003", "copy-0004"]
    assert result["copy-0599"] == ["copy-0000", "copy-0001", "copy-0002", "copy-0003"]
    assert all(len(others) == 4 and slug not in others for slug, others in result.items())


def test_a_to_z_groups_accented_titles_with_their_letter() -> None:
    assert TAXONOMY is not None
    catalogue = build_catalogue([resource("a", "Élan"), resource("b", "Entraide"),
                                 resource("c", "9-8-8")], TAXONOMY, "fr", HUB_FACETS)
    assert [(letter, [c.title for c in cards]) for letter, cards in a_to_z(catalogue)] == [
        ("#", ["9-8-8"]), ("E", ["Élan", "Entraide"])]


def test_sizes_follow_each_language() -> None:
    assert format_size(48_100, UI_EN) == "49 KB"
    assert format_size(48_100, UI_FR) == "49 Ko"
    assert format_size(1_250_000, UI_EN) == "1.2 MB"
    assert format_size(1_250_000, UI_FR) == "1,2 Mo"
    assert format_size(12, UI_EN) == "1 KB"
    assert format_number(2000, UI_FR) == "2\u202f000"
