"""What a visitor sees, on every page type, in both languages, on a phone and a desktop.

One load per page and screen, then every check on what is drawn: nothing fixed or floating
covers text; nothing spills sideways outside a scroll box; no text that looks like data; no
English interface words on a French page, and French no-break spaces in all of its text, the
scripts' included; the crisis block whole on the first screen; a skip link that lands on the
page's title.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import yaml

from sitekit import ROOT

from .conftest import VIEWPORTS, PagePool, Server, Visit

# (page type, address under the language root); the query is in each language's words.
PAGES = [
    ("home", ""), ("role", "roles/educators/"), ("topic", "topics/anxiety/"),
    ("pillar", "pillars/equity/"), ("tiers", "about/tiers/"), ("about", "about/"),
    ("framework", "about/core-elements/"), ("section", "about/community-of-practice/"),
    ("case-study", "case-studies/networked-district/"), ("help", "get-help/"),
    ("statement", "accessibility/"), ("hub", "resources/"), ("library-index", "resources/all/"),
    ("resource", "resources/calm-your-body/"), ("search", "search/?q={query}"),
    ("learning", "learn/"), ("pathway", "learn/educators/"),
    ("module", "learn/educators/04-talking-about-suicide-safely/"),
    ("learning-record", "learn/record/"), ("reflection-logs", "learn/reflection-logs/"),
    ("self-assessment", "learn/self-assessment/"),
    ("not-found", "no-such-page/"),
]
QUERY = {"en": "anxiety", "fr": "anxiété"}
# The theme's own words, should it ever show them untranslated.
THEME_ENGLISH = ["Back to top", "Table of contents", "Skip to content", "Initializing search",
                 "Copy to clipboard", "Type to start searching", "Load more results"]
LEARNING_IN_USE = {
    "format": "smh-learning", "version": 1,
    "progress": {"learn/educators/01-mentally-healthy-classrooms":
                 {"done": "2026-11-03", "minutes": 20}},
    "logs": {"2026-2027": {"1": {"did": "Deux rencontres du personnel : « remarquer » & agir.",
                                 "changed": "More students ask for help early.", "next": ""}}},
    "assessments": [
        {"date": "2026-06-15", "ratings": {"organizational-conditions": "not-yet"}},
        {"date": "2026-11-20", "ratings": {"organizational-conditions": "emerging",
                                           "quality": "embedded", "equity": "not-yet"}}],
    "plan": [{"element": "equity", "action": "Review who our tier 2 programs reach, and who "
              "they miss, with the equity lead and two student voices.",
              "who": "Mental health lead and principal", "when": "2027-02-28",
              "status": "doing"}],
}


@dataclass(frozen=True)
class Case:
    kind: str
    path: str
    lang: str
    viewport: str

    @property
    def rel(self) -> str:
        return ("fr/" if self.lang == "fr" else "") + self.path.format(query=QUERY[self.lang])

    def __str__(self) -> str:
        return f"{self.lang}-{self.kind}-{self.viewport}"


CASES = [Case(kind, path, lang, viewport) for kind, path in PAGES for lang in ("en", "fr")
         for viewport in VIEWPORTS]


def english_words() -> list[str]:
    """Interface strings whose English differs from the French, as English visitors read them
    (placeholders cut out: the text around them must not appear either)."""
    ui = yaml.safe_load((ROOT / "data/ui.yml").read_text(encoding="utf-8"))
    words: set[str] = set(THEME_ENGLISH)
    for value in ui.values():
        if value["en"] == value["fr"]:
            continue
        for part in re.split(r"\{[a-z_]+\}", str(value["en"])):
            part = part.strip(" .,:()")
            if len(part) >= 4 and part not in str(value["fr"]):
                words.add(part)
    return sorted(words)


@pytest.fixture(scope="module")
def crisis_numbers() -> list[str]:
    data = yaml.safe_load((ROOT / "data/crisis_lines.yml").read_text(encoding="utf-8"))
    return [str(line["call"]["number"]) for line in data["lines"]]


def _as_found(case: Case) -> dict[str, Any]:
    """How a visitor finds the page: the learning tools in use (long text, a plan, ratings),
    search results and the hub's filters drawn."""
    return {"storage": {"smh-learning": LEARNING_IN_USE} if case.path.startswith("learn/")
            else None,
            "ready": {"search": ".smh-card", "hub": ".smh-filters:not([hidden])"}.get(case.kind)}


@pytest.fixture
def shown(pool: PagePool, server: Server, request: pytest.FixtureRequest) -> Visit:
    """The page, shared with the other tests that only read it."""
    case = request.param
    found = _as_found(case)
    opened = pool.get(server, case.rel, case.viewport, **found)
    if found["storage"]:
        assert opened.page.evaluate("localStorage.getItem('smh-learning')"), "tools not in use"
    return opened


@pytest.fixture
def shown_alone(tab: Callable[..., Visit], server: Server,
                request: pytest.FixtureRequest) -> Visit:
    """The page in a tab of its own, for a test that acts on it."""
    case = request.param
    found = _as_found(case)
    opened = tab(server, case.rel, case.viewport, storage=found["storage"])
    if found["ready"]:  # results and filters come from the search index
        opened.page.wait_for_selector(found["ready"])
        opened.settle()
    return opened


# Runs in the page: the problems of what is drawn, as text.
LAYOUT_SCRIPT = r"""
([lang, englishWords]) => {
  const problems = [];
  const view = { w: document.documentElement.clientWidth, h: window.innerHeight };
  // 1. Sideways overflow: the page itself never scrolls sideways.
  if (document.documentElement.scrollWidth > view.w + 1) {
    const wide = [...document.querySelectorAll("body *")].filter((e) => {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.right <= view.w + 1) return false;
      for (let p = e.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === "auto" || o === "scroll" || o === "hidden") return false;
      }
      return true;
    }).slice(0, 3).map((e) => e.tagName + "." + e.className);
    problems.push("the page scrolls sideways: " + wide.join(", "));
  }
  // Visible text nodes, with their language and box.
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el) continue;
    if (el.closest("script, style, template, noscript")) continue;
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    // Boxes on screen only: a closed drawer's links are off to the side.
    const boxes = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0 &&
      r.right > 0 && r.left < view.w && r.bottom > 0 && r.top < view.h);
    if (!boxes.length) continue;
    texts.push({ node, el, boxes, lang: (el.closest("[lang]") || document.documentElement).lang,
                 code: !!el.closest("code, pre, kbd, samp") });
  }
  // 2. Nothing fixed or floating covers text.
  // The theme's header and side menus are the page's frame: text scrolls under them by design.
  const frame = "header, .md-sidebar, .md-header";
  const floating = [...document.querySelectorAll("body *")].filter((e) => {
    const s = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    return (s.position === "fixed" || s.position === "sticky") && !e.matches(frame) &&
      !e.closest(frame) &&
      e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) &&
      r.height > 0 && r.width > 0 && r.bottom > 0 && r.top < view.h;
  });
  for (const f of floating) {
    const fr = f.getBoundingClientRect();
    for (const t of texts) {
      if (f.contains(t.el) || t.el.closest(frame)) continue;
      const hit = t.boxes.find((b) => b.left < fr.right - 1 && b.right > fr.left + 1 &&
                                      b.top < fr.bottom - 1 && b.bottom > fr.top + 1);
      if (hit) {
        const words = t.node.textContent.trim().slice(0, 40);
        problems.push(`${f.tagName}.${f.className} covers "${words}"`);
        break;
      }
    }
  }
  // 3. No text that looks like data.
  const body = document.body.innerText;
  for (const sign of ['{"', "\\u00", "Card:", '":"', "[object", "undefined", "NaN"]) {
    if (body.includes(sign)) problems.push(`text that looks like data: ${sign}`);
  }
  if (lang === "fr") {
    const french = texts.filter((t) => t.lang.startsWith("fr") && !t.code);
    const all = french.map((t) => t.node.textContent).join("\u0001");
    // 4. No English interface words.
    for (const word of englishWords) {
      if (all.includes(word)) problems.push(`English on a French page: "${word}"`);
    }
    // 5. French typography: no plain space before : ; ? ! » or after «.
    for (const t of french) {
      const m = t.node.textContent.match(/.{0,20}(?: [:;?!»]|« ).{0,10}/);
      if (m) problems.push(`a plain space in "${m[0]}"`);
    }
    for (const el of document.querySelectorAll("[title], [aria-label], [placeholder]")) {
      if ((el.closest("[lang]") || document.documentElement).lang !== "fr") continue;
      for (const name of ["title", "aria-label", "placeholder"]) {
        const value = el.getAttribute(name) || "";
        if (/ [:;?!»]|« /.test(value)) problems.push(`a plain space in ${name}="${value}"`);
      }
    }
    if (/ [:;?!»]|« /.test(document.title)) problems.push(`a plain space in the title`);
  }
  return problems;
}
"""


@pytest.mark.parametrize("shown", CASES, indirect=True, ids=str)
def test_what_is_drawn_is_right(shown: Visit, crisis_numbers: list[str]) -> None:
    page = shown.page
    lang = page.evaluate("document.documentElement.lang")
    problems: list[str] = page.evaluate(LAYOUT_SCRIPT, [lang, english_words()])
    # The crisis block: every helpline, whole, on the first screen.
    block = page.locator("#crisis-help")
    box = block.bounding_box()
    height = page.viewport_size["height"] if page.viewport_size else 0
    if box is None or box["y"] < 0 or box["y"] + box["height"] > height:
        problems.append(f"the crisis block is not whole on the first screen: {box}")
    tels = page.locator("#crisis-help .smh-crisis__lang:visible a[href^='tel:']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    missing = [n for n in crisis_numbers if f"tel:{n}" not in tels]
    if missing:
        problems.append(f"helplines missing from the crisis block: {missing}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("shown_alone", [c for c in CASES if c.viewport == "desktop"],
                         indirect=True, ids=lambda case: f"{case.lang}-{case.kind}")
def test_the_skip_link_lands_on_the_title(shown_alone: Visit) -> None:
    page = shown_alone.page
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused: dict[str, Any] = page.evaluate(
        "({text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href')})")
    assert focused["href"] and focused["href"].startswith("#"), focused
    page.keyboard.press("Enter")
    landed = page.evaluate("document.activeElement.tagName + ' ' + document.activeElement.id")
    assert landed.startswith("H1 "), (focused, landed)
    assert page.locator("h1").first.is_visible()


CONTENT_CASES = [c for c in CASES if c.kind not in ("home", "not-found")]


@pytest.mark.parametrize("shown", CONTENT_CASES, indirect=True, ids=str)
def test_a_public_service_page(shown: Visit) -> None:
    """The site's name on every screen, where the page sits, when it last changed, and the
    width of the screen for the page when it has no contents to list."""
    page = shown.page
    lang = page.evaluate("document.documentElement.lang")
    ui = yaml.safe_load((ROOT / "data/ui.yml").read_text(encoding="utf-8"))
    name = page.locator(".md-header__title .md-header__topic").first
    expect_visible_text = name.inner_text().strip()
    assert expect_visible_text and name.is_visible(), "no site name in the header"
    crumbs = page.locator("nav.smh-breadcrumbs a")
    assert crumbs.count() >= 1 and crumbs.first.inner_text() == ui["breadcrumbs_home"][lang]
    review = " ".join(page.locator(".smh-review").inner_text().split())
    assert " ".join(str(ui["last_reviewed"][lang]).split()) in review
    toc = page.locator(".md-sidebar--secondary")
    has_contents = page.locator(".md-sidebar--secondary .md-nav__link").count() > 0
    if page.viewport_size and page.viewport_size["width"] >= 1220 and not has_contents:
        assert toc.count() == 0 or not toc.is_visible()
