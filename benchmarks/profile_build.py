"""Where a build's time goes: `python profile_build.py PROJECT` builds PROJECT strictly under
cProfile, in one process, and prints seconds per part of the work as JSON.

Each function's own time counts for the part its file belongs to; the time of built-in functions
and of the standard library (regular expressions, the HTML sanitiser, string methods, URL
handling) counts for the part that called them, except file reading and writing, which are a
part of their own. The profiler slows Python code
more than built-in code, so the shares are a guide, not a measurement.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import sys
from pathlib import Path
from typing import Any

# (part, substrings of a file path), the first match wins.
PARTS: list[tuple[str, tuple[str, ...]]] = [
    ("Markdown to HTML (Python-Markdown, extensions)", ("/markdown/", "/pymdownx/")),
    ("templates (Jinja, the theme's and ours)",
     ("/jinja2/", "/markupsafe/", ".html", "<template>")),
    ("static-i18n's language passes", ("/mkdocs_static_i18n/",)),
    ("the theme's plugins and helpers (Material)", ("/material/",)),
    ("content check (front matter, links, data)", (
        "/smhsite/check.py", "/smhsite/validation.py", "/smhsite/rules.py",
        "/smhsite/markdown_scan.py", "/smhsite/markup_check.py", "/smhsite/content.py",
        "/smhsite/yamlfile.py", "/smhsite/data.py", "/smhsite/crisis.py", "/smhsite/problems.py",
        "/smhsite/translations.py", "/smhsite/languages.py", "/pydantic", "/yaml/")),
    ("catalogue, menus and page views", (
        "/smhsite/catalogue.py", "/smhsite/views.py", "/smhsite/navigation.py",
        "/smhsite/learning.py", "/smhsite/present.py")),
    ("HTML passes (sanitising, typography, links, CSP)", (
        "/smhsite/html_policy.py", "/smhsite/typography.py", "/smhsite/external_links.py",
        "/smhsite/security_headers.py")),
    ("crisis audit of every written page", ("/smhsite/crisis_audit.py",)),
    ("search index (Pagefind)", ("/subprocess.py", "/selectors.py")),
    ("MkDocs (files, navigation, links, pages)", ("/mkdocs/", "/smhsite_mkdocs/")),
]
FILE_IO = ("write", "read", "open", "mkdir", "stat", "scandir", "copyfile", "utime", "unlink",
           "rmdir", "listdir", "makedirs", "chmod", "sendfile")
FILES = "reading and writing files"
OTHER = "other (start-up, imports)"


def part_of(path: str) -> str:
    for part, markers in PARTS:
        if any(marker in path for marker in markers):
            return part
    return OTHER


def parts(stats: pstats.Stats) -> dict[str, float]:
    table: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    shares: dict[Any, dict[str, float]] = {}  # function -> part -> fraction of its own time

    def share_of(func: Any, seen: frozenset[Any] = frozenset()) -> dict[str, float]:
        if func in shares:
            return shares[func]
        path, _, name = func
        if path != "~" and (part_of(path) != OTHER or not _inherits(path)):
            result = {part_of(path): 1.0}
        elif path == "~" and any(f" {word}" in name or f".{word}" in name or f"'{word}'" in name
                                 for word in FILE_IO):
            result = {FILES: 1.0}
        else:  # a built-in or the standard library: like the code that called it
            callers = table.get(func, (0, 0, 0, 0, {}))[4]
            spent = sum(entry[2] for caller, entry in callers.items() if caller not in seen)
            result = {}
            for caller, entry in callers.items():
                if caller in seen or not spent:
                    continue
                for part, fraction in share_of(caller, seen | {func}).items():
                    result[part] = result.get(part, 0.0) + fraction * entry[2] / spent
            result = result or {OTHER: 1.0}
        if not seen:
            shares[func] = result
        return result

    totals: dict[str, float] = {}
    for func, (_, _, own, _, _) in table.items():
        for part, fraction in share_of(func).items():
            totals[part] = totals.get(part, 0.0) + own * fraction
    return totals


def _inherits(path: str) -> bool:
    """The standard library's own code, which works for whoever called it."""
    return ("/lib/python3" in path and "site-packages" not in path) or path.startswith("<frozen")


def main() -> None:
    project = Path(sys.argv[1]).resolve()
    os.chdir(project)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), strict=True)
    profiler = cProfile.Profile()
    profiler.enable()
    build(config)
    profiler.disable()
    stats = pstats.Stats(profiler)
    print(json.dumps({"total": stats.total_tt, "parts": parts(stats)}))  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
