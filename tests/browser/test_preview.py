"""The live preview as an editor uses it: a mistake shows in the browser, with file, line and
fix, and the page comes back by itself once the file is saved without the mistake."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from sitekit import ROOT, TinySite, make_site, page

# The preview exactly as scripts/serve.sh starts it.
PREVIEW = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--strict", "--dev-addr"]


def test_the_tests_start_the_preview_as_the_readme_does() -> None:
    serve = (ROOT / "scripts/serve.sh").read_text(encoding="utf-8")
    assert "mkdocs serve " + " ".join(PREVIEW[4:]) + " 127.0.0.1:8000" in serve


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[TinySite, str]]:
    site = make_site(tmp_path, {"docs/en/guide.md": page("Guide"),
                                "docs/fr/guide.md": page("Guide des parents")})
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [*PREVIEW, f"127.0.0.1:{port}"], cwd=site.root, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            time.sleep(0.3)
    try:
        yield site, url
    finally:
        stop(server)


def test_a_mistake_shows_in_the_page_and_the_fix_brings_it_back(
        browser: Browser, preview: tuple[TinySite, str]) -> None:
    site, url = preview
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(url + "fr/privacy/")
        expect(tab.locator("h1")).to_have_text("Confidentialité", timeout=20_000)
        good = (site.root / "docs/fr/privacy.md").read_text(encoding="utf-8")
        site.write("docs/fr/privacy.md", good.replace("title: Confidentialité",
                                                      "title: Vie privée: nos règles"))
        problem = tab.locator("[data-smh-problem]")
        expect(problem).to_have_count(1, timeout=30_000)  # the page reloaded by itself
        expect(problem).to_contain_text("docs/fr/privacy.md:2")
        expect(problem).to_contain_text("needs quotes")
        expect(tab.locator("h1")).to_contain_text("1 problem(s) to fix")
        site.write("docs/fr/privacy.md", good)
        expect(tab.locator("h1")).to_have_text("Confidentialité", timeout=30_000)
        expect(tab.locator("#crisis-help")).to_be_visible()
    finally:
        context.close()


def test_the_preview_starts_even_with_a_mistake(browser: Browser, tmp_path: Path) -> None:
    site = make_site(tmp_path, {"docs/en/index.md": page("Home", type="home",
                                                         audience="[parent]")})
    port = _free_port()
    server = subprocess.Popen(
        [*PREVIEW, f"127.0.0.1:{port}"], cwd=site.root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = browser.new_context()
    try:
        tab = context.new_page()
        deadline = time.monotonic() + 60
        while True:
            try:
                tab.goto(f"http://127.0.0.1:{port}/")
                break
            except Exception:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.5)
        problems = tab.locator("[data-smh-problem]")
        expect(problems.first).to_contain_text(
            "docs/en/index.md:5: audience 'parent' is not in data/taxonomy.yml")
        expect(problems.nth(1)).to_contain_text("docs/fr/index.md:5: 'audience' is [students")
    finally:
        context.close()
        stop(server)


def _served(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return str(answer.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, present: bool = True) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        html = _served(url)
        if (text in html) == present and html:
            return html
        time.sleep(0.1)
    raise AssertionError(f"{url}: {text!r} {'never' if present else 'still'} served")


def test_a_body_edit_rebuilds_its_page_only(preview: tuple[TinySite, str]) -> None:
    site, url = preview
    _wait_for(url + "fr/privacy/", "Confidentialité")
    site.write("docs/en/privacy.md", page(
        "Privacy", "We keep nothing: “not one byte” & that\u2019s all.\n", type="statement"))
    html = _wait_for(url + "privacy/", "We keep nothing: “not one byte” &amp; that\u2019s all.")
    assert 'id="crisis-help"' in html
    # Pages not built again still have their titles in the rebuilt page's menu.
    assert re.search(r'href="\.\./guide/" class="md-nav__link">\s*'
                     r'<span class="md-ellipsis">\s*Guide\s*</span>', html)
    assert "Some text." in _served(url + "accessibility/")


def _unstamped(url: str) -> str:
    """The page as served, without the build number the preview's reload script carries."""
    return re.sub(r"livereload\(\d+, \d+\)", "livereload()", _served(url))


def _pages(site: TinySite, lang: str) -> list[str]:
    """The addresses of a language's pages in the tiny site: "fr/", "fr/privacy/"."""
    prefix = "" if lang == "en" else f"{lang}/"
    folder = site.root / "docs" / lang
    return [prefix + ("" if md.stem == "index" else md.with_suffix("").relative_to(
        folder).as_posix() + "/") for md in sorted(folder.rglob("*.md"))]


def test_a_title_edit_reaches_every_page_that_shows_it(preview: tuple[TinySite, str]) -> None:
    """Titles appear in every page's menu: a front matter edit rebuilds every page of its
    language, and the pages of the other language stay as they were, correct."""
    site, url = preview
    _wait_for(url + "fr/", "Guide des parents")
    english = {address: _unstamped(url + address) for address in _pages(site, "en")}
    site.write("docs/fr/guide.md", page("Guide « parents » & élèves"))
    _wait_for(url + "fr/guide/", ">Guide «\u00a0parents\u00a0» &amp; élèves</h1>")
    french = _pages(site, "fr")
    assert len(french) > 3
    for address in french:
        html = _wait_for(url + address, "Guide «\u00a0parents\u00a0» &amp; élèves")
        assert "Guide des parents" not in html, address
    assert {address: _unstamped(url + address) for address in english} == english
    # Then an English title: English pages change, French ones keep the French title.
    site.write("docs/en/guide.md", page("Guide for “parents” & students"))
    for address in english:
        html = _wait_for(url + address, "Guide for “parents” &amp; students")
        assert ">Guide<" not in html, address
    for address in french:
        assert "Guide «\u00a0parents\u00a0» &amp; élèves" in _served(url + address), address
    site.write("docs/en/privacy.md", page("Privacy", "Edited again.\n", type="statement"))
    _wait_for(url + "privacy/", "Edited again.")
    assert "Guide «\u00a0parents\u00a0» &amp; élèves" in _served(url + "fr/privacy/")


def stop(server: subprocess.Popen[bytes]) -> None:
    """Ctrl+C, as an editor stops the preview: it removes its temporary site folder."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(10)
