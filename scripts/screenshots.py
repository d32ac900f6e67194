"""Screenshots of every page type, in every language, on a phone and a desktop.

Builds the site into a temporary folder, serves it on 127.0.0.1 (a missing address gets the
404 page, as static hosts do) and writes `screenshots/<lang>-<type>-<viewport>.png`: the whole
page, and `-first-screen.png`, what a visitor sees before scrolling. One page of
each type is taken from the site's own content, so another site gets its own set.

Run it with `bash scripts/screenshots.sh` (`bash scripts/screenshots.sh topic hub` for some page
types only).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any

from playwright.sync_api import sync_playwright

from smhsite.check import check_site

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
# Addresses that show a page in a state worth seeing: a search with results, the 404 page.
EXTRA = {"search-results": ("search/", "?q=anxiety"), "not-found": ("no-such-page/", "")}
# What a visitor's learning tools hold after some use, so their pages show it.
LEARNING = {
    "format": "smh-learning", "version": 1,
    "progress": {"learn/all-staff/01-what-is-mental-health": {"done": "2026-10-02", "minutes": 15},
                 "learn/all-staff/02-words-that-help": {"done": "2026-10-09", "minutes": 15},
                 "learn/educators/01-mentally-healthy-classrooms": {"done": "2026-11-03",
                                                                    "minutes": 20}},
    "logs": {"2026-2027": {"1": {"did": "Two staff meetings on noticing and responding.",
                                 "changed": "More students ask for help early.",
                                 "next": "Start the educators pathway in January."}}},
    "assessments": [
        {"date": "2026-06-15", "ratings": {"organizational-conditions": "not-yet",
                                           "capacity-building": "emerging"}},
        {"date": "2026-11-20", "ratings": {"organizational-conditions": "emerging",
                                           "capacity-building": "established",
                                           "evidence-based-practice": "not-yet",
                                           "equity": "emerging", "alignment": "established",
                                           "quality": "embedded"}}],
    "plan": [{"element": "evidence-based-practice", "action": "Review our tier 2 programs.",
              "who": "Mental health lead", "when": "2027-02-28", "status": "doing"}],
}


class Handler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)


def addresses() -> dict[str, dict[str, str]]:
    """type -> language -> address under the site root, one page of each type."""
    site = check_site(ROOT)
    if site.languages is None:
        sys.exit("mkdocs.yml has no languages")
    found: dict[str, dict[str, str]] = {}
    for page in sorted(site.pages, key=lambda p: p.source.rel):
        rel = PurePosixPath(page.source.rel)
        path = "" if rel.name == "index.md" else rel.stem + "/"
        address = (rel.parent.as_posix() + "/" if rel.parent.name else "") + path
        prefix = "" if page.source.lang == site.languages.default else page.source.lang + "/"
        found.setdefault(page.meta.type, {}).setdefault(page.source.lang, prefix + address)
    for kind, (path, query) in EXTRA.items():
        found[kind] = {lang: ("" if lang == site.languages.default else lang + "/") + path + query
                       for lang in site.languages}
    return found


def main() -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(site)))
        server = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        root = f"http://127.0.0.1:{server.server_address[1]}/"
        if not sys.argv[1:]:
            shutil.rmtree(OUT, ignore_errors=True)
        OUT.mkdir(exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for viewport, options in VIEWPORTS.items():
                context = browser.new_context(**options)
                context.add_init_script(
                    f"localStorage.setItem('smh-learning', {json.dumps(json.dumps(LEARNING))});")
                # Nothing leaves the machine, even from a page that tried.
                context.route("**/*", lambda route: route.continue_()
                              if route.request.url.startswith(root) else route.abort())
                tab = context.new_page()
                wanted = sys.argv[1:]
                for kind, by_lang in addresses().items():
                    if wanted and kind not in wanted:
                        continue
                    for lang, address in by_lang.items():
                        tab.goto(root + address, wait_until="networkidle")
                        tab.wait_for_timeout(400)  # results drawn after the index answered
                        name = f"{lang}-{kind}-{viewport}"
                        tab.screenshot(path=OUT / f"{name}.png", full_page=True)
                        tab.screenshot(path=OUT / f"{name}-first-screen.png")
                context.close()
            browser.close()
        server.shutdown()
    print(f"{len(list(OUT.glob('*.png')))} screenshots in {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
