"""Measure the site against its budgets, at the size of a large library.

    .venv/bin/python benchmarks/run.py --resources 2000            # print a Markdown table
    .venv/bin/python benchmarks/run.py --resources 2000 --write    # also update BENCHMARKS.md

Builds a copy of the project with N synthetic resources per language (seeded, so runs compare),
then measures the build, the hub's first load, resource page size, a search query's download and
`smhsite check`. Compressed sizes are gzip level 6, what static hosts commonly serve.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BUDGETS = {"hub_first_load_kb": 150, "search_query_kb": 300, "resource_page_kb": 30}

# Facets come from the project's own taxonomy, so another site's data benchmarks as it is.
TAXONOMY = yaml.safe_load((ROOT / "data" / "taxonomy.yml").read_text(encoding="utf-8"))
AUDIENCES, TOPICS, PILLARS, FORMATS, DIVISIONS = (
    [term["id"] for term in TAXONOMY[facet]]
    for facet in ("audiences", "topics", "pillars", "formats", "divisions"))
TIERS = [str(term["id"]) for term in TAXONOMY["tiers"]]
WORDS = {
    "en": [
        "students", "school", "support", "wellbeing", "calm", "worry", "family",
        "classroom", "routine", "listen", "plan", "notice", "kindness", "belonging",
        "help", "adult", "practice", "reflect", "breathe", "sleep", "friends", "talk",
    ],
    "fr": [
        "élèves", "école", "soutien", "bien-être", "calme", "inquiétude", "famille",
        "classe", "routine", "écouter", "plan", "remarquer", "gentillesse",
        "appartenance", "aide", "adulte", "pratique", "réfléchir", "respirer",
        "sommeil", "amis", "parler",
    ],
}


def synthetic_resource(index: int, lang: str, rng: random.Random) -> str:
    words = WORDS[lang]
    title = " ".join(rng.choice(words) for _ in range(5)).capitalize() + f" {index}"
    body = "\n\n".join(
        "## " + " ".join(rng.choice(words) for _ in range(3)).capitalize() + "\n\n"
        + " ".join(rng.choice(words) for _ in range(60)) + "."
        for _ in range(4))
    def pick(items: list[str], most: int) -> str:
        return "[" + ", ".join(rng.sample(items, rng.randint(1, most))) + "]"
    return (f"---\ntitle: {title}\ndescription: {' '.join(rng.choice(words) for _ in range(16))}\n"
            f"type: resource\naudience: {pick(AUDIENCES, 2)}\ntopics: {pick(TOPICS, 2)}\n"
            f"tiers: {pick(TIERS, 2)}\npillars: {pick(PILLARS, 2)}\n"
            f"format: {rng.choice(FORMATS)}\ndivisions: {pick(DIVISIONS, 2)}\n"
            f"time_needed: {rng.choice([5, 10, 15, 20, 30, 45])}\n"
            f"last_reviewed: 2026-11-01\nnext_review: 2099-11-01\n---\n\n{body}\n")


def make_project(target: Path, count: int) -> None:
    for name in ("overrides", "data", "docs"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for lang in ("en", "fr"):
        rng = random.Random(2026)  # the same facets in both languages, as parity requires
        folder = target / "docs" / lang / "resources"
        for index in range(count):
            (folder / f"bench-{index:05d}.md").write_text(
                synthetic_resource(index, lang, rng), encoding="utf-8")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def first_load(site: Path, page: Path) -> int:
    """Compressed bytes of a page and the same-site CSS and JavaScript it loads at once."""
    html = page.read_bytes()
    total = gz(html)
    for ref in re.findall(rb'(?:href|src)="([^"]+\.(?:css|js))"', html):
        asset = (page.parent / ref.decode()).resolve()
        if asset.is_file() and site.resolve() in asset.parents:
            total += gz(asset.read_bytes())
    return total


def search_query_bytes(site: Path, query: str, lang_prefix: str) -> int | None:
    """Bytes the browser downloads from /pagefind/ to answer one query (None without Chromium)."""
    if not Path("/usr/bin/chromium").exists():
        return None
    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    total = 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page()
            sizes: list[int] = []

            def count(response: object) -> None:
                url = response.url  # type: ignore[attr-defined]
                if "/pagefind/" in url:
                    with contextlib.suppress(Exception):  # a cancelled request has no body
                        body = response.body()  # type: ignore[attr-defined]
                        # Pagefind's index files are stored compressed; its scripts are served
                        # compressed by the host, as the site's own pages are.
                        text = url.split("?")[0].endswith((".js", ".css", ".json"))
                        sizes.append(gz(body) if text else len(body))

            page.on("response", count)
            port = server.server_address[1]
            page.goto(f"http://127.0.0.1:{port}/{lang_prefix}search/?q={query}")
            page.wait_for_selector(".pagefind-ui__result", timeout=30000)
            page.wait_for_timeout(1000)
            total = sum(sizes)
            browser.close()
    finally:
        server.shutdown()
    return total


def run(count: int) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        make_project(project, count)
        start = time.perf_counter()
        subprocess.run([str(bin_dir / "smhsite"), "check"], cwd=project, env=env, check=True,
                       capture_output=True)
        check_seconds = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([str(bin_dir / "mkdocs"), "build", "--strict", "-q"], cwd=project, env=env,
                       check=True)
        build_seconds = time.perf_counter() - start
        site = project / "site"
        pages = sorted((site / "resources").glob("bench-*/index.html"))
        sizes = [p.stat().st_size for p in pages]
        hub = first_load(site, site / "resources" / "index.html")
        hub_fr = first_load(site, site / "fr" / "resources" / "index.html")
        query_en = search_query_bytes(site, "worry", "")
        query_fr = search_query_bytes(site, "inquiétude", "fr/")
        site_bytes = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    kb = lambda n: f"{n / 1000:.1f} KB"  # noqa: E731
    return {
        "resources per language": str(count),
        "smhsite check": f"{check_seconds:.1f} s",
        "strict build, both languages, with search index": f"{build_seconds:.1f} s",
        f"hub first load, compressed (budget {BUDGETS['hub_first_load_kb']} KB)":
            f"{kb(hub)} (fr: {kb(hub_fr)})",
        f"resource page HTML, largest (budget {BUDGETS['resource_page_kb']} KB)": kb(max(sizes)),
        "resource page HTML, median": kb(statistics.median(sizes)),
        f"one search query's download (budget {BUDGETS['search_query_kb']} KB)":
            "no Chromium" if query_en is None else f"{kb(query_en)} (fr: {kb(query_fr or 0)})",
        "whole site on disk": f"{site_bytes / 1e6:.1f} MB",
    }


def default_site_check() -> str:
    """`smhsite check` on the default site as shipped, the best of three runs."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    smhsite = str(Path(sys.executable).parent / "smhsite")
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([smhsite, "check"], cwd=ROOT, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return f"`smhsite check` on the default site: {min(times):.2f} s (best of three runs)."


def save_to_visible(rounds: int = 3) -> dict[str, float]:
    """Seconds from saving a page to the preview serving the change (the default site, `mkdocs
    serve` as `scripts/serve.sh` runs it), the median of a few saves: an edit to a page's text,
    which rebuilds that page, and to its title, which every page's menu shows."""
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    serve = (ROOT / "scripts" / "serve.sh").read_text(encoding="utf-8")
    flags = serve.split("mkdocs serve ")[1].split("--dev-addr")[0].split()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        for name in ("overrides", "data", "docs"):
            shutil.copytree(ROOT / name, project / name)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *flags, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/fr/topics/anxiety/"

        def page() -> str:
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as answer:
                return str(answer.read().decode("utf-8"))
            return ""

        source = project / "docs" / "fr" / "topics" / "anxiety.md"
        original = source.read_text(encoding="utf-8")
        edits = {
            "text": ("Tout le monde", "Chaque personne {n}", "Chaque personne {n}"),
            "title": ("title: Anxiété", "title: Anxiété {n}", "<h1>Anxiété {n}</h1>"),
        }
        try:
            deadline = time.monotonic() + 120
            while "Anxiété" not in page() and time.monotonic() < deadline:
                time.sleep(0.2)
            for kind, (old, new, shown) in edits.items():
                assert old in original, f"{source}: {old!r} not found"
                times = []
                for index in range(rounds):
                    time.sleep(1.5)  # let the watcher settle between saves
                    start = time.perf_counter()
                    source.write_text(original.replace(old, new.format(n=index + 1), 1),
                                      encoding="utf-8")
                    while shown.format(n=index + 1) not in page():
                        time.sleep(0.05)
                    times.append(time.perf_counter() - start)
                results[kind] = statistics.median(times)
        finally:
            server.terminate()
            server.wait(10)
    return results


def preview_text() -> str:
    times = save_to_visible()
    return ("Preview (`scripts/serve.sh`), from saving a page to the change being served "
            "(default site, median of three saves): "
            f"{times['text']:.1f} s for an edit to a page's text (only that page is built "
            f"again), {times['title']:.1f} s for an edit to its title (every page's menu shows "
            "it, so every page is built again).")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--resources", type=int, action="append",
                        help="resources per language (repeatable); default 100 and 2000")
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    parser.add_argument("--preview-only", action="store_true",
                        help="measure the preview's save-to-visible time only")
    args = parser.parse_args()
    if args.preview_only:
        print(preview_text())
        return
    rows = [run(n) for n in (args.resources or [100, 2000])]
    keys = list(rows[0])
    table = ["| measure | " + " | ".join(r[keys[0]] for r in rows) + " |",
             "|---|" + "---|" * len(rows)]
    table += ["| " + key + " | " + " | ".join(r[key] for r in rows) + " |" for key in keys[1:]]
    text = ("\n".join(table) + "\n\n" + default_site_check()
            + "\n\n" + preview_text())
    print(text)
    if args.write:
        doc = ROOT / "BENCHMARKS.md"
        head = doc.read_text("utf-8").split("<!-- results -->")[0] if doc.exists() else ""
        doc.write_text(head + "<!-- results -->\n" + text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
