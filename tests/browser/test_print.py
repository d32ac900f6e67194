"""Printed pages (overrides/assets/print.css): role, topic, resource and help pages, in both
languages, print as a clean document: no site chrome, the content at full width in black on
white, the crisis lines with every number as text, and the page's address and review date.

Set SMH_PRINT_PREVIEWS to a folder to keep the PDFs (and, with poppler's pdftoppm installed,
PNG images of their pages) for looking at: SMH_PRINT_PREVIEWS=/tmp/print-previews.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from browser.conftest import LANGUAGES, PagePool, Server, Target, Visit, open_visit
from sitekit import ROOT

PRINTED = [
    Target(kind, path, lang)
    for lang in LANGUAGES
    for kind, path in [
        ("role", "roles/parents/"),
        ("help", "get-help/"),
        ("topic", "topics/anxiety/"),
        # A resource with an external link, a quick exit button and related resources.
        ("resource", "resources/when-a-friend-is-not-okay/"),
    ]
]
PDF_TARGETS = [t for t in PRINTED if t.kind in ("role", "help")]
MAX_HELP_PAGES = 3          # the help page is a handout: it stays short

# What must not print, and what it is: (selector, must exist on every page printed here).
CHROME = [
    (".md-header", True),                          # header bar
    (".md-sidebar--primary", True),                # navigation
    (".md-sidebar--secondary", True),              # table of contents
    (".smh-search-form", True),
    (".smh-lang", True),                           # language link
    (".md-footer", True),                          # the theme's previous/next footer
    (".smh-footer-links", True),
    (".md-skip", True),                            # skip links
    (".md-top", True),                             # back to top
    (".smh-exit", False),                          # quick exit (pages that ask for it)
]
QUICK_EXIT_KINDS = ("help", "resource")

# Letter paper less the @page margins of print.css (15 mm each side), in CSS pixels.
PAPER_WIDTH = round((8.5 - 2 * 15 / 25.4) * 96)

# Every rendered element whose box sticks out of the page, left or right.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.checkVisibility()) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.left < -1 || r.right > width + 1) {
      const name = `${el.tagName.toLowerCase()}.${el.className}`;
      out.push(`${name} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
  }
  const scroll = document.documentElement.scrollWidth;
  if (scroll > width + 1) out.push(`page scrolls sideways: ${scroll} > ${width}`);
  return out;
}"""


def front_matter(target: Target) -> dict[str, Any]:
    text = (ROOT / "docs" / target.lang / (target.path.rstrip("/") + ".md")).read_text("utf-8")
    return dict(yaml.safe_load(text.split("---", 2)[1]))


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.fixture(scope="module", params=PRINTED, ids=str)
def print_target(request: pytest.FixtureRequest) -> Target:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def printed(print_target: Target, pool: PagePool, server: Server) -> Visit:
    """The page with print media, shared by the read-only tests below."""
    result = pool.get(server, print_target.rel, "desktop", media="print")
    assert result.page.evaluate("matchMedia('print').matches")
    return result


def test_site_chrome_does_not_print(printed: Visit, print_target: Target) -> None:
    page = printed.page
    for selector, everywhere in CHROME:
        found = page.locator(selector)
        if everywhere or (selector == ".smh-exit" and print_target.kind in QUICK_EXIT_KINDS):
            assert found.count() > 0, f"{selector} is not on the page: the test checks nothing"
        shown = found.evaluate_all("els => els.filter(el => el.checkVisibility()).length")
        assert shown == 0, f"{selector} prints"


def test_content_uses_the_page_width_in_black_on_white(printed: Visit) -> None:
    page = printed.page
    width = page.evaluate("document.documentElement.clientWidth")
    box = page.locator("article.md-content__inner").bounding_box()
    assert box is not None
    assert box["width"] >= 0.85 * width, f"content is {box['width']:.0f}px of {width}px"
    colours = page.evaluate("""() => [getComputedStyle(document.querySelector('article')).color,
        getComputedStyle(document.body).backgroundColor]""")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    links = page.locator("article a").evaluate_all("""els => els
        .filter(a => a.checkVisibility())
        .map(a => [getComputedStyle(a).color, getComputedStyle(a).textDecorationLine])""")
    assert links and set(map(tuple, links)) == {("rgb(0, 0, 0)", "underline")}


@pytest.mark.parametrize("width", [1280, PAPER_WIDTH], ids=["desktop", "paper"])
def test_nothing_overflows_the_page(printed: Visit, width: int) -> None:
    page = printed.page
    page.set_viewport_size({"width": width, "height": 800})
    try:
        assert page.evaluate(OVERFLOWING) == []
    finally:
        page.set_viewport_size({"width": 1280, "height": 800})


def test_crisis_block_prints_every_name_and_number(
        printed: Visit, print_target: Target, crisis_data: list[dict[str, Any]]) -> None:
    lang = print_target.lang
    block = printed.page.locator("aside.smh-crisis")
    expect(block).to_be_visible()
    text = " ".join(block.inner_text().split())  # a no-break space reads as a space
    for line in crisis_data:
        assert " ".join(str(line["name"][lang]).split()) in text
        assert str(line["call"]["display"][lang]) in text
        if line.get("text"):
            assert str(line["text"]["display"][lang]) in text
    # The numbers are shown, not only named: every link in the block is on the paper.
    for link in block.locator('a[href^="tel:"], a[href^="sms:"]').all():
        expect(link).to_be_visible()
    # Compact: the block takes at most a third of a page's height.
    box = block.bounding_box()
    assert box is not None and box["height"] < 330


def test_address_and_review_date_print(printed: Visit, print_target: Target,
                                       ui_text: dict[str, dict[str, str]]) -> None:
    page = printed.page
    lang = print_target.lang
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert canonical and canonical.startswith("http") and canonical.endswith(print_target.rel)
    address = page.locator(".smh-review__address")
    expect(address).to_be_visible()
    label = ui_text["print_address"][lang] + ui_text["colon"][lang]
    assert address.inner_text() == label + canonical
    reviewed = page.locator(".smh-review time").first
    expect(reviewed).to_be_visible()
    last_reviewed = front_matter(print_target)["last_reviewed"]
    assert reviewed.get_attribute("datetime") == last_reviewed.isoformat()
    assert ui_text["last_reviewed"][lang] in page.locator(".smh-review").inner_text()


def test_address_is_for_print_only(visit: Callable[..., Visit], server: Server) -> None:
    for rel in ("roles/parents/", "fr/roles/parents/"):
        page = visit(server, rel, "desktop").page
        expect(page.locator(".smh-review")).to_be_visible()
        expect(page.locator(".smh-review__address")).to_be_hidden()


def test_links_and_collapsed_sections_print(printed: Visit, print_target: Target) -> None:
    page = printed.page
    after = "el => getComputedStyle(el, '::after').content"
    # External addresses are printed after the link, except where the text is the address.
    for link in page.locator('article a[href^="http"]').all():
        href = link.get_attribute("href")
        inside = link.evaluate("el => !!el.closest('.smh-helpline, .smh-review__address')")
        assert link.evaluate(after) == ("none" if inside else f'" ({href})"'), href
    for link in page.locator('a[href^="tel:"], a[href^="sms:"], .smh-crisis a').all():
        assert link.evaluate(after) in ("none", "normal", '""')
    # Collapsed <details> (quiz answers) print their content. The theme's script opens them on
    # "beforeprint", which a PDF export or a browser without JavaScript never runs: close them
    # so that print.css alone shows them.
    page.locator("article details").evaluate_all(
        "els => els.forEach(d => d.removeAttribute('open'))")
    for child in page.locator("article details > :not(summary)").all():
        expect(child).to_be_visible()
    if print_target.kind == "topic":
        assert page.locator("article details").count() > 0
    if print_target.kind == "resource":
        assert page.locator('article a[href^="http"]').count() > 0


@pytest.mark.parametrize("pdf_target", PDF_TARGETS, ids=str)
def test_pdf(pdf_target: Target, browser: Browser, server: Server, tmp_path: Path) -> None:
    visit = open_visit(browser, server, pdf_target.rel, "desktop")
    try:
        page: Page = visit.page
        pdf = page.pdf(format="Letter")
    finally:
        visit.context.close()
    pages = pdf_pages(pdf)
    assert pdf.startswith(b"%PDF") and pages >= 1
    if pdf_target.kind == "help":
        assert pages <= MAX_HELP_PAGES, f"the help page prints on {pages} pages"
    name = f"{pdf_target.lang}-{pdf_target.kind}.pdf"
    (tmp_path / name).write_bytes(pdf)
    keep = os.environ.get("SMH_PRINT_PREVIEWS")
    if keep:
        folder = Path(keep)
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / name, folder / name)
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", "60", str(folder / name),
                            str(folder / name.removesuffix(".pdf"))], check=True)
