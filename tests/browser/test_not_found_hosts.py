"""A visitor on a missing address gets the 404 page in the language of that address, on every
host the README names, each mimicked by its rule for missing pages:

- Cloudflare Pages serves the nearest 404.html up the path (fr/404.html for /fr/...);
- Netlify follows `_redirects` (the build writes `/fr/*  /fr/404.html  404`);
- GitHub Pages and S3 serve the site root's 404.html for every address: it shows the language
  of the address with JavaScript, and every language without.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, expect

from .conftest import VIEWPORTS

HOSTS = ("cloudflare", "netlify", "single-page")


class HostHandler(SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, host: str, site: Path, **kwargs: Any) -> None:
        self.host, self.site = host, site
        super().__init__(*args, directory=str(site), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def not_found_page(self) -> Path:
        path = PurePosixPath(unquote(urlsplit(self.path).path))
        if self.host == "cloudflare":
            for folder in [path, *path.parents]:
                candidate = self.site / folder.as_posix().lstrip("/") / "404.html"
                if candidate.is_file():
                    return candidate
        if self.host == "netlify":
            for line in (self.site / "_redirects").read_text(encoding="utf-8").splitlines():
                if not line.strip() or line.startswith("#"):
                    continue
                source, target, status = line.split()
                if status == "404" and str(path).startswith(source.removesuffix("*")):
                    return self.site / target.lstrip("/")
        return self.site / "404.html"

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = self.not_found_page().read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module", params=HOSTS)
def host(request: pytest.FixtureRequest, site_dir: Path) -> Iterator[tuple[str, str]]:
    handler = functools.partial(HostHandler, host=request.param, site=site_dir)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield request.param, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("address", "lang", "title", "other"), [
    ("fr/pas-ici/du-tout/", "fr", "Page introuvable", "Page not found"),
    ("not/here/", "en", "Page not found", "Page introuvable"),
])
@pytest.mark.parametrize("screen", list(VIEWPORTS))
def test_a_missing_address_gets_the_404_page_of_its_language(
        browser: Browser, host: tuple[str, str], address: str, lang: str, title: str,
        other: str, screen: str) -> None:
    name, root = host
    context = browser.new_context(**VIEWPORTS[screen])
    try:
        page = context.new_page()
        response = page.goto(root + address)
        assert response is not None and response.status == 404, name
        expect(page.locator("h1")).to_have_text(title)
        assert page.evaluate("document.documentElement.lang") == lang, name
        assert page.title().startswith(title), (name, page.title())
        assert other not in page.locator("body").inner_text(), name
        crisis = page.locator("#crisis-help")
        expect(crisis).to_be_visible()
        heading = "Besoin d'aide maintenant\u00a0?" if lang == "fr" else "Need help now?"
        assert crisis.inner_text().startswith(heading), (name, crisis.inner_text()[:60])
        home = page.locator("main a", has_text="accueil" if lang == "fr" else "home page")
        assert home.first.get_attribute("href") == ("/fr/" if lang == "fr" else "/")
    finally:
        context.close()


def test_without_javascript_the_single_404_page_offers_every_language(
        browser: Browser, site_dir: Path) -> None:
    handler = functools.partial(HostHandler, host="single-page", site=site_dir)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/fr/absente/")
        text = page.locator("body").inner_text()
        assert "Page not found" in text and "Page introuvable" in text
        assert "Kids Help Phone" in text and "Jeunesse, J'écoute" in text
    finally:
        context.close()
        server.shutdown()
        server.server_close()
