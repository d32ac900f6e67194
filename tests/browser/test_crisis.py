"""The crisis help block: first, visible, dialable, named, never dismissible, printed."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Locator, Page, expect

CRISIS = "aside[data-smh-crisis]"

# The canonical links, written out by hand on purpose: a change in data/crisis_lines.yml that
# alters a number must also change this list.
CANONICAL_TEL = ["tel:+18006686868", "tel:+18552423310", "tel:+18332948650", "tel:988", "tel:911"]
CANONICAL_SMS = ["sms:686868", "sms:988"]

DISMISS_WORDS = {"close", "dismiss", "hide", "fermer", "masquer", "ignorer"}
DISMISS_SIGNS = ("\u00d7", "\u2715", "\u2716")  # multiplication sign, crosses


def shown_languages(target: Any) -> list[str]:
    """Every page shows the block in its own language; the 404 page, served for any address,
    in the language of the address (its other languages are hidden by its script)."""
    return [target.lang]


def folded(text: str) -> str:
    """Whitespace as a reader sees it: a no-break space (French typography) is a space."""
    return " ".join(text.split())


def expected_links(line: dict[str, Any]) -> tuple[str, str | None]:
    tel = f"tel:{line['call']['number']}"
    sms = f"sms:{line['text']['number']}" if line.get("text") else None
    return tel, sms


def hrefs(scope: Locator, prefix: str) -> list[str]:
    return list(scope.locator(f'a[href^="{prefix}"]').evaluate_all(
        "els => els.map(a => a.getAttribute('href'))"))


def test_crisis_block_is_visible_without_scrolling(loaded) -> None:
    v = loaded
    page: Page = v.page
    block = page.locator(CRISIS)
    expect(block).to_have_count(1)
    expect(block).to_be_visible()
    assert page.evaluate("window.scrollY") == 0
    box = block.bounding_box()
    assert box is not None
    height = page.viewport_size["height"] if page.viewport_size else 0
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= height, (
        f"crisis block ends at {box['y'] + box['height']:.0f}px, below the first "
        f"{height}px viewport")
    # Every dialable number in it is on screen too, not clipped away.
    for link in block.locator('a[href^="tel:"]:visible').all():
        expect(link).to_be_visible()
        link_box = link.bounding_box()
        assert link_box is not None and link_box["y"] + link_box["height"] <= height


def test_helplines_link_to_canonical_numbers_with_names_in_page_language(
        target, loaded, crisis_data) -> None:
    v = loaded
    block = v.page.locator(CRISIS)

    # The data file itself still holds the canonical numbers.
    assert [expected_links(line)[0] for line in crisis_data] == CANONICAL_TEL
    assert [s for _, s in map(expected_links, crisis_data) if s] == CANONICAL_SMS

    languages = shown_languages(target)
    sections = block.locator(".smh-crisis__lang:visible")
    expect(sections).to_have_count(len(languages))
    for index, lang in enumerate(languages):
        section = sections.nth(index)
        assert section.get_attribute("lang") == lang
        assert hrefs(section, "tel:") == CANONICAL_TEL
        assert hrefs(section, "sms:") == CANONICAL_SMS
        names = [folded(n) for n in section.locator(".smh-crisis__name").all_inner_texts()]
        assert names == [folded(line["name"][lang]) for line in crisis_data]
        for line in crisis_data:
            item = section.locator(".smh-crisis__line").filter(
                has=v.page.locator(".smh-crisis__name", has_text=line["name"][lang]))
            expect(item).to_have_count(1)
            tel, sms = expected_links(line)
            call = item.locator('a[href^="tel:"]')
            expect(call).to_have_count(1)
            assert call.get_attribute("href") == tel
            expect(call).to_contain_text(str(line["call"]["display"][lang]))
            if sms:
                assert item.locator('a[href^="sms:"]').get_attribute("href") == sms
    if True:  # the other language's names are nowhere in sight, on the 404 page too
        other = "fr" if target.lang == "en" else "en"
        shown = folded(block.inner_text())
        for line in crisis_data:
            name = line["name"][other]
            if name in line["name"][target.lang]:
                continue  # "Black Youth Helpline" is part of the French name on purpose
            assert name not in shown, f"{other} name {name!r} on a {target.lang} page"


def test_crisis_block_is_a_named_landmark(target, loaded, ui_text) -> None:
    v = loaded
    page = v.page
    block = page.locator(CRISIS)
    assert block.evaluate("el => el.tagName") == "ASIDE"
    title_id = block.get_attribute("aria-labelledby")
    assert title_id, "the crisis block has no aria-labelledby"
    title = page.locator(f'[id="{title_id}"]')
    expect(title).to_have_count(1)
    first = shown_languages(target)[0]
    expect(title).to_have_text(ui_text["crisis_heading"][first])
    landmark = page.get_by_role("complementary", name=ui_text["crisis_heading"][first],
                                exact=True)
    expect(landmark).to_have_count(1)
    assert landmark.evaluate("el => el.hasAttribute('data-smh-crisis')")
    # Top-level: not nested in another landmark, so screen readers list it on its own.
    assert block.evaluate(
        "el => !el.parentElement.closest('main, header, footer, nav, aside, section, article')")


def test_crisis_block_has_no_dismiss_control(loaded) -> None:
    v = loaded
    block = v.page.locator(CRISIS)
    controls = block.locator("button, [role=button], input, select, details, summary, dialog")
    expect(controls).to_have_count(0)
    labels = block.locator("a, [aria-label], [title]").evaluate_all(
        "els => els.map(e => [e.textContent, e.getAttribute('aria-label'),"
        " e.getAttribute('title')].filter(Boolean).join(' ').toLowerCase())")
    for label in labels:
        assert not set(re.findall(r"\w+", label)) & DISMISS_WORDS, label
        assert not any(sign in label for sign in DISMISS_SIGNS), label
    # Nothing in the page's own scripts can remove or hide it.
    v.page.keyboard.press("Escape")
    expect(block).to_be_visible()


def test_first_tab_reaches_crisis_help(target, viewport, server, tab, ui_text) -> None:
    v = tab(server, target.rel, viewport)
    page = v.page
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.getAttribute('href'), "
        "document.activeElement.textContent.trim()]")
    expected = ui_text["skip_to_help"][target.lang]
    assert focused == ["#crisis-help", expected], (
        f"first Tab focused {focused}, not the crisis skip link")
    skip = page.locator('a[href="#crisis-help"]:visible').first
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === '#crisis-help'")
    # Focus continues from the block: the next Tab lands on its first helpline.
    page.keyboard.press("Tab")
    first_call = page.evaluate(
        "() => [document.activeElement.closest('[data-smh-crisis]') !== null,"
        " document.activeElement.getAttribute('href')]")
    assert first_call == [True, CANONICAL_TEL[0]]
    box = page.locator(CRISIS).bounding_box()
    assert box is not None and box["y"] < (page.viewport_size or {"height": 0})["height"]


def test_crisis_block_is_printed(target, viewport, server, pristine) -> None:
    v = pristine(server, target.rel, viewport, media="print")
    block = v.page.locator(CRISIS)
    assert v.page.evaluate("matchMedia('print').matches")
    expect(block).to_be_visible()
    assert block.evaluate("el => getComputedStyle(el).display") != "none"
    for link in block.locator('a[href^="tel:"]:visible').all():
        expect(link).to_be_visible()
    # Dialled from paper: the printed numbers are the ones in the links.
    assert block.locator('a[href^="tel:"]:visible').count() == len(CANONICAL_TEL) * len(
        shown_languages(target))
