"""Measure the project side by side with the plain stack, at the size of a large library.

    .venv/bin/python benchmarks/run.py                       # N = 100, 500, 2000: print tables
    .venv/bin/python benchmarks/run.py --write               # ...and rewrite BENCHMARKS.md
    .venv/bin/python benchmarks/run.py --resources 300       # any N (repeatable)
    .venv/bin/python benchmarks/run.py --skip-plain 2000     # leave out the slowest build
    .venv/bin/python benchmarks/run.py --preview-only        # the preview's save-to-visible time
    .venv/bin/python benchmarks/run.py --suite-only          # the test suite's time
    .venv/bin/python benchmarks/run.py --workflow-only --write   # both, into BENCHMARKS.md

For each N, one generated library (`library.py`: N resources per language on top of the default
site) is built three ways: the project with its languages built in parallel (three times, before,
between and after the others; the median counts), the project in one process, and the plain
stack (MkDocs + Material + static-i18n with their defaults, every page in the sidebar, the
built-in search). Then a profile of the
project's build at the largest N, and the targets, met or not. Last, on the default site, the
times an editor and a developer wait: `smhsite check`, the preview from saving a page to seeing
it, and the whole test suite (`bash scripts/test.sh`).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from library import ROOT, make_project
from measure import (
    Run,
    files_bytes,
    first_load,
    plain_search_bytes,
    search_query_bytes,
    timed,
)

BIN = Path(sys.executable).parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
TARGETS = {"speedup": 10.0, "linear": 4.5, "page_kb": 30, "memory_mb": 1000, "check_s": 2.0,
           "hub_kb": 150, "query_kb": 300, "preview_s": 2.0, "suite_minutes": 6.0}


@dataclass
class Result:
    count: int
    check_seconds: float
    parallel: Run
    one_process: Run
    plain: Run | None
    page_median: float
    page_largest: int
    plain_page_median: float | None
    site_bytes: int
    plain_site_bytes: int | None
    hub: tuple[int, int]  # en, fr
    plain_hub: int | None
    query: tuple[int | None, int | None]
    plain_query: int | None
    search_index_seconds: float  # Pagefind alone, on the built site


def plain_config(project: Path) -> None:
    """The plain stack on the same content: Material and static-i18n as they come, every page in
    the navigation (no nav key: MkDocs lists every file), the built-in search."""
    ours = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"),
                     Loader=_Loader)
    plain = {
        "site_name": ours["site_name"], "site_url": "https://smh.example.org/",
        "docs_dir": "docs", "site_dir": "site-plain",
        "theme": {"name": "material", "language": "en"},
        "markdown_extensions": ours["markdown_extensions"],
        "plugins": ["search", {"i18n": {"docs_structure": "folder", "languages": [
            {"locale": "en", "name": "English", "default": True, "build": True},
            {"locale": "fr", "name": "Français", "build": True}]}}],
    }
    (project / "mkdocs.plain.yml").write_text(yaml.safe_dump(plain, allow_unicode=True),
                                              encoding="utf-8")


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: None)  # type: ignore[arg-type]


def sizes(site: Path) -> list[int]:
    return [page.stat().st_size for page in (site / "resources").glob("bench-*/index.html")]


def measure(count: int, plain: bool) -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        make_project(project, count)
        # The check three times, the median counts: the first run after the library is written
        # also updates the access time of its thousands of new files (relatime), which an
        # editor's check, after editing a few pages, never does.
        check_seconds = statistics.median(
            timed([str(BIN / "smhsite"), "check"], project, ENV).seconds for _ in range(3))
        build = [str(BIN / "mkdocs"), "build", "--strict", "-q"]
        # Our build, the default way, three times: before, between and after the other builds,
        # so that it is timed across the same stretch of the run as the plain stack (a shared
        # machine's speed drifts over minutes); the median counts.
        ours = [timed(build, project, dict(ENV, SMH_PARALLEL="on"))]
        one_process = timed(build, project, dict(ENV, SMH_PARALLEL="off"))
        ours.append(timed(build, project, dict(ENV, SMH_PARALLEL="on")))
        site = project / "site"
        search_index = timed([sys.executable, "-m", "pagefind", "--site", str(site)],
                             project, ENV).seconds
        pages = sizes(site)
        result = Result(
            count, check_seconds, ours[0], one_process, None, statistics.median(pages),
            max(pages), None, files_bytes(site), None,
            (first_load(site, site / "resources" / "index.html"),
             first_load(site, site / "fr" / "resources" / "index.html")), None,
            (search_query_bytes(site, "worry", ""), search_query_bytes(site, "inquiétude", "fr/")),
            None, search_index)
        if plain:
            plain_config(project)
            result.plain = timed([str(BIN / "mkdocs"), "build", "-q", "-f", "mkdocs.plain.yml"],
                                 project, ENV)
            plain_site = project / "site-plain"
            result.plain_page_median = statistics.median(sizes(plain_site))
            result.plain_site_bytes = files_bytes(plain_site)
            result.plain_hub = first_load(plain_site, plain_site / "resources" / "index.html")
            result.plain_query = plain_search_bytes(plain_site)
        ours.append(timed(build, project, dict(ENV, SMH_PARALLEL="on")))
        result.parallel = Run(statistics.median(run.seconds for run in ours),
                              max(run.peak_bytes for run in ours))
        parallel = result.parallel
        print(f"  {count} per language: {parallel.seconds:.1f} s in parallel "
              f"({', '.join(f'{run.seconds:.1f}' for run in ours)}), "
              f"{one_process.seconds:.1f} s in one process"
              + (f", plain {result.plain.seconds:.1f} s" if result.plain else ""),
              file=sys.stderr)
        return result


def profile(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        make_project(project, count)
        run = subprocess.run(
            [sys.executable, str(Path(__file__).parent / "profile_build.py"), str(project)],
            env=dict(ENV, SMH_PARALLEL="off"), check=True, capture_output=True, text=True)
        data = json.loads(run.stdout.strip().splitlines()[-1])
        return {"total": data["total"], **data["parts"]}


# ------------------------------------------------------------------ tables

def kb(n: float) -> str:
    return f"{n / 1000:.1f} KB"


def mb(n: float) -> str:
    return f"{n / 1e6:.0f} MB"


def ratio(plain: float | None, ours: float) -> str:
    return "" if plain is None else f"{plain / ours:.1f}x"


def results_table(results: list[Result]) -> str:
    def row(name: str, values: list[str]) -> str:
        return f"| {name} | " + " | ".join(values) + " |"

    skipped = "not built"
    lines = [row("resources per language", [str(r.count) for r in results]),
             "|---|" + "---|" * len(results)]
    rows: list[tuple[str, list[str]]] = [
        ("**build, ours** (strict, search index, languages in parallel)",
         [f"**{r.parallel.seconds:.1f} s**" for r in results]),
        ("build, ours, in one process", [f"{r.one_process.seconds:.1f} s" for r in results]),
        ("of which the search index (Pagefind, timed on its own)",
         [f"{r.search_index_seconds:.1f} s" for r in results]),
        ("build, plain stack", [f"{r.plain.seconds:.1f} s" if r.plain else skipped
                                for r in results]),
        ("**plain / ours**", [f"**{ratio(r.plain.seconds, r.parallel.seconds)}**" if r.plain
                              else skipped for r in results]),
        ("peak memory, ours (in parallel / one process)",
         [f"{mb(r.parallel.peak_bytes)} / {mb(r.one_process.peak_bytes)}" for r in results]),
        ("peak memory, plain stack", [mb(r.plain.peak_bytes) if r.plain else skipped
                                      for r in results]),
        ("HTML per resource page, ours (median / largest)",
         [f"{kb(r.page_median)} / {kb(r.page_largest)}" for r in results]),
        ("HTML per resource page, plain (median)",
         [kb(r.plain_page_median) if r.plain_page_median else skipped for r in results]),
        ("whole site, ours / plain",
         [f"{mb(r.site_bytes)} / " + (mb(r.plain_site_bytes) if r.plain_site_bytes else skipped)
          for r in results]),
        ("resource hub first load, compressed, ours (en / fr)",
         [f"{kb(r.hub[0])} / {kb(r.hub[1])}" for r in results]),
        ("resource index first load, compressed, plain",
         [kb(r.plain_hub) if r.plain_hub else skipped for r in results]),
        ("one search query's download, ours (en / fr)",
         [" / ".join(kb(q) if q is not None else "no Chromium" for q in r.query)
          for r in results]),
        ("one search query's download, plain (whole index and worker)",
         [kb(r.plain_query) if r.plain_query else skipped for r in results]),
        ("`smhsite check`", [f"{r.check_seconds:.1f} s" for r in results]),
    ]
    lines += [row(name, values) for name, values in rows]
    return "\n".join(lines)


def targets_table(results: list[Result]) -> tuple[str, bool]:
    by_n = {r.count: r for r in results}
    big = by_n.get(2000)
    lines = ["| target (2,000 resources per language) | limit | measured | met |",
             "|---|---|---|---|"]
    met_all = True

    def add(name: str, limit: str, value: float | None, shown: str, ok: bool) -> None:
        nonlocal met_all
        if value is None:
            lines.append(f"| {name} | {limit} | not measured | |")
            return
        met_all &= ok
        lines.append(f"| {name} | {limit} | {shown} | {'yes' if ok else '**no**'} |")

    if big is None:
        return "Targets are read at 2,000 resources per language (not measured in this run).", True
    speedup = big.plain.seconds / big.parallel.seconds if big.plain else None
    add("plain stack's build time / ours", f"at least {TARGETS['speedup']:.0f}x", speedup,
        f"{speedup or 0:.1f}x", (speedup or 0) >= TARGETS["speedup"])
    mid = by_n.get(500)
    growth = big.parallel.seconds / mid.parallel.seconds if mid else None
    add("build time at 2,000 / at 500", f"at most {TARGETS['linear']}x", growth,
        f"{growth or 0:.1f}x", (growth or 99) <= TARGETS["linear"])
    add("HTML of a resource page, largest", f"{TARGETS['page_kb']} KB", big.page_largest,
        kb(big.page_largest), big.page_largest <= TARGETS["page_kb"] * 1000)
    peak = max(big.parallel.peak_bytes, big.one_process.peak_bytes)
    add("peak memory of the build", f"{TARGETS['memory_mb']} MB", peak, mb(peak),
        peak <= TARGETS["memory_mb"] * 1e6)
    add("`smhsite check`", f"{TARGETS['check_s']:.0f} s", big.check_seconds,
        f"{big.check_seconds:.1f} s", big.check_seconds <= TARGETS["check_s"])
    hub = max(big.hub)
    add("hub first load, compressed", f"{TARGETS['hub_kb']} KB", hub, kb(hub),
        hub <= TARGETS["hub_kb"] * 1000)
    queries = [q for q in big.query if q is not None]
    query = max(queries) if queries else None
    add("one search query, compressed", f"{TARGETS['query_kb']} KB", query, kb(query or 0),
        (query or 0) <= TARGETS["query_kb"] * 1000)
    return "\n".join(lines), met_all


def profile_table(count: int, seconds: dict[str, float]) -> str:
    total = seconds.pop("total")
    lines = [f"Where the time goes in one build in one process at {count:,} resources per "
             f"language ({total:.0f} s under the profiler, which slows Python code more than "
             "the built-in code it calls, and not Pagefind, a program of its own: its real share "
             "is in the table above):", "",
             "| part of the build | share |", "|---|---|"]
    for part, spent in sorted(seconds.items(), key=lambda item: -item[1]):
        lines.append(f"| {part} | {100 * spent / total:.0f} % |")
    return "\n".join(lines)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in (
        "mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pagefind", "Markdown"))
    return (f"Measured on {dt.date.today().isoformat()}: {os.cpu_count()} cores ({cpu}), "
            f"{memory:.0f} GiB of memory, {platform.system()}, Python "
            f"{platform.python_version()}; {versions}.")


# ------------------------------------------------------------------ the preview

def save_to_visible(rounds: int = 3) -> dict[str, float]:
    """Seconds from saving a page to the preview serving the change (the default site, `mkdocs
    serve` as `scripts/serve.sh` runs it), the median of a few saves: an edit to a page's text,
    which rebuilds that page, and to its title, which every page's menu shows."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve = (ROOT / "scripts" / "serve.sh").read_text(encoding="utf-8")
    flags = serve.split("mkdocs serve ")[1].split("--dev-addr")[0].split()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        make_project(project, 0)
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *flags, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            # Ctrl+C as in a terminal, whatever this process (or Chromium's driver) did to it
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        url = f"http://127.0.0.1:{port}/fr/topics/anxiety/"

        def page() -> str:
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as answer:
                return str(answer.read().decode("utf-8"))
            return ""

        source = project / "docs" / "fr" / "topics" / "anxiety.md"
        original = source.read_text(encoding="utf-8")
        edits = {
            "text": ("Tout le monde", "Chaque personne {n}", "Chaque personne {n}"),
            "title": ("title: Anxiété", "title: Anxiété {n}", ">Anxiété {n}</h1>"),
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
            server.send_signal(signal.SIGINT)  # as Ctrl+C: the server removes its temporary site
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                print("the preview took more than 10 s to stop after Ctrl+C", file=sys.stderr)
                server.kill()
                server.wait(10)
    return results


# ------------------------------------------------------------------ the test suite

@dataclass
class Suite:
    seconds: float
    summary: str  # pytest's closing line: "1333 passed in 301.2s (0:05:01)"


def test_suite() -> Suite:
    """`bash scripts/test.sh` as the README runs it, once its setup has nothing left to do:
    lint, types, the content check and every test, on all the cores it uses."""
    script = ROOT / "scripts" / "test.sh"
    subprocess.run(["bash", str(ROOT / "scripts" / "setup.sh"), "--test"], cwd=ROOT, env=ENV,
                   check=True, capture_output=True)
    start = time.perf_counter()
    run = subprocess.run(["bash", str(script), "-q", "-p", "no:cacheprovider"], cwd=ROOT,
                         env=ENV, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    lines = [line.strip("= ") for line in run.stdout.splitlines() if " passed" in line]
    summary = lines[-1] if lines else "no test summary"
    if run.returncode != 0:
        raise SystemExit(f"the test suite failed: {summary}\n{run.stdout[-3000:]}")
    return Suite(seconds, summary)


def workflow_table(preview: dict[str, float] | None, suite: Suite | None) -> tuple[str, bool]:
    lines = ["| target (the default site) | limit | measured | met |", "|---|---|---|---|"]
    met_all = True

    def add(name: str, limit: float, value: float, unit: str, shown: str) -> None:
        nonlocal met_all
        met_all &= value <= limit
        lines.append(f"| {name} | {limit:g} {unit} | {shown} | "
                     f"{'yes' if value <= limit else '**no**'} |")

    if preview is not None:
        add("preview, an edit to a page's text (only that page is built again)",
            TARGETS["preview_s"], preview["text"], "s", f"{preview['text']:.1f} s")
        add("preview, an edit to a page's title (every page that shows it is built again)",
            TARGETS["preview_s"], preview["title"], "s", f"{preview['title']:.1f} s")
    if suite is not None:
        minutes = suite.seconds / 60
        add("the test suite, `bash scripts/test.sh` after setup", TARGETS["suite_minutes"],
            minutes, "min", f"{int(minutes)} min {suite.seconds % 60:02.0f} s ({suite.summary})")
    return "\n".join(lines), met_all


PREVIEW_HEAD = "Preview (`scripts/serve.sh`)"


def preview_text(times: dict[str, float]) -> str:
    return (PREVIEW_HEAD + ", from saving a page to the change being served "
            "(default site, median of three saves): "
            f"{times['text']:.1f} s for an edit to a page's text, {times['title']:.1f} s for "
            "an edit to its title.")


def default_site_check() -> str:
    """`smhsite check` on the default site as shipped, the best of three runs."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([str(BIN / "smhsite"), "check"], cwd=ROOT, env=ENV, check=True,
                       capture_output=True)
        times.append(time.perf_counter() - start)
    return f"`smhsite check` on the default site: {min(times):.2f} s (best of three runs)."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--resources", type=int, action="append",
                        help="resources per language (repeatable); default 100, 500 and 2000")
    parser.add_argument("--skip-plain", type=int, action="append", default=[], metavar="N",
                        help="do not build the plain stack at N (repeatable)")
    parser.add_argument("--no-profile", action="store_true", help="leave out the profile")
    parser.add_argument("--write", action="store_true", help="rewrite BENCHMARKS.md's results")
    parser.add_argument("--preview-only", action="store_true",
                        help="measure the preview's save-to-visible time only")
    parser.add_argument("--no-suite", action="store_true", help="leave out the test suite")
    parser.add_argument("--suite-only", action="store_true",
                        help="measure the test suite's time only")
    parser.add_argument("--workflow-only", action="store_true",
                        help="measure the preview and the test suite only (with --write, "
                             "rewrite that part of BENCHMARKS.md)")
    args = parser.parse_args()
    if args.preview_only or args.suite_only or args.workflow_only:
        preview = save_to_visible() if args.preview_only or args.workflow_only else None
        suite = test_suite() if args.suite_only or args.workflow_only else None
        table, met = workflow_table(preview, suite)
        text = (preview_text(preview) + "\n\n" if preview else "") + table
        print(text)
        if args.write and preview and suite:
            doc = ROOT / "BENCHMARKS.md"
            head = doc.read_text("utf-8").split(PREVIEW_HEAD)[0]
            doc.write_text(head + text + "\n", encoding="utf-8")
        if not met:
            raise SystemExit("some targets are not met (see the table)")
        return
    counts = args.resources or [100, 500, 2000]
    results = []
    for count in counts:
        print(f"building {count} resources per language...", file=sys.stderr)
        results.append(measure(count, plain=count not in args.skip_plain))
    targets, met = targets_table(results)
    sections = [machine(), results_table(results), targets]
    if not args.no_profile:
        print("profiling...", file=sys.stderr)
        sections.append(profile_table(max(counts), profile(max(counts))))
    preview = save_to_visible()
    suite = None if args.no_suite else test_suite()
    workflow, workflow_met = workflow_table(preview, suite)
    met &= workflow_met
    sections += [default_site_check(), preview_text(preview), workflow]
    text = "\n\n".join(sections)
    print(text)
    if args.write:
        doc = ROOT / "BENCHMARKS.md"
        head = doc.read_text("utf-8").split("<!-- results -->")[0] if doc.exists() else ""
        doc.write_text(head + "<!-- results -->\n" + text + "\n", encoding="utf-8")
    if not met:
        raise SystemExit("some targets are not met (see the table)")


if __name__ == "__main__":
    main()
