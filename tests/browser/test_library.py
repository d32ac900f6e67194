"""The resource library as a visitor meets it: search in their language, filters, no JavaScript,
keyboard only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from browser.conftest import Address
from browser.test_accessibility import axe_violations, describe
from sitekit import ROOT
from smhsite.catalogue import sort_key
from smhsite.content import discover
from smhsite.languages import load_languages


def _resources(lang: str) -> dict[str, dict[str, Any]]:
    """slug -> front matter, read from the Markdown files themselves."""
    languages, _ = load_languages(ROOT)
    assert languages is not None
    pages, _ = discover(ROOT, languages)
    return {Path(p.rel).stem: p.meta for p in pages
            if p.lang == lang and p.meta.get("type") == "resource"}


def _titles(page: Any) -> list[str]:
    return page.locator(".smh-results .smh-card__title").all_inner_texts()


def _settle(page: Any) -> None:
    page.wait_for_function(
        "() => !document.querySelector('[data-smh-hub]').hasAttribute('aria-busy')")


@pytest.mark.parametrize(("lang", "query"), [("", "worry"), ("fr/", "inquiétude")])
def test_search_answers_in_the_page_language_only(visit: Callable[..., Any], server: Any,
                                                  lang: str, query: str) -> None:
    opened = visit(server, f"{lang}search/?q={query}")
    page = opened.page
    page.wait_for_selector(".smh-card__title a")
    links = page.locator(".smh-card__title a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)")
    assert links
    if lang:
        assert all(path.startswith("/fr/") for path in links), links
    else:
        assert not any(path.startswith("/fr/") for path in links), links
    assert opened.foreign_requests() == []


@pytest.mark.parametrize("lang", ["", "fr/"])
def test_filters_show_exactly_the_matching_resources_and_survive_reload(
        visit: Callable[..., Any], server: Any, lang: str) -> None:
    expected = sorted(
        meta["title"] for meta in _resources("fr" if lang else "en").values()
        if "parents" in meta["audience"] and 2 in meta["tiers"])
    assert expected, "the default library has resources for parents at tier 2"
    opened = visit(server, f"{lang}resources/")
    page = opened.page
    page.locator("input[name='audience'][value='parents']").check()
    _settle(page)
    page.locator("input[name='tiers'][value='2']").check()
    _settle(page)
    assert sorted(_titles(page)) == expected
    assert parse_qs(urlsplit(page.url).query) == {"audience": ["parents"], "tiers": ["2"]}
    shown = page.locator(".smh-results__count").inner_text()
    assert str(len(expected)) in shown
    page.reload()
    _settle(page)
    assert sorted(_titles(page)) == expected
    assert page.locator("input[name='audience'][value='parents']").is_checked()
    page.locator(".smh-filters__clear").click()
    _settle(page)
    assert urlsplit(page.url).query == ""
    assert len(_titles(page)) == min(24, len(_resources("en")))


def test_or_within_a_facet_and_across_facets(visit: Callable[..., Any], server: Any) -> None:
    library = _resources("en")
    opened = visit(server, "resources/?audience=students&audience=parents&format=tip-sheet")
    page = opened.page
    _settle(page)
    expected = sorted(m["title"] for m in library.values()
                      if {"students", "parents"} & set(m["audience"])
                      and m["format"] == "tip-sheet")
    assert sorted(_titles(page)) == expected


def test_without_javascript_every_resource_is_listed(browser: Any, server: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url("resources/"))
        on_hub = set(page.locator(".smh-results .smh-card__title a").evaluate_all(
            "links => links.map(a => new URL(a.href).pathname)"))
        assert page.locator(".smh-filters").is_hidden()  # filters need JavaScript
        page.get_by_role("link", name="See all 34 resources, A to Z").click()
        listed = set(page.locator(".smh-az a").evaluate_all(
            "links => links.map(a => new URL(a.href).pathname)"))
        every = {f"/resources/{slug}/" for slug in _resources("en")}
        assert listed == every
        assert on_hub <= every
    finally:
        context.close()


def test_the_filters_work_by_keyboard(visit: Callable[..., Any], server: Any) -> None:
    opened = visit(server, "fr/resources/")
    page = opened.page
    target = page.locator("input[name='audience'][value='parents']")
    for _ in range(80):
        page.keyboard.press("Tab")
        if target.evaluate("input => input === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the 'Parents et personnes aidantes' filter")
    page.keyboard.press("Space")
    _settle(page)
    assert target.is_checked()
    assert "audience=parents" in page.url
    expected = {m["title"] for m in _resources("fr").values() if "parents" in m["audience"]}
    assert set(_titles(page)) == expected
    # The live region says how many there are, in French.
    assert page.locator(".smh-results__count[role='status']").inner_text() == (
        f"{len(expected)} ressources affichées")


def test_show_more_continues_the_list_in_title_order(visit: Callable[..., Any],
                                                     server: Any) -> None:
    opened = visit(server, "resources/")
    page = opened.page
    more = page.locator(".smh-results__more")
    assert more.is_visible()
    more.click()
    page.wait_for_function(
        "() => document.querySelectorAll('.smh-results .smh-card').length > 24")
    titles = _titles(page)
    assert len(titles) == len(_resources("en"))
    assert titles == sorted(titles, key=sort_key)
    assert more.is_hidden()
    assert page.evaluate("document.activeElement.textContent") == titles[24]


LIBRARY_PAGES = ["resources/", "resources/?audience=parents&tiers=2", "resources/all/",
                 "resources/my-worry-plan/", "resources/whole-school-action-plan/",
                 "search/?q=anxiety", "get-help/"]
IN_FRENCH = {"search/?q=anxiety": "search/?q=anxiété"}


@pytest.mark.parametrize("address", [
    Address(lang + (IN_FRENCH.get(rel, rel) if lang else rel), screen)
    for rel in LIBRARY_PAGES for lang in ("", "fr/") for screen in ("desktop", "phone")], ids=str)
def test_library_pages_pass_axe(pristine: Callable[..., Any], server: Any,
                                address: Address) -> None:
    opened = pristine(server, address.rel, address.viewport,
                      ready=".smh-card__title a" if "search/" in address.rel else None)
    if "resources/?" in address.rel:
        _settle(opened.page)
    violations = axe_violations(opened)
    assert not violations, f"/{address.rel} ({address.viewport}):\n{describe(violations)}"
    assert opened.foreign_requests() == []


def test_a_new_resource_is_searchable_in_its_own_language_only(
        browser: Any, tmp_path: Path) -> None:
    from browser.conftest import _serve
    from test_library_build import library

    site = library(tmp_path)  # English page says "zorblax", French page "zorbleu"
    site.build()
    with _serve(site.site, site.site / "404.html") as httpd:
        root = f"http://127.0.0.1:{httpd.server_address[1]}/"
        page = browser.new_page()
        try:
            found = {}
            for lang, address in [("en", root), ("fr", root + "fr/")]:
                page.goto(address)
                found[lang] = page.evaluate("""async () => {
                  const pagefind = await import('/pagefind/pagefind.js');
                  const urls = async word => {
                    const search = await pagefind.search(word);
                    return Promise.all(search.results.map(async r => (await r.data()).url));
                  };
                  return {zorblax: await urls('zorblax'), zorbleu: await urls('zorbleu')};
                }""")
        finally:
            page.close()
    assert found["en"]["zorblax"] == ["/resources/worry-tips/"]
    assert found["fr"]["zorbleu"] == ["/fr/resources/worry-tips/"]
    # Each index holds its own language only, whatever the query matches loosely.
    assert not any(url.startswith("/fr/") for urls in found["en"].values() for url in urls)
    assert all(url.startswith("/fr/") for urls in found["fr"].values() for url in urls)
