"""A resource added by an editor shows up everywhere it belongs, in its own language."""

from __future__ import annotations

import json
from pathlib import Path

from sitekit import TinySite, make_site, page

RESOURCE = """\
topics: [anxiety]
tiers: [2]
pillars: [capacity-building]
format: tip-sheet
divisions: [junior]
time_needed: 10
"""


def library(tmp_path: Path, *, extra: str = "", files: dict[str, str] | None = None) -> TinySite:
    pages = {
        "docs/en/resources/index.md": page("Resource library", type="hub"),
        "docs/fr/resources/index.md": page("Bibliothèque", type="hub"),
        "docs/en/roles/parents.md": page("Parents", type="role", extra="role: parents\n"),
        "docs/fr/roles/parents.md": page("Parents et personnes aidantes", type="role",
                                         extra="role: parents\n"),
        "docs/en/roles/students.md": page("Students", type="role", extra="role: students\n"),
        "docs/fr/roles/students.md": page("Élèves", type="role", extra="role: students\n"),
        "docs/en/topics/anxiety.md": page("Anxiety", type="topic", extra="topic: anxiety\n"),
        "docs/fr/topics/anxiety.md": page("Anxiété", type="topic", extra="topic: anxiety\n"),
        "docs/en/resources/worry-tips.md": page(
            "Worry tips for families", "Zorblax calming steps.\n", type="resource",
            audience="[parents]", extra=RESOURCE + extra),
        "docs/fr/resources/worry-tips.md": page(
            "Conseils contre l'inquiétude", "Étapes zorbleu pour se calmer.\n",
            type="resource", audience="[parents]", extra=RESOURCE + extra),
    }
    pages.update(files or {})
    return make_site(tmp_path, pages)


def test_new_resource_is_listed_on_its_role_topic_and_hub_pages_in_both_languages(
        tmp_path: Path) -> None:
    site = library(tmp_path)
    site.build()
    for lang, title, tier in [("", "Worry tips for families", "Tier 2: targeted"),
                              ("fr/", "Conseils contre l&#39;inquiétude",
                               "Niveau 2\u00a0: ciblé")]:  # a no-break space before ":"
        role = site.html(f"{lang}roles/parents/index.html")
        assert title in role
        assert f">{tier}</h3>" in role  # grouped under its tier
        assert title in site.html(f"{lang}topics/anxiety/index.html")
        assert title in site.html(f"{lang}resources/index.html")
        assert title not in site.html(f"{lang}roles/students/index.html")


def test_resource_page_shows_its_facts_in_its_language(tmp_path: Path) -> None:
    site = library(tmp_path)
    site.build()
    french = site.html("fr/resources/worry-tips/index.html")
    assert "Fiche-conseil" in french
    assert "Cycle moyen (4e à 6e année)" in french
    assert "10 min" in french
    assert "Tip sheet" not in french


def test_download_is_labelled_with_format_and_size(tmp_path: Path) -> None:
    files = {"docs/en/resources/files/plan.csv": "Goal,Action\n" + "x,y\n" * 700,
             "docs/fr/resources/files/plan.csv": "But,Action\n" + "x,y\n" * 700}
    site = library(tmp_path, extra="download: files/plan.csv\n", files=files)
    site.build()
    assert "Download: CSV spreadsheet, 3 KB" in site.html("resources/worry-tips/index.html")
    assert "Télécharger : Tableur CSV, 3 Ko" in site.html(
        "fr/resources/worry-tips/index.html").replace("\u00a0", " ")
    assert 'href="../files/plan.csv" download' in site.html("fr/resources/worry-tips/index.html")
    assert (site.site / "fr/resources/files/plan.csv").read_text().startswith("But")


def test_english_only_external_link_carries_a_notice_on_the_french_page(tmp_path: Path) -> None:
    site = library(tmp_path, extra="external_url: https://example.org/tips\n"
                                   "external_language: en\n")
    site.build()
    french = site.html("fr/resources/worry-tips/index.html")
    assert "Ce site externe n&#39;est pas offert en français." in french
    assert "(en anglais)" in french
    english = site.html("resources/worry-tips/index.html")
    assert "This external site is not available in English." not in english
    assert "(in English)" in english


def test_search_index_has_one_language_each(tmp_path: Path) -> None:
    site = library(tmp_path)
    site.build()
    entry = json.loads((site.site / "pagefind/pagefind-entry.json").read_text())
    assert sorted(entry["languages"]) == ["en", "fr"]
    assert entry["languages"]["en"]["page_count"] == entry["languages"]["fr"]["page_count"]


def test_resources_stay_out_of_the_sidebar_navigation(tmp_path: Path) -> None:
    site = library(tmp_path)
    site.build()
    home = site.html("index.html")
    start = home.index('class="md-nav md-nav--primary"')
    nav = home[start:home.index('<div class="md-sidebar md-sidebar--secondary"', start)]
    assert 'href="roles/parents/"' in nav  # the slice is the whole sidebar
    assert "worry-tips" not in nav
