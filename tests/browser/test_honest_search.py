"""Ordinary punctuation reaches search results exactly as written, in each language's index."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from browser.conftest import _serve
from sitekit import make_site, page

TITLES = {
    "en": 'Say "no" & mean it: press <Tab> 🙂',
    "fr": "L'école, c'est « nous » : 5 < 10 & plus 🙂",
}


def resource(title: str) -> str:
    quoted = "'" + title.replace("'", "''") + "'"
    return page(quoted, type="resource", description="'A guide & more: \"quotes\" and <b>'",
                extra="topics: [anxiety]\ntiers: [1]\npillars: [equity]\nformat: tip-sheet\n"
                      "time_needed: 10\n")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_search_results_show_titles_as_written(tmp_path: Path, browser: Browser,
                                               lang: str) -> None:
    site = make_site(tmp_path, {
        "docs/en/resources/guide.md": resource(TITLES["en"]),
        "docs/fr/resources/guide.md": resource(TITLES["fr"]),
        "docs/en/search.md": page("Search", type="search"),
        "docs/fr/search.md": page("Recherche", type="search"),
    })
    site.build()
    prefix = "" if lang == "en" else "fr/"
    with _serve(site.site, site.site / "404.html") as server:
        origin = f"http://127.0.0.1:{server.server_address[1]}/"
        context = browser.new_context()
        try:
            tab = context.new_page()
            tab.goto(f"{origin}{prefix}search/?q=guide")
            link = tab.locator(".smh-card__title a").first
            expect(link).to_have_text(TITLES[lang], timeout=15_000)
            assert tab.locator(".smh-card__excerpt").first.inner_text()
        finally:
            context.close()
