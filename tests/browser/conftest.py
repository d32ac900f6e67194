"""Real-browser tests: the default site built once, served on 127.0.0.1, one headless Chromium.

Every test in this folder is marked `browser` (run them alone with `pytest -m browser`, skip
them with `-m "not browser"`). Nothing here reaches the network: the sites are served from a
local thread and every request that would leave 127.0.0.1 is recorded and aborted.

Tests ask for these fixtures by name and are parametrized here:

- `target`: a page type in one language (home, role, topic, pillar, tiers, case study, help,
  accessibility statement, and the 404 page at a missing address), English and French;
- `content_target`: the same without the 404 page (pages that have a counterpart);
- `viewport`: "desktop" (1280x800) or "phone" (390x844).
"""

from __future__ import annotations

import functools
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page, Request, Response, sync_playwright

from sitekit import ROOT

HERE = Path(__file__).resolve().parent

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
LANGUAGES = ("en", "fr")

# (kind, path under the language root). The 404 page is asked for at an address that does not
# exist; the server answers with site/404.html and status 404, as static hosts do.
PAGE_TYPES = [
    ("home", ""),
    ("role", "roles/parents/"),
    ("topic", "topics/anxiety/"),
    ("pillar", "pillars/equity/"),
    ("tiers", "about/tiers/"),
    ("case-study", "case-studies/networked-district/"),
    ("help", "get-help/"),
    ("statement", "accessibility/"),
    ("not-found", "no-such-page/"),
]

SUBPATH_SITE_URL = "https://board.example/mental-health/"
SUBPATH_PREFIX = "/mental-health/"

# Schemes a page may "request" without anything leaving the machine.
LOCAL_SCHEMES = ("tel:", "sms:", "data:", "about:", "blob:")


@dataclass(frozen=True)
class Target:
    kind: str
    path: str
    lang: str

    @property
    def is_not_found(self) -> bool:
        return self.kind == "not-found"

    @property
    def rel(self) -> str:
        """Address relative to the site root: "fr/roles/parents/"."""
        return ("fr/" if self.lang == "fr" else "") + self.path

    @property
    def counterpart(self) -> Target:
        return Target(self.kind, self.path, "en" if self.lang == "fr" else "fr")

    def __str__(self) -> str:
        return f"{self.lang}-{self.kind}"


TARGETS = [Target(kind, path, lang) for lang in LANGUAGES for kind, path in PAGE_TYPES]
CONTENT_TARGETS = [t for t in TARGETS if not t.is_not_found]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "target" in metafunc.fixturenames:
        metafunc.parametrize("target", TARGETS, ids=str, scope="module")
    if "content_target" in metafunc.fixturenames:
        metafunc.parametrize("content_target", CONTENT_TARGETS, ids=str, scope="module")
    if "viewport" in metafunc.fixturenames:
        metafunc.parametrize("viewport", list(VIEWPORTS), scope="module")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


# ------------------------------------------------------------------ data the pages are built from

@pytest.fixture(scope="session")
def crisis_data() -> list[dict[str, Any]]:
    data = yaml.safe_load((ROOT / "data" / "crisis_lines.yml").read_text(encoding="utf-8"))
    return list(data["lines"])


@pytest.fixture(scope="session")
def ui_text() -> dict[str, dict[str, str]]:
    data = yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))
    return {key: {lang: str(value[lang]) for lang in LANGUAGES} for key, value in data.items()}


# ------------------------------------------------------------------ built sites

def build_site(site_dir: Path, **overrides: Any) -> Path:
    """Build the project's default site for real, strictly, into `site_dir`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    config = load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(site_dir),
                         **overrides)
    build(config)
    return site_dir


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("default") / "site")


@pytest.fixture(scope="session")
def subpath_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("subpath") / "site", site_url=SUBPATH_SITE_URL)


# ------------------------------------------------------------------ local servers

# A `_headers` block: the path pattern it applies to, and its (name, value) headers.
HeaderRule = tuple[re.Pattern[str], list[tuple[str, str]]]


def parse_headers_file(text: str) -> list[HeaderRule]:
    """Netlify and Cloudflare Pages `_headers`: a path line, then indented `Name: value` lines.

    `*` matches anything, slashes included; `#` starts a comment line. Every block whose pattern
    matches a request applies to its response, as on those hosts.
    """
    rules: list[HeaderRule] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            parts = map(re.escape, line.strip().split("*"))
            rules.append((re.compile("^" + ".*".join(parts) + "$"), []))
            continue
        name, colon, value = line.strip().partition(":")
        assert rules and colon, f"_headers: header line outside a path block: {line!r}"
        rules[-1][1].append((name.strip(), value.strip()))
    return rules


class _SiteHandler(SimpleHTTPRequestHandler):
    """Static files; a missing address gets the site's 404 page with status 404, no listings.

    With `header_rules`, every response also carries the headers of the rules matching its path.
    """

    not_found_page: Path
    header_rules: Sequence[HeaderRule]

    def __init__(self, *args: Any, not_found_page: Path,
                 header_rules: Sequence[HeaderRule] = (), **kwargs: Any) -> None:
        self.not_found_page = not_found_page
        self.header_rules = header_rules
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        path = unquote(urlsplit(self.path).path)
        for pattern, headers in self.header_rules:
            if pattern.match(path):
                for name, value in headers:
                    self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def list_directory(self, path: str | os.PathLike[str]) -> None:  # type: ignore[override]
        self.send_error(404)
        return None

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        if code != 404 or not self.not_found_page.is_file():
            super().send_error(code, message, explain)
            return
        body = self.not_found_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@dataclass
class Server:
    origin: str          # "http://127.0.0.1:PORT"
    root: str            # URL of the site root, ending in "/"
    site: Path           # the built site the root URL serves

    def url(self, rel: str = "") -> str:
        return self.root + rel


@contextmanager
def _serve(directory: Path, not_found_page: Path,
           header_rules: Sequence[HeaderRule] = ()) -> Iterator[ThreadingHTTPServer]:
    handler = functools.partial(_SiteHandler, directory=str(directory),
                                not_found_page=not_found_page, header_rules=header_rules)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture(scope="session")
def server(site_dir: Path) -> Iterator[Server]:
    """The default site at http://127.0.0.1:PORT/."""
    with _serve(site_dir, site_dir / "404.html") as httpd:
        origin = f"http://127.0.0.1:{httpd.server_address[1]}"
        yield Server(origin, origin + "/", site_dir)


@pytest.fixture(scope="session")
def subpath_server(subpath_site_dir: Path,
                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The site built for https://board.example/mental-health/, at http://127.0.0.1:PORT/mental-health/."""
    served = tmp_path_factory.mktemp("subpath-root")
    (served / SUBPATH_PREFIX.strip("/")).symlink_to(subpath_site_dir, target_is_directory=True)
    with _serve(served, subpath_site_dir / "404.html") as httpd:
        origin = f"http://127.0.0.1:{httpd.server_address[1]}"
        yield Server(origin, origin + SUBPATH_PREFIX, subpath_site_dir)


@contextmanager
def serve_with_headers(site: Path) -> Iterator[Server]:
    """A built site at http://127.0.0.1:PORT/, every response with the headers its own
    `site/_headers` gives that path, as Netlify and Cloudflare Pages serve it."""
    rules = parse_headers_file((site / "_headers").read_text(encoding="utf-8"))
    with _serve(site, site / "404.html", rules) as httpd:
        origin = f"http://127.0.0.1:{httpd.server_address[1]}"
        yield Server(origin, origin + "/", site)


@pytest.fixture(scope="session")
def headers_server(site_dir: Path) -> Iterator[Server]:
    """The default site with the response headers of its `_headers` file."""
    with serve_with_headers(site_dir) as server:
        yield server


# ------------------------------------------------------------------ browser

@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Visit:
    """One page in its own browser context, with every request it made."""

    page: Page
    context: BrowserContext
    origin: str
    requests: list[str] = field(default_factory=list)
    asset_requests: list[str] = field(default_factory=list)  # all but fetch/XHR
    # Local subresources that did not load: (status or error, url, resource type).
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    status: int | None = None

    def foreign_requests(self) -> list[str]:
        local = self.origin + "/"
        return [url for url in self.requests
                if not (url.startswith(local) or url.startswith(LOCAL_SCHEMES))]

    def failed_assets(self) -> list[str]:
        """Stylesheets, scripts, images, fonts the page needs that did not load."""
        return [f"{what} {url}" for what, url, kind in self.failures
                if kind not in ("fetch", "xhr")]

    def failed_requests(self) -> list[str]:
        return [f"{what} {url} ({kind})" for what, url, kind in self.failures]


def open_visit(browser: Browser, server: Server, rel: str, viewport: str = "desktop",
               media: str | None = None) -> Visit:
    """Open server.url(rel) in a fresh context; the caller closes visit.context.

    Requests to anything but the local origin are recorded, then aborted, so a test fails
    instead of quietly reaching the network.
    """
    context = browser.new_context(**VIEWPORTS[viewport])
    context.set_default_timeout(10_000)
    local = server.origin + "/"
    context.route(re.compile("^(?!" + re.escape(local) + ")"), lambda route: route.abort())
    page = context.new_page()
    if media:
        page.emulate_media(media=media)  # type: ignore[arg-type]
    result = Visit(page, context, server.origin)

    def record(request: Request) -> None:
        result.requests.append(request.url)
        if request.resource_type not in ("fetch", "xhr"):
            result.asset_requests.append(request.url)

    def record_response(response: Response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            result.failures.append((str(response.status), response.url,
                                    response.request.resource_type))

    def record_failure(request: Request) -> None:
        if request.url.startswith(local):
            result.failures.append((str(request.failure), request.url, request.resource_type))

    context.on("request", record)
    context.on("response", record_response)
    context.on("requestfailed", record_failure)
    response = page.goto(server.url(rel), wait_until="load")
    result.status = response.status if response else None
    return result


@pytest.fixture
def visit(browser: Browser) -> Iterator[Callable[..., Visit]]:
    """`visit(server, rel, viewport, media=None)`: a fresh page, for tests that act on it."""
    contexts: list[BrowserContext] = []

    def open_page(server: Server, rel: str, viewport: str = "desktop",
                  media: str | None = None) -> Visit:
        result = open_visit(browser, server, rel, viewport, media)
        contexts.append(result.context)
        return result

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def loaded(browser: Browser, server: Server, target: Target, viewport: str) -> Iterator[Visit]:
    """The target page on the default site, loaded once and shared by the read-only tests of a
    module (`target` and `viewport` are module-scoped, so pytest runs those tests together)."""
    result = open_visit(browser, server, target.rel, viewport)
    yield result
    result.context.close()
