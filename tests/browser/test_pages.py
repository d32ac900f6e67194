"""Every page type, in both languages, on desktop and phone, in a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from sitekit import ROOT

NOT_FOUND_TITLES = {"en": "Page not found", "fr": "Page introuvable"}

# Interface text Material for MkDocs shows in English when it is not translated.
ENGLISH_THEME_STRINGS = [
    "Skip to content", "Table of contents", "Back to top", "Previous", "Next", "Made with",
    "Search", "Type to start searching", "Initialize search", "Share", "Clear", "Close",
    "Copy to clipboard", "Edit this page", "View source of this page", "Last update",
    "Header", "Footer", "Go to repository", "Select version", "Cookie consent",
]
_ENGLISH = re.compile(r"\b(" + "|".join(map(re.escape, ENGLISH_THEME_STRINGS)) + r")\b")

# Text and labels of the theme's furniture, outside any element marked as another language
# (the "English" toggle carries lang="en" on purpose).
CHROME_TEXT_JS = """() => {
  const selector = 'header, footer, nav, .md-skip, [data-md-component="skip"], .md-top,'
    + ' .md-sidebar, .md-footer, .md-dialog, .md-search';
  const foreign = el => { const l = el.closest('[lang]'); return !!l && !l.lang.startsWith('fr'); };
  const found = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.nodeValue.replace(/\\s+/g, ' ').trim();
      if (text && !foreign(n.parentElement)) found.push(text);
    }
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (foreign(el)) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        if (el.hasAttribute(name)) found.push(el.getAttribute(name));
      }
    }
  }
  return found;
}"""


def html_lang(page: Page) -> str | None:
    return page.locator("html").get_attribute("lang")


def toggle_href(page: Page) -> str:
    toggle = page.locator("a.smh-lang__link")
    expect(toggle).to_have_count(1)
    return str(toggle.evaluate("a => a.href"))


# ------------------------------------------------------------------ every page type

def test_page_renders_with_h1_and_language(target, viewport, server, pristine) -> None:
    v = pristine(server, target.rel, viewport)
    assert v.status == (404 if target.is_not_found else 200), v.page.url
    h1 = v.page.locator("h1:visible")
    expect(h1).to_have_count(1)
    assert h1.inner_text().strip()
    # The 404 page served for every address speaks the language of the address.
    assert html_lang(v.page) == target.lang
    assert v.failed_assets() == [], "stylesheets, scripts or images that did not load"


def test_language_toggle_goes_to_counterpart_and_back(content_target, viewport, server,
                                                     tab) -> None:
    target = content_target
    other = target.counterpart
    v = tab(server, target.rel, viewport)
    page = v.page

    assert toggle_href(page) == server.url(other.rel)
    toggle = page.locator("a.smh-lang__link")
    expect(toggle).to_be_visible()
    assert toggle.get_attribute("hreflang") == other.lang
    toggle.click()
    page.wait_for_url(server.url(other.rel))
    assert html_lang(page) == other.lang

    assert toggle_href(page) == server.url(target.rel)
    back = page.locator("a.smh-lang__link")
    expect(back).to_be_visible()
    back.click()
    page.wait_for_url(server.url(target.rel))
    assert html_lang(page) == target.lang


def test_every_link_on_the_page_works(target, server, pristine) -> None:
    """Links written as relative or root-relative addresses must land on a page of this site.

    A protocol-relative href ("//get-help/") leaves the site: the browser reads it as a host.
    """
    v = pristine(server, target.rel, "desktop")
    links = v.page.eval_on_selector_all(
        "a[href]", "els => els.map(a => [a.getAttribute('href'), a.href])")
    broken: list[str] = []
    seen: dict[str, int] = {}
    for raw, resolved in links:
        if raw.startswith(("tel:", "sms:", "mailto:", "http://", "https://")):
            continue
        if raw.startswith("#"):
            if raw != "#" and v.page.locator(f'[id="{raw[1:]}"]').count() != 1:
                broken.append(f"href={raw!r}: no element with that id on the page")
            continue
        if not resolved.startswith(server.origin + "/"):
            broken.append(f"href={raw!r} resolves to {resolved!r}, off this site")
            continue
        address = resolved.split("#", 1)[0]
        if address not in seen:
            seen[address] = v.context.request.get(address).status
        if seen[address] != 200:
            broken.append(f"href={raw!r} -> {address} answers {seen[address]}")
    assert broken == [], f"{target.rel or '/'}:\n" + "\n".join(sorted(set(broken)))


def test_no_request_leaves_the_machine(target, viewport, server, pristine) -> None:
    """Every request the page made since it opened (in a context of its own), then those made
    on the way to its bottom and back. Runs after the other tests of its page: it scrolls."""
    v = pristine(server, target.rel, viewport)
    v.page.mouse.wheel(0, 20_000)  # to the bottom: anything loaded late, the back-to-top button
    v.settle()
    v.page.mouse.wheel(0, -20_000)
    v.settle()
    assert v.requests, "no request recorded at all"
    assert v.foreign_requests() == [], "requests that leave 127.0.0.1"
    assert v.failed_requests() == [], "local requests that failed"


# ------------------------------------------------------------------ the 404 page

@pytest.mark.parametrize("lang", ["en", "fr"])
def test_not_found_page_is_bilingual_and_links_home(lang, viewport, server, tab,
                                                    ui_text) -> None:
    rel = ("fr/" if lang == "fr" else "") + "no-such-page/"
    v = tab(server, rel, viewport)
    page = v.page
    assert v.status == 404
    other = "en" if lang == "fr" else "fr"
    expect(page.get_by_text(NOT_FOUND_TITLES[lang], exact=True).first).to_be_visible()
    expect(page.get_by_text(NOT_FOUND_TITLES[other], exact=True)).to_be_hidden()

    homes = {"en": server.url(""), "fr": server.url("fr/")}
    for code, home in homes.items():  # every language's links are right, shown or not
        link = page.locator(f'section[lang="{code}"] a').first
        assert link.evaluate("a => a.href") == home, (
            f"{ui_text['not_found_home'][code]!r} has href={link.get_attribute('href')!r}")

    page.locator(f'section[lang="{lang}"]').get_by_role(
        "link", name=ui_text["not_found_home"][lang]).click()
    page.wait_for_url(homes[lang])
    assert html_lang(page) == lang


# ------------------------------------------------------------------ no English chrome in French

# The French pages are read in a few parts, one a test, so that both workers share them.
FRENCH_PARTS = 4


@pytest.mark.parametrize("part", range(FRENCH_PARTS))
def test_french_pages_show_no_english_interface_text(part: int, site_dir: Path, server,
                                                     visit) -> None:
    pages = sorted((site_dir / "fr").rglob("index.html"))
    assert len(pages) == len(list((ROOT / "docs" / "fr").rglob("*.md")))
    v = visit(server, "fr/", "desktop")
    found: list[str] = []
    for file in pages[part::FRENCH_PARTS]:
        rel = file.parent.relative_to(site_dir).as_posix() + "/"
        v.page.goto(server.url(rel))
        assert html_lang(v.page) == "fr", rel
        for text in v.page.evaluate(CHROME_TEXT_JS):
            match = _ENGLISH.search(text)
            if match:
                found.append(f"/{rel}: {match.group(0)!r} in {text!r}")
    assert found == [], "English interface text on French pages:\n" + "\n".join(found)


# ------------------------------------------------------------------ the same site under a sub-path

def test_subpath_page_loads_and_toggles(content_target, subpath_server, tab) -> None:
    target = content_target
    v = tab(subpath_server, target.rel, "desktop")
    assert v.status == 200
    assert html_lang(v.page) == target.lang
    assert v.failed_assets() == [], "stylesheets, scripts or images that did not load"
    prefix = subpath_server.root
    outside = [url for url in v.asset_requests
               if url.startswith("http") and not url.startswith(prefix)]
    assert outside == [], f"requests outside {prefix}: {outside}"

    assert toggle_href(v.page) == subpath_server.url(target.counterpart.rel)
    v.page.locator("a.smh-lang__link").click()
    v.page.wait_for_url(subpath_server.url(target.counterpart.rel))
    assert toggle_href(v.page) == subpath_server.url(target.rel)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_subpath_not_found_page(lang, subpath_server, visit, ui_text) -> None:
    rel = ("fr/" if lang == "fr" else "") + "no-such-page/deeper/"
    v = visit(subpath_server, rel, "desktop")
    assert v.status == 404
    assert v.failed_assets() == [], "stylesheets, scripts or images that did not load"
    homes = {"en": subpath_server.url(""), "fr": subpath_server.url("fr/")}
    for code, home in homes.items():
        link = v.page.locator(f'section[lang="{code}"] a').first
        assert link.evaluate("a => a.href") == home
