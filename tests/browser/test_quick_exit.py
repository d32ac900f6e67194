"""'Exit this page': leaves at once, by click or by pressing Shift three times, and Back does not
return to the page that was left."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import yaml

from sitekit import ROOT

EXIT_URL = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))[
    "quick_exit_url"]
NEUTRAL_PAGE = "<!doctype html><html lang='en'><title>Weather</title><p>Weather</p></html>"


def _pretend_neutral_site(visit_result: object) -> None:
    # The neutral site is answered here, so nothing leaves the machine.
    visit_result.context.route(  # type: ignore[attr-defined]
        EXIT_URL + "**", lambda route: route.fulfill(body=NEUTRAL_PAGE, content_type="text/html"))


@pytest.mark.parametrize("screen", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["", "fr/"])
@pytest.mark.parametrize("how", ["click", "keyboard"])
def test_exit_leaves_and_back_skips_the_page(visit: Callable[..., object], server: object,
                                             screen: str, lang: str, how: str) -> None:
    opened = visit(server, lang, screen)
    page = opened.page  # type: ignore[attr-defined]
    _pretend_neutral_site(opened)
    page.goto(server.url(lang + "roles/students/"))  # type: ignore[attr-defined]
    button = page.locator(".smh-exit__button")
    assert button.is_visible()
    label = "Exit this page" if not lang else "Quitter cette page"
    assert label in button.inner_text()
    if how == "click":
        button.click()
    else:
        page.locator("h1").click()  # focus in the page, as a reader would have it
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL + "**")
    assert page.locator("p").inner_text() == "Weather"
    page.go_back()
    page.wait_for_load_state()
    assert not page.url.endswith("roles/students/")
    assert page.url == server.url(lang)  # type: ignore[attr-defined]


def test_pages_without_quick_exit_have_no_button(visit: Callable[..., object],
                                                 server: object) -> None:
    opened = visit(server, "roles/parents/")
    assert opened.page.locator(".smh-exit").count() == 0  # type: ignore[attr-defined]


def test_exit_button_is_reachable_by_keyboard(visit: Callable[..., object],
                                              server: object) -> None:
    opened = visit(server, "fr/roles/students/", "phone")
    page = opened.page  # type: ignore[attr-defined]
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('smh-exit__button')"):
            break
    else:
        pytest.fail("Tab never reached the 'Quitter cette page' button")
