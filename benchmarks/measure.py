"""What one build costs (wall time, peak memory of its process tree) and what visitors download."""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import subprocess
import threading
import time
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_bytes: int  # resident memory of the whole process tree at its largest


def _processes() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, resident bytes), for every process now running."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            found[int(entry.name)] = (int(fields[1]), int(fields[21]) * PAGE_SIZE)
    return found


def tree_rss(root: int) -> int:
    """Resident bytes of `root` and every process below it."""
    processes = _processes()
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in processes.items():
        children.setdefault(parent, []).append(pid)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += processes.get(pid, (0, 0))[1]
        stack.extend(children.get(pid, []))
    return total


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run `command` to its end (it must succeed), sampling its tree's memory every 50 ms."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    peak = 0
    stderr: list[bytes] = []
    reader = threading.Thread(target=lambda: stderr.append(process.stderr.read()  # type: ignore[union-attr]
                                                           ), daemon=True)
    reader.start()
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    reader.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n"
                         + b"".join(stderr).decode(errors="replace")[-4000:])
    return Run(seconds, peak)


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


def files_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def search_query_bytes(site: Path, query: str, lang_prefix: str) -> int | None:
    """Bytes the browser downloads from /pagefind/ to answer one query on the search page
    (None without Chromium)."""
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import Response, sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sizes: list[int] = []

    def count(response: Response) -> None:
        if "/pagefind/" not in response.url:
            return
        with contextlib.suppress(Exception):  # a cancelled request has no body
            body = response.body()
            # Pagefind's index files are stored compressed; its scripts are served compressed
            # by the host, as the site's own pages are.
            text = response.url.split("?")[0].endswith((".js", ".css", ".json"))
            sizes.append(gz(body) if text else len(body))

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.on("response", count)
            port = server.server_address[1]
            page.goto(f"http://127.0.0.1:{port}/{lang_prefix}search/?q={query}")
            page.wait_for_selector(".smh-cards .smh-card__excerpt:not(:empty)", timeout=60000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    return sum(sizes)


def plain_search_bytes(site: Path) -> int:
    """The built-in search downloads its whole index and its worker before the first result."""
    index = site / "search" / "search_index.json"
    workers = (site / "assets" / "javascripts" / "workers").glob("search*.js")
    return gz(index.read_bytes()) + sum(gz(worker.read_bytes()) for worker in workers)
