"""Real-browser tests: the default site built once, served on 127.0.0.1, one headless Chromium.

Every test in this folder is marked `browser` (run them alone with `pytest -m browser`, skip
them with `-m "not browser"`). Nothing here reaches the network: the sites are served from a
local thread and every request that would leave 127.0.0.1 is recorded and fails (the browser
sends it to a proxy that is not there).

Tests ask for these fixtures by name and are parametrized here:

- `target`: a page type in one language (home, role, topic, pillar, tiers, case study, help,
  accessibility statement, and the 404 page at a missing address), English and French;
- `content_target`: the same without the 404 page (pages that have a counterpart);
- `viewport`: "desktop" (1280x800) or "phone" (390x844).

A page costs most of a browser test's time, so a test that only reads a page takes it from
`pristine`: each page is opened once per worker and shared by every such test, and the tests of
one page run on one worker, one after the other (each is in the xdist group of its page; the
test command runs pytest with `--dist loadgroup`). A test that acts on a page (keys, clicks,
navigation) opens it in a `tab` of its own for the test (a tab an earlier test was done with,
its sessionStorage emptied, or a new one); one that writes storage, needs its own history or
sets up the browser context (init scripts, cookies) opens a `visit`, in a context of its own.
Should a test change a shared page all the same, the next test gets the page opened afresh.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page, Request, Response, sync_playwright

from sitekit import ROOT, SUBPATH_SITE_URL, default_build

HERE = Path(__file__).resolve().parent

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 # Every request but to 127.0.0.1 goes to a proxy that is not there, and fails
                 # (Chromium never sends the machine's own address through a proxy). Routing
                 # requests in Playwright would do the same, but turns the HTTP cache off and
                 # doubles the cost of every page.
                 "--proxy-server=http://127.0.0.1:9"]
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


@dataclass(frozen=True)
class Address:
    """A page to test at one screen size, for tests parametrized by address."""

    rel: str
    viewport: str = "desktop"

    def __str__(self) -> str:
        return f"/{self.rel}-{self.viewport}"


TARGETS = [Target(kind, path, lang) for lang in LANGUAGES for kind, path in PAGE_TYPES]
CONTENT_TARGETS = [t for t in TARGETS if not t.is_not_found]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "target" in metafunc.fixturenames:
        metafunc.parametrize("target", TARGETS, ids=str, scope="module")
    if "content_target" in metafunc.fixturenames:
        metafunc.parametrize("content_target", CONTENT_TARGETS, ids=str, scope="module")
    if "viewport" in metafunc.fixturenames:
        metafunc.parametrize("viewport", list(VIEWPORTS), scope="module")


@pytest.hookimpl(wrapper=True)  # before every other plugin: xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config,
                                  items: list[pytest.Item]) -> Iterator[None]:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)
            page = page_of(item)
            if page is not None:  # the tests of one page share its loads, on one worker
                item.add_marker(pytest.mark.xdist_group(f"page:{page}"))
    return (yield)


def page_of(item: pytest.Item) -> str | None:
    """The address a test is parametrized with (a parameter with a `rel`), if any."""
    callspec = getattr(item, "callspec", None)
    for value in (callspec.params.values() if callspec else ()):
        rel = getattr(value, "rel", None)
        if isinstance(rel, str):
            return rel
    return None


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

@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's default site, built strictly once for the whole run."""
    return default_build(tmp_path_factory).site


@pytest.fixture(scope="session")
def subpath_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return default_build(tmp_path_factory, site_url=SUBPATH_SITE_URL).site


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


class _SiteServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that leaves a page hangs up on what it still loads, as on any host."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def _serve(directory: Path, not_found_page: Path,
           header_rules: Sequence[HeaderRule] = ()) -> Iterator[ThreadingHTTPServer]:
    handler = functools.partial(_SiteHandler, directory=str(directory),
                                not_found_page=not_found_page, header_rules=header_rules)
    httpd = _SiteServer(("127.0.0.1", 0), handler)
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
    in_flight: int = 0   # requests started and not finished
    activity: int = 0    # requests started or ended so far
    # Results of expensive read-only checks (axe), kept while the page stays as it loaded.
    memo: dict[str, Any] = field(default_factory=dict)
    # The recorders on the page (event name, handler), taken off when the pool reuses it,
    # and the key of the pool's context whose next page may open in it.
    listeners: list[tuple[str, Callable[..., None]]] = field(default_factory=list)
    spare_key: str | None = None

    def settle(self, quiet_ms: int = 100, timeout_ms: int = 10_000) -> None:
        """Wait until no request has started or ended for `quiet_ms` and none is in flight:
        Playwright's "networkidle" with a shorter window than its 500 ms."""
        waited = 0
        while True:
            seen = self.activity
            self.page.wait_for_timeout(quiet_ms)  # lets the page's events in
            waited += quiet_ms
            if self.in_flight == 0 and self.activity == seen:
                return
            assert waited < timeout_ms, f"requests still in flight after {timeout_ms} ms"

    def state(self) -> list[Any]:
        """What a read-only test leaves as it found: address, scroll, focus, the DOM's size."""
        return list(self.page.evaluate(STATE_JS))

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


STATE_JS = """() => [location.href, scrollX, scrollY,
  !document.activeElement || document.activeElement === document.body,
  document.documentElement.outerHTML.length]"""


def new_context(browser: Browser, viewport: str,
                storage: Mapping[str, Any] | None = None) -> BrowserContext:
    """A browser context at `viewport` (its requests to anything but 127.0.0.1 fail: see
    CHROMIUM_ARGS). With `storage` (name to JSON value), its pages find those items in
    localStorage, as a visitor coming back finds what the site saved."""
    context = browser.new_context(**VIEWPORTS[viewport])
    if storage:
        context.add_init_script(STORE_JS % json.dumps(
            {name: json.dumps(value) for name, value in storage.items()}))
    context.set_default_timeout(10_000)
    return context


# Runs first in every document of a context: the items, unless the page saved its own since.
STORE_JS = """(items => { try {
  if (sessionStorage.getItem('smh-test-stored')) return;
  sessionStorage.setItem('smh-test-stored', '1');
  for (const [name, value] of Object.entries(items)) localStorage.setItem(name, value);
} catch (error) {} })(%s);"""


def open_visit(browser: Browser, server: Server, rel: str, viewport: str = "desktop",
               media: str | None = None, context: BrowserContext | None = None,
               storage: Mapping[str, Any] | None = None, page: Page | None = None) -> Visit:
    """Open server.url(rel) in a fresh context (or in `page`, or a new page, of `context`,
    made by new_context), recording every request of the context (or of the page); the caller
    closes visit.context (or visit.page, or hands it back to the pool)."""
    own = context is None
    context = context or new_context(browser, viewport, storage)
    page = page or context.new_page()
    if media:
        page.emulate_media(media=media)  # type: ignore[arg-type]
    result = Visit(page, context, server.origin)
    local = server.origin + "/"

    def record(request: Request) -> None:
        result.requests.append(request.url)
        result.in_flight += 1
        result.activity += 1
        if request.resource_type not in ("fetch", "xhr"):
            result.asset_requests.append(request.url)

    def ended(request: Request) -> None:
        result.in_flight -= 1
        result.activity += 1

    def record_response(response: Response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            result.failures.append((str(response.status), response.url,
                                    response.request.resource_type))

    def record_failure(request: Request) -> None:
        ended(request)
        if request.url.startswith(local):
            result.failures.append((str(request.failure), request.url, request.resource_type))

    events = context if own else page  # a context of its own: its popups and workers too
    for name, handler in (("request", record), ("response", record_response),
                          ("requestfailed", record_failure), ("requestfinished", ended)):
        events.on(name, handler)  # type: ignore[call-overload]
        result.listeners.append((name, handler))
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


class PagePool:
    """Pages as they loaded, opened once and shared by the read-only tests of each (see the
    module's docstring). The few most recent are kept: a worker runs one page's tests together.
    Each is a tab of a context kept for its screen (and stored data), as are the pages of `tab`;
    each records its own requests. A tab a test is done with is kept too, and the next page
    of its context opens in it: opening a tab costs as much again as loading a page."""

    SPARE_TABS = 4  # per context, at most

    def __init__(self, browser: Browser, size: int = 16) -> None:
        self.browser = browser
        self.size = size
        self.pages: OrderedDict[str, tuple[Visit, list[Any]]] = OrderedDict()
        self.warm: dict[str, BrowserContext] = {}
        self.spare: dict[str, list[Page]] = {}  # tabs done with, by their context's key

    def get(self, server: Server, rel: str, viewport: str = "desktop", *,
            media: str | None = None, storage: Mapping[str, Any] | None = None,
            ready: str | None = None) -> Visit:
        """`server.url(rel)` at `viewport` with `media` ("print") emulated, after `storage`
        (name to JSON value) was put in localStorage, once `ready` (a selector) is on it."""
        key = json.dumps([server.root, rel, viewport, media, storage], sort_keys=True)
        kept = self.pages.pop(key, None)
        if kept is not None and kept[0].state() != kept[1]:  # a test changed it: open afresh
            self.give_back(kept[0])
            kept = None
        if kept is None:
            visit = self._open(server, rel, viewport, storage, media)
            if ready:
                visit.page.wait_for_selector(ready)
            visit.settle()
            kept = (visit, visit.state())
        else:
            kept[0].page.bring_to_front()  # behind other tabs it would draw no frames
            if ready:
                kept[0].page.wait_for_selector(ready)
        self.pages[key] = kept
        while len(self.pages) > self.size:
            self.give_back(self.pages.popitem(last=False)[1][0])
        return kept[0]

    def tab(self, server: Server, rel: str, viewport: str = "desktop", *,
            storage: Mapping[str, Any] | None = None) -> Visit:
        """`server.url(rel)` in a tab of a context kept for `viewport` and `storage`, for one
        test: its own document, focus, scroll and requests, and sessionStorage as a new tab
        has it; the HTTP cache of the tabs before it. The caller hands it back (give_back); a
        test that writes storage, needs its own history or sets up the context opens a `visit`
        instead."""
        return self._open(server, rel, viewport, storage)

    def give_back(self, visit: Visit) -> None:
        """A tab a test is done with: its recorders off and its sessionStorage empty, it waits
        for the next page of its context (or is closed, if it was set up otherwise)."""
        page = visit.page
        for name, handler in visit.listeners:
            page.remove_listener(name, handler)
        spare = self.spare[visit.spare_key] if visit.spare_key else None
        if (spare is None or len(spare) >= self.SPARE_TABS
                or not page.url.startswith(visit.origin + "/")):
            page.close()
            return
        page.evaluate("() => sessionStorage.clear()")  # a new tab's: STORE_JS puts items again
        spare.append(page)

    def _open(self, server: Server, rel: str, viewport: str,
              storage: Mapping[str, Any] | None, media: str | None = None) -> Visit:
        """The page in the context kept for `server`, `viewport` and `storage` (made on first
        use), in a spare tab of it when there is one: its HTTP cache is the tabs' before it."""
        key = json.dumps([server.root, viewport, storage], sort_keys=True)
        if key not in self.warm:
            self.warm[key] = new_context(self.browser, viewport, storage)
            self.spare[key] = []
        reused = self.spare[key].pop() if self.spare[key] and not media else None
        if reused is not None:
            # A tab behind others draws no frames: a wheel, a key or anything waiting for a
            # frame would stall for a second.
            reused.bring_to_front()
        visit = open_visit(self.browser, server, rel, viewport, media,
                           context=self.warm[key], page=reused)
        visit.spare_key = None if media else key
        return visit

    def close(self) -> None:
        for context in self.warm.values():
            context.close()
        self.pages.clear()
        self.warm.clear()
        self.spare.clear()


@pytest.fixture(scope="session")
def pool(browser: Browser) -> Iterator[PagePool]:
    shared = PagePool(browser)
    yield shared
    shared.close()


@pytest.fixture
def pristine(pool: PagePool) -> Callable[..., Visit]:
    """`pristine(server, rel, viewport="desktop", media=None, storage=None, ready=None)`: the
    page as it loaded, shared with the other tests that only read it."""
    return pool.get


@pytest.fixture
def tab(pool: PagePool) -> Iterator[Callable[..., Visit]]:
    """`tab(server, rel, viewport="desktop", storage=None)`: a new tab for a test that acts on
    the page by keyboard or mouse (see PagePool.tab)."""
    opened: list[Visit] = []

    def open_tab(server: Server, rel: str, viewport: str = "desktop", *,
                 storage: Mapping[str, Any] | None = None) -> Visit:
        opened.append(pool.tab(server, rel, viewport, storage=storage))
        return opened[-1]

    yield open_tab
    for visit in opened:
        pool.give_back(visit)


@pytest.fixture
def loaded(pool: PagePool, server: Server, target: Target, viewport: str) -> Visit:
    """The target page on the default site, as it loaded, at `viewport`."""
    return pool.get(server, target.rel, viewport)

