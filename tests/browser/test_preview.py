"""The live preview as an editor uses it: a mistake shows in the browser, with file, line and
fix, and the page comes back by itself once the file is saved without the mistake."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from sitekit import TinySite, make_site, page


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[TinySite, str]]:
    site = make_site(tmp_path)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=site.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
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
        server.terminate()
        server.wait(10)


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
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=site.root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
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
        server.terminate()
        server.wait(10)
