"""The site served with its own `_headers`, as Netlify and Cloudflare Pages serve it: every page
keeps to its Content-Security-Policy, stores nothing in the browser and calls nobody else.

The policy is built from the inline scripts in the HTML; what Pagefind's interface or our own
scripts do at run time is only seen here. The last tests break a page on purpose to show that
the recorder used by all the others does report a violation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage

from browser.conftest import Server, Target, Visit, _serve, serve_with_headers
from sitekit import make_site

# Runs in every document before its own scripts.
RECORDER_JS = """
window.__smhViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__smhViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`
  + ` at ${e.sourceFile}:${e.lineNumber}`));
"""
STORAGE_JS = "() => [Object.keys(localStorage), Object.keys(sessionStorage), document.cookie]"
# Warnings that mean a header or meta policy the site ships is partly ignored.
POLICY_WARNING = re.compile(r"Content.Security.Policy|Permissions-Policy", re.IGNORECASE)


@dataclass
class Recorded:
    visit: Visit
    status: int | None
    csp_header: str | None
    console: list[str]

    @property
    def page(self) -> Any:
        return self.visit.page

    def problems(self) -> dict[str, Any]:
        """Everything a page must not do, keyed by kind; empty when it behaves."""
        local, session, cookie = self.page.evaluate(STORAGE_JS)
        found = {
            "csp violations": self.page.evaluate("window.__smhViolations"),
            "console errors": self.console,
            "cookies": self.visit.context.cookies(),
            "document.cookie": cookie,
            "localStorage": local,
            "sessionStorage": session,
            "requests leaving 127.0.0.1": self.visit.foreign_requests(),
        }
        return {kind: value for kind, value in found.items() if value}


def record(visit: Callable[..., Visit], server: Server, rel: str) -> Recorded:
    """Open `rel` with the violation and console recorders armed before its first script.

    The browser context starts on a plain local file, so the recorders are in place when the
    page itself loads; the Visit keeps recording every request of the context.
    """
    opened = visit(server, "robots.txt")
    console: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # The 404 page arrives with status 404, which Chromium logs as an error about itself;
        # and when a page loads faster than Chromium reads its icon link, Chromium asks for
        # /favicon.ico by itself.
        if "404" in message.text and message.location.get("url") in (
                opened.page.url, opened.origin + "/favicon.ico"):
            return
        if message.type == "error" or POLICY_WARNING.search(message.text):
            console.append(f"{message.type}: {message.text}")

    opened.page.on("console", on_console)
    opened.page.on("pageerror", lambda error: console.append(f"uncaught: {error}"))
    opened.context.add_init_script(RECORDER_JS)
    response = opened.page.goto(server.url(rel), wait_until="load")
    return Recorded(opened, response.status if response else None,
                    response.headers.get("content-security-policy") if response else None,
                    console)


def settle(recorded: Recorded) -> None:
    """Scroll to the bottom and back, so anything loaded late has loaded."""
    for distance in (20_000, -20_000):
        recorded.page.mouse.wheel(0, distance)
        recorded.visit.settle()


@pytest.fixture(scope="module")
def header_policy(site_dir: Path) -> str:
    text = (site_dir / "_headers").read_text(encoding="utf-8")
    found = re.search(r"^\s+Content-Security-Policy: (.+)$", text, re.MULTILINE)
    assert found, "_headers sets a Content-Security-Policy"
    return found[1]


def assert_served_with_policy(recorded: Recorded, header_policy: str) -> None:
    """The response really carries the policy (so a clean run cannot be an accident)."""
    assert recorded.csp_header == header_policy
    assert "'unsafe-inline'" not in header_policy.split("script-src", 1)[1].split(";")[0]
    meta = recorded.page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert meta.count() == 1


# ------------------------------------------------------------------ the default site

def test_page_keeps_to_the_policy_and_stores_nothing(target: Target, headers_server: Server,
                                                     visit: Callable[..., Visit],
                                                     header_policy: str) -> None:
    recorded = record(visit, headers_server, target.rel)
    assert recorded.status == (404 if target.is_not_found else 200)
    assert_served_with_policy(recorded, header_policy)
    settle(recorded)
    assert recorded.problems() == {}


@pytest.mark.parametrize("rel", ["search/?q=anxiety", "fr/search/?q=anxiété"])
def test_search_keeps_to_the_policy_and_stores_nothing(rel: str, headers_server: Server,
                                                       visit: Callable[..., Visit],
                                                       header_policy: str) -> None:
    recorded = record(visit, headers_server, rel)
    assert_served_with_policy(recorded, header_policy)
    assert recorded.problems() == {}
    # Results prove Pagefind's WebAssembly ran under the policy; a blocked worker would have
    # been a violation.
    recorded.page.wait_for_selector(".smh-card__title a")
    recorded.visit.settle()
    assert recorded.problems() == {}


@pytest.mark.parametrize("lang", ["", "fr/"])
def test_filtered_library_keeps_to_the_policy_and_stores_nothing(
        lang: str, headers_server: Server, visit: Callable[..., Visit],
        header_policy: str) -> None:
    recorded = record(visit, headers_server, f"{lang}resources/")
    assert_served_with_policy(recorded, header_policy)
    assert recorded.problems() == {}
    page = recorded.page
    page.locator("input[name='audience'][value='parents']").check()
    # A function, not an expression: Playwright evaluates a bare expression with eval(),
    # which the policy forbids.
    page.wait_for_function(
        "() => !document.querySelector('[data-smh-hub]').hasAttribute('aria-busy')")
    assert "audience=parents" in page.url
    recorded.visit.settle()
    assert recorded.problems() == {}


# ------------------------------------------------------------------ the recorder can fail

INJECTED_SCRIPT = "<script>window.__smhInjected = true</script>"
WEB_FONT = ('<link rel="stylesheet" '
            'href="https://fonts.googleapis.com/css2?family=Roboto:wght@400;700&display=swap">')
_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?')


def _inject(page: Path, markup: str, *, keep_meta: bool = True) -> None:
    text = page.read_text(encoding="utf-8")
    if not keep_meta:
        text = _META.sub("", text)
    page.write_text(text.replace("</body>", markup + "</body>", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny site whose pages gained, after the build, what their policy does not allow."""
    site = make_site(tmp_path_factory.mktemp("broken"))
    site.build()
    built = site.site
    _inject(built / "index.html", INJECTED_SCRIPT, keep_meta=False)  # only the header guards it
    _inject(built / "get-help" / "index.html", INJECTED_SCRIPT)      # meta and header
    _inject(built / "fr" / "index.html", WEB_FONT)
    return built


@pytest.fixture(scope="module")
def broken_server(broken_site: Path) -> Iterator[Server]:
    with serve_with_headers(broken_site) as server:
        yield server


@pytest.fixture(scope="module")
def broken_server_without_headers(broken_site: Path) -> Iterator[Server]:
    """The same files from a host that sets no headers (GitHub Pages): the meta tag alone."""
    with _serve(broken_site, broken_site / "404.html") as httpd:
        origin = f"http://127.0.0.1:{httpd.server_address[1]}"
        yield Server(origin, origin + "/", broken_site)


@pytest.mark.parametrize(("served_by", "rel"), [
    ("broken_server", ""),
    ("broken_server", "get-help/"),
    ("broken_server_without_headers", "get-help/"),
])
def test_recorder_reports_an_inline_script_the_policy_does_not_allow(
        served_by: str, rel: str, request: pytest.FixtureRequest,
        visit: Callable[..., Visit]) -> None:
    server: Server = request.getfixturevalue(served_by)
    recorded = record(visit, server, rel)
    assert (recorded.csp_header is not None) == (served_by == "broken_server")
    problems = recorded.problems()
    assert any(v.startswith("script-src-elem blocked inline")
               for v in problems.get("csp violations", [])), problems
    assert recorded.page.evaluate("window.__smhInjected") is None


def test_recorder_reports_a_web_font_stylesheet(broken_server: Server,
                                                visit: Callable[..., Visit]) -> None:
    recorded = record(visit, broken_server, "fr/")
    problems = recorded.problems()
    reported = [*problems.get("csp violations", []),
                *problems.get("requests leaving 127.0.0.1", [])]
    assert any("fonts.googleapis.com" in item for item in reported), problems


def test_recorder_reports_storage_and_cookies(headers_server: Server,
                                              visit: Callable[..., Visit]) -> None:
    recorded = record(visit, headers_server, "")
    recorded.page.evaluate("""() => {
      localStorage.setItem('a', '1'); sessionStorage.setItem('b', '2'); document.cookie = 'c=3';
    }""")
    assert set(recorded.problems()) == {"localStorage", "sessionStorage", "cookies",
                                        "document.cookie"}
